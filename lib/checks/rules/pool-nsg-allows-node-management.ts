import { AzureRegion } from '../../catalog/azure-region';
import { NodeCommunicationRuleSet } from '../../network/node-communication-rule-set';
import { ServiceTag } from '../../network/service-tag';
import { SimplifiedPool } from '../../pool/simplified-pool';
import { BestPracticeRule, Severity } from '../rule';
import { decidingOutboundRule, poolSubnetNsgs } from '../nsg';

/** BATCH-003: the NSG in front of a simplified pool lets nodes reach Batch node management. */
export const poolNsgAllowsNodeManagement: BestPracticeRule = {
  id: 'BATCH-003',
  severity: Severity.ERROR,
  title: 'The NSG on a pool\'s subnet allows what simplified mode needs',
  explanation: 'Simplified pools need outbound 443 over any protocol, TCP and UDP, to BatchNodeManagement.<Region>. Azure\'s default rules allow it; an NSG rule that denies either protocol before an allow (a lockdown deny after the classic rules, which allow TCP only, for one) leaves nodes unusable.',
  source: 'seeds/simplified-compute-node-communication.md, "Differences between classic and simplified modes" and "Potential impact between classic and simplified communication modes"; learn.microsoft.com "Network security groups", section "Default security rules" (AllowInternetOutBound; Any is TCP, UDP and ICMP)',
  fix: 'Use NodeCommunicationRuleSet.SIMPLIFIED or NodeCommunicationRuleSet.UNION on the pool\'s network, or add an outbound allow for port 443, protocol *, to BatchNodeManagement.<Region> ahead of any deny.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    if (pool.attributes.target_node_communication_mode !== 'Simplified') return [];
    // A SimplifiedPool behind a classic rule set reports it itself (a construct check, on even without
    // these rules); the rule covers what that check cannot see: raw pools and rules that deny first.
    const owner = pool.construct.node.scope;
    if (owner instanceof SimplifiedPool && owner.network.ruleSet === NodeCommunicationRuleSet.CLASSIC) return [];
    const location = stack.target(pool.attributes.account_name, 'azurerm_batch_account')?.attributes.location;
    if (typeof location !== 'string' || !AzureRegion.isKnown(location)) return [];
    const tag = ServiceTag.batchNodeManagement(AzureRegion.of(location)).name;
    return poolSubnetNsgs(stack, pool).flatMap((nsg) => {
      // Any is TCP, UDP and ICMP (Learn "Network security groups", "Default security rules"); on a port it is
      // TCP and UDP, each decided by its own first matching rule, Azure's default rules last.
      const refused = (['Tcp', 'Udp'] as const).map((protocol) => ({ protocol, rule: decidingOutboundRule(stack, nsg, protocol, 443, tag) }))
        .filter(({ rule }) => rule.access !== 'Allow');
      if (refused.length === 0) return [];
      const why = refused.map(({ protocol, rule }) => `rule ${rule.name} (priority ${rule.priority}) denies ${protocol}`).join(', ');
      return [{ resource: pool, message: `its subnet's NSG ${nsg.attributes.name} does not let nodes reach ${tag} on 443 over any protocol: ${why}` }];
    });
  }),
};
