import { AzureRegion } from '../../catalog/azure-region';
import { NodeCommunicationRuleSet } from '../../network/node-communication-rule-set';
import { ServiceTag } from '../../network/service-tag';
import { SimplifiedPool } from '../../pool/simplified-pool';
import { BestPracticeRule, Severity } from '../rule';
import { list } from '../stack-view';
import { DEFAULT_OUTBOUND_RULES, decidingOutboundRule, poolSubnetNsgs } from '../nsg';

/** Whether `rule` names `tag` (or its cloud-wide form) as its destination. */
function names(rule: Record<string, any>, tag: string): boolean {
  return [rule.destination_address_prefix, ...list(rule.destination_address_prefixes)]
    .some((prefix) => typeof prefix === 'string' && [tag, tag.split('.')[0]].some((name) => name.toLowerCase() === prefix.toLowerCase()));
}

/** BATCH-003: the NSG in front of a simplified pool lets nodes reach Batch node management. */
export const poolNsgAllowsNodeManagement: BestPracticeRule = {
  id: 'BATCH-003',
  severity: Severity.ERROR,
  title: 'The NSG on a pool\'s subnet allows what simplified mode needs',
  explanation: 'Simplified pools need outbound 443 over any protocol, TCP and UDP, to BatchNodeManagement.<Region>. An NSG rule that denies either protocol before an allow (a lockdown deny after the classic rules, which allow TCP only, for one) leaves nodes unusable; classic rules alone disagree with the mode, and work only while Azure\'s default rules let the rest through. An NSG with no rule for that traffic leaves it to the default rules, which allow it.',
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
      const decided = (['Tcp', 'Udp'] as const).map((protocol) => ({ protocol, rule: decidingOutboundRule(stack, nsg, protocol, 443, tag) }));
      const refused = decided.filter(({ rule }) => rule.access !== 'Allow');
      if (refused.length > 0) {
        const why = refused.map(({ protocol, rule }) => `rule ${rule.name} (priority ${rule.priority}) denies ${protocol}`).join(', ');
        return [{ resource: pool, message: `its subnet's NSG ${nsg.attributes.name} does not let nodes reach ${tag} on 443 over any protocol: ${why}` }];
      }
      // DESIGN: a classic-only NSG disagrees with simplified pools, though Azure's default rules let the
      // protocol its rule leaves out through, until a deny ends that.
      const own = decided.filter(({ rule }) => !DEFAULT_OUTBOUND_RULES.includes(rule));
      if (own.length !== 1 || !names(own[0].rule, tag)) return [];
      const [{ protocol, rule }] = own;
      return [{ resource: pool, message: `its subnet's NSG ${nsg.attributes.name} allows ${tag} on 443 over ${protocol} only (rule ${rule.name}, as the classic rule set does); the rest of "any protocol" is left to Azure's default rules, which a deny to the Internet ends` }];
    });
  }),
};
