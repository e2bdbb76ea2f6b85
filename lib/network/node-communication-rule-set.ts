import type { AzureRegion } from '../catalog/azure-region';
import { NetworkRule } from './network-rule';
import { Port } from './port';
import { ServiceTag } from './service-tag';

/**
 * Which node-communication rules an NSG carries (seed: "Use simplified compute node communication").
 * Values are the deployment config's strings.
 */
export enum NodeCommunicationRuleSet {
  /**
   * Classic mode: inbound TCP 29876-29877 from `BatchNodeManagement.<Region>`, outbound TCP 443 to
   * `Storage.<Region>` and to `BatchNodeManagement.<Region>`. Classic mode was retired on 2026-03-31.
   */
  CLASSIC = 'classic',
  /** Simplified mode: outbound 443 over any protocol to `BatchNodeManagement.<Region>`; no inbound rule. */
  SIMPLIFIED = 'simplified',
  /** Both sets merged without duplicates: the migration set for pools moving from classic to simplified. */
  UNION = 'union',
}

/** Priority of the first node-communication rule; the set's rules sit at fixed offsets from it. */
export const DEFAULT_FIRST_PRIORITY = 100;
/** Width of the priority band the node-communication rules occupy, per direction. */
export const RULE_SET_PRIORITY_BAND = 100;

/**
 * The rules of `ruleSet` for pools in `region`, with priorities. Each rule keeps the same priority in
 * every set (offsets from `firstPriority`), so switching sets never renumbers a rule that stays.
 * Union drops classic's outbound TCP 443 rule to `BatchNodeManagement`: simplified's 443-over-Any covers it.
 */
export function nodeCommunicationRules(
  ruleSet: NodeCommunicationRuleSet,
  region: AzureRegion,
  firstPriority: number = DEFAULT_FIRST_PRIORITY,
): NetworkRule[] {
  const batch = ServiceTag.batchNodeManagement(region);
  const simplified = [
    NetworkRule.allowOutbound(batch, Port.anyProtocol(443), {
      priority: firstPriority,
      description: `Batch simplified node communication: nodes reach ${batch.name} on 443`,
    }),
  ];
  const classic = [
    NetworkRule.allowInbound(batch, Port.tcpRange(29876, 29877), {
      priority: firstPriority,
      description: `Batch classic node communication: ${batch.name} reaches nodes on 29876-29877`,
    }),
    NetworkRule.allowOutbound(batch, Port.tcp(443), {
      priority: firstPriority + 10,
      description: `Batch classic node communication: nodes reach ${batch.name} on 443`,
    }),
    NetworkRule.allowOutbound(ServiceTag.storage(region), Port.tcp(443), {
      priority: firstPriority + 20,
      description: `Batch classic node communication: nodes reach Storage.${region.serviceTagSuffix} on 443`,
    }),
  ];
  switch (ruleSet) {
    case NodeCommunicationRuleSet.SIMPLIFIED:
      return simplified;
    case NodeCommunicationRuleSet.CLASSIC:
      return classic;
    case NodeCommunicationRuleSet.UNION:
      return withoutDuplicates([...simplified, ...classic]);
  }
}

/**
 * Whether `rule` is dead because `by` is evaluated first (lower priority number, or equal rules) and
 * matches all of its traffic with the same access.
 */
export function shadows(by: NetworkRule, rule: NetworkRule): boolean {
  if (!by.covers(rule)) return false;
  if (by.key === rule.key) return true;
  return by.priority !== undefined && rule.priority !== undefined && by.priority < rule.priority;
}

/** `rules` minus every rule another one shadows (see {@link shadows}). */
export function withoutDuplicates(rules: readonly NetworkRule[]): NetworkRule[] {
  const kept: NetworkRule[] = [];
  for (const rule of rules) {
    if (!kept.some((earlier) => shadows(earlier, rule))) kept.push(rule);
  }
  return kept;
}
