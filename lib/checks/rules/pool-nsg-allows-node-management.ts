import { AzureRegion } from '../../catalog/azure-region';
import { NodeCommunicationRuleSet } from '../../network/node-communication-rule-set';
import { ServiceTag } from '../../network/service-tag';
import { SimplifiedPool } from '../../pool/simplified-pool';
import { BestPracticeRule, Severity } from '../rule';
import { nsgRules } from '../nsg';
import { block, list } from '../stack-view';

function portCovers443(rule: Record<string, any>): boolean {
  const ranges = [rule.destination_port_range, ...list(rule.destination_port_ranges)].filter((range) => range !== undefined);
  return ranges.some((range: string) => {
    if (range === '*') return true;
    const [from, to = from] = String(range).split('-').map(Number);
    return from <= 443 && 443 <= to;
  });
}

/** BATCH-003: the NSG in front of a simplified pool lets nodes reach Batch node management. */
export const poolNsgAllowsNodeManagement: BestPracticeRule = {
  id: 'BATCH-003',
  severity: Severity.ERROR,
  title: 'The NSG on a pool\'s subnet allows what simplified mode needs',
  explanation: 'Simplified pools need outbound 443 over any protocol to BatchNodeManagement.<Region>; an NSG carrying only the classic rules (TCP) or denying that traffic first leaves nodes unusable.',
  source: 'seeds/simplified-compute-node-communication.md, "Differences between classic and simplified modes"',
  fix: 'Use NodeCommunicationRuleSet.SIMPLIFIED or NodeCommunicationRuleSet.UNION on the pool\'s network, or add an outbound allow for port 443, protocol *, to BatchNodeManagement.<Region> ahead of any deny.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    if (pool.attributes.target_node_communication_mode !== 'Simplified') return [];
    // A SimplifiedPool behind a classic rule set reports it itself (a construct check, on even without
    // these rules); the rule covers what that check cannot see: raw pools and rules that deny first.
    const owner = pool.construct.node.scope;
    if (owner instanceof SimplifiedPool && owner.network.ruleSet === NodeCommunicationRuleSet.CLASSIC) return [];
    const subnet = stack.target(block(pool.attributes.network_configuration)?.subnet_id, 'azurerm_subnet');
    const location = stack.target(pool.attributes.account_name, 'azurerm_batch_account')?.attributes.location;
    if (!subnet || typeof location !== 'string' || !AzureRegion.isKnown(location)) return [];
    const tag = ServiceTag.batchNodeManagement(AzureRegion.of(location)).name;
    return stack.pointingAt(subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id').flatMap((association) => {
      const nsg = stack.target(association.attributes.network_security_group_id, 'azurerm_network_security_group');
      if (!nsg) return [];
      const outbound = nsgRules(stack, nsg)
        .filter((rule) => rule.direction === 'Outbound' && portCovers443(rule))
        .filter((rule) => [rule.destination_address_prefix, ...list(rule.destination_address_prefixes)].some((prefix) => prefix === tag || prefix === '*' || prefix === 'Internet'))
        .sort((a, b) => a.priority - b.priority);
      const first = outbound[0];
      if (first?.access === 'Allow' && first.protocol === '*') return [];
      const why = first === undefined ? 'no outbound rule allows it' : first.access === 'Deny' ? `rule ${first.name} (priority ${first.priority}) denies it first` : `the first matching rule (${first.name}) allows ${first.protocol} only`;
      return [{ resource: pool, message: `its subnet's NSG ${nsg.attributes.name} does not let nodes reach ${tag} on 443 over any protocol: ${why}` }];
    });
  }),
};
