import { BestPracticeRule, Severity } from '../rule';
import { ANYWHERE, nsgDecision, poolSubnetSecurity } from '../nsg';
import { block, list } from '../stack-view';

/** SEC-007: pool inbound endpoints are not open to the Internet. */
export const poolNoInternetEndpoints: BestPracticeRule = {
  id: 'SEC-007',
  severity: Severity.ERROR,
  title: 'Pool inbound endpoints are not open to the Internet',
  explanation: 'An endpoint configuration without an allow-list (or allowing *) publishes SSH/RDP or your service on every node to the Internet, unless the NSG on the pool\'s subnet denies that traffic (its default rules do, when no rule of its own lets it in).',
  source: 'Microsoft cloud security benchmark NS-2; DESIGN.md "Nothing allows inbound from the Internet"; learn.microsoft.com "Network security groups", section "Default security rules" (DenyAllInBound)',
  fix: 'Remove endpoint_configuration, or give it network_security_group_rules that allow only your ranges and deny the rest.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const { nsgs, subnet } = poolSubnetSecurity(stack, pool);
    return list(block(pool.attributes.network_configuration)?.endpoint_configuration).flatMap((endpoint: any) => {
      const rules = list(endpoint.network_security_group_rules);
      const anywhere = ANYWHERE.map((name) => name.toLowerCase());
      const open = rules.length === 0 || rules.some((rule: any) => rule.access === 'Allow' && anywhere.includes(String(rule.source_address_prefix).toLowerCase()));
      if (!open) return [];
      // Traffic to the endpoint still passes the NSG on the pool's subnet, whose default rules let
      // nothing in from the Internet: an NSG there that denies it first closes the endpoint.
      const protocol = String(endpoint.protocol).toLowerCase() === 'udp' ? 'Udp' : 'Tcp';
      const port = Number(endpoint.backend_port);
      const closed = Number.isInteger(port) && nsgs.some((nsg) => nsgDecision(stack, nsg, { direction: 'Inbound', protocol, port, tag: 'Internet', subnet })?.rule.access === 'Deny');
      return closed ? [] : [{ resource: pool, message: `endpoint ${endpoint.name} (port ${endpoint.backend_port}) accepts traffic from the Internet` }];
    });
  }),
};
