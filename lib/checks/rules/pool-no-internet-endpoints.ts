import { BestPracticeRule, Severity } from '../rule';
import { ANYWHERE } from '../nsg';
import { block, list } from '../stack-view';

/** SEC-007: pool inbound endpoints are not open to the Internet. */
export const poolNoInternetEndpoints: BestPracticeRule = {
  id: 'SEC-007',
  severity: Severity.ERROR,
  title: 'Pool inbound endpoints are not open to the Internet',
  explanation: 'An endpoint configuration without an allow-list (or allowing *) publishes SSH/RDP or your service on every node to the Internet.',
  source: 'Microsoft cloud security benchmark NS-2; DESIGN.md "Nothing allows inbound from the Internet"',
  fix: 'Remove endpoint_configuration, or give it network_security_group_rules that allow only your ranges and deny the rest.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) =>
    list(block(pool.attributes.network_configuration)?.endpoint_configuration).flatMap((endpoint: any) => {
      const rules = list(endpoint.network_security_group_rules);
      const open = rules.length === 0 || rules.some((rule: any) => rule.access === 'Allow' && ANYWHERE.includes(rule.source_address_prefix));
      return open ? [{ resource: pool, message: `endpoint ${endpoint.name} (port ${endpoint.backend_port}) accepts traffic from the Internet` }] : [];
    })),
};
