import { AzureRegion } from '../../catalog/azure-region';
import { NodeCommunicationRuleSet } from '../../network/node-communication-rule-set';
import { ServiceTag } from '../../network/service-tag';
import { SimplifiedPool } from '../../pool/simplified-pool';
import { BestPracticeRule, Severity } from '../rule';
import { block, privateConnections, ResourceView, StackView } from '../stack-view';
import { DEFAULT_RULES, namesTag, nsgDecision, poolSubnetSecurity } from '../nsg';

/**
 * Whether `pool` has no public IPs and its account a `nodeManagement` private endpoint in the stack: then
 * node management goes over the endpoint, and the NSG rules for the BatchNodeManagement tag are not what
 * nodes need (seeds/simplified-compute-node-communication.md, the note at the top, before "Supported
 * regions": the NSG guidance does not apply to pools without public IP addresses that use the node
 * management private endpoint without internet outbound access). The seed's last condition is not
 * checked: with the endpoint, internet outbound access is not what reaching node management depends on.
 */
function managedPrivately(stack: StackView, pool: ResourceView): boolean {
  if (block(pool.attributes.network_configuration)?.public_address_provisioning_type !== 'NoPublicIPAddresses') return false;
  const account = stack.accountOf(pool);
  return account !== undefined && privateConnections(stack)
    .some(({ resourceId, subresources }) => subresources.includes('nodeManagement') && stack.target(resourceId, 'azurerm_batch_account') === account);
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
    const location = stack.locationOf(stack.accountOf(pool)?.attributes.location);
    if (typeof location !== 'string' || !AzureRegion.isKnown(location) || managedPrivately(stack, pool)) return [];
    const tag = ServiceTag.batchNodeManagement(AzureRegion.of(location)).name;
    const { nsgs, subnet, routed } = poolSubnetSecurity(stack, pool);
    return nsgs.flatMap((nsg) => {
      // Any is TCP, UDP and ICMP (Learn "Network security groups", "Default security rules"); on a port it is
      // TCP and UDP, each decided by its own first matching rule, Azure's default rules last.
      const decisions = (['Tcp', 'Udp'] as const).map((protocol) => ({ protocol, decision: nsgDecision(stack, nsg, { protocol, port: 443, tag, subnet, routed }) }));
      // What the stack does not show (an expression in a rule that comes first, an allow before a deny
      // that may hold the tag's addresses) is not judged.
      if (decisions.some(({ decision }) => decision === undefined || (decision.rule.access !== 'Allow' && decision.allowedElsewhereFirst))) return [];
      const decided = decisions.map(({ protocol, decision }) => ({ protocol, rule: decision!.rule }));
      const refused = decided.filter(({ rule }) => rule.access !== 'Allow');
      if (refused.length > 0) {
        const why = refused.map(({ protocol, rule }) => `rule ${rule.name} (priority ${rule.priority}) denies ${protocol}`).join(', ');
        return [{ resource: pool, message: `its subnet's NSG ${nsg.attributes.name} does not let nodes reach ${tag} on 443 over any protocol: ${why}` }];
      }
      // DESIGN: a classic-only NSG disagrees with simplified pools, though Azure's default rules let UDP
      // through, until a deny ends that.
      const [tcp, udp] = decided.map(({ rule }) => rule);
      if (DEFAULT_RULES.includes(tcp) || !DEFAULT_RULES.includes(udp) || !namesTag(tcp, tag)) return [];
      return [{ resource: pool, message: `its subnet's NSG ${nsg.attributes.name} allows ${tag} on 443 over TCP only (rule ${tcp.name}, as the classic rule set does); UDP is left to Azure's default rules, which a deny to the Internet ends` }];
    });
  }),
};
