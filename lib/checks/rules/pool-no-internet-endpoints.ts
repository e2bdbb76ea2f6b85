import { BestPracticeRule, Severity } from '../rule';
import { ANYWHERE, DEFAULT_RULES, nsgDecision, poolSubnetSecurity } from '../nsg';
import { block, list } from '../stack-view';

/** SEC-007: pool inbound endpoints are not open to the Internet. */
export const poolNoInternetEndpoints: BestPracticeRule = {
  id: 'SEC-007',
  severity: Severity.ERROR,
  title: 'Pool inbound endpoints are not open to the Internet',
  explanation: 'An endpoint configuration without an allow-list (or allowing *, Internet or 0.0.0.0/0) publishes SSH/RDP or your service on every node to the Internet, unless the NSG on the pool\'s subnet denies that traffic (its default rules do, when no rule of its own lets it in and no route table can widen VirtualNetwork). When the stack does not show that NSG\'s decision, the endpoint counts as open.',
  source: 'Microsoft cloud security benchmark NS-2; DESIGN.md "Nothing allows inbound from the Internet"; learn.microsoft.com "Network security groups", section "Default security rules" (DenyAllInBound); "Create an Azure Batch pool in a virtual network", "Specifying subnet-level rules" (remote access through the subnet\'s NSG); "Virtual network service tags", tag VirtualNetwork (user-defined routes widen it)',
  fix: 'Remove endpoint_configuration, or give it network_security_group_rules that allow only your ranges and deny the rest, or let no rule of the pool subnet\'s NSG allow the Internet to its port.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const { nsgs, subnet, routed } = poolSubnetSecurity(stack, pool);
    return list(block(pool.attributes.network_configuration)?.endpoint_configuration).filter((endpoint) => typeof endpoint === 'object' && endpoint !== null).flatMap((endpoint: any) => {
      const rules = list(endpoint.network_security_group_rules);
      const anywhere = ANYWHERE.map((name) => name.toLowerCase());
      const open = rules.length === 0 || rules.some((rule: any) => rule.access === 'Allow' && anywhere.includes(String(rule.source_address_prefix).toLowerCase()));
      if (!open) return [];
      // Traffic to the endpoint still passes the NSG on the pool's subnet (Learn "Create an Azure Batch
      // pool in a virtual network", "Specifying subnet-level rules": inbound 22/3389 for remote access is
      // for that NSG to allow), whose default rules let nothing in from the Internet: an NSG there that
      // denies it first closes the endpoint (an allow from named ranges before the deny is an allow-list,
      // as the endpoint's own rules may be). Behind a route table, VirtualNetwork can hold a default route
      // (Learn "Virtual network service tags"), and so AllowVNetInBound the Internet: only a deny of the
      // NSG's own closes it then. Where the NSG does not show its decision, the endpoint counts as open.
      const protocol = String(endpoint.protocol).toLowerCase() === 'udp' ? 'Udp' : 'Tcp';
      const port = Number(endpoint.backend_port);
      const closed = Number.isInteger(port) && nsgs.some((nsg) => {
        const decision = nsgDecision(stack, nsg, { direction: 'Inbound', protocol, port, tag: 'Internet', subnet, routed });
        return decision !== undefined && decision.rule.access === 'Deny' && !decision.virtualNetworkFirst && !(routed && DEFAULT_RULES.includes(decision.rule));
      });
      return closed ? [] : [{ resource: pool, message: `endpoint ${endpoint.name} (port ${endpoint.backend_port}) accepts traffic from the Internet` }];
    });
  }),
};
