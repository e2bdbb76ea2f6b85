import { NetworkSecurityRule } from '../azurerm';
import type { TerraformResource } from '../engine';
import { Construct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { literal } from '../private/literal';
import { failAt, throwIfProblems } from '../private/problems';
import { MAX_RULE_PRIORITY, NetworkRule, TrafficDirection } from './network-rule';
import { DEFAULT_FIRST_PRIORITY, nodeCommunicationRules, NodeCommunicationRuleSet, RULE_SET_PRIORITY_BAND, shadows } from './node-communication-rule-set';
import { Peer } from './peer';
import { Port } from './port';

/** Gap between derived priorities, leaving room to insert rules with pinned priorities. */
const PRIORITY_STEP = 10;

/** The NSG rules of a pool subnet, as every network of pools takes them. */
export interface PoolSecurityRulesOptions {
  /**
   * The node-communication rules the NSG carries.
   * @default NodeCommunicationRuleSet.SIMPLIFIED
   */
  readonly ruleSet?: NodeCommunicationRuleSet;
  /**
   * Extra rules, after the rule set's, in declaration order. A rule already covered is skipped.
   * @default - none
   */
  readonly rules?: NetworkRule[];
  /**
   * Deny all other outbound traffic at priority 4096, so only the rule set's allows and yours leave the
   * subnet (the seed's data-exfiltration control). This also blocks traffic to other subnets and the
   * Internet; the private-endpoint subnet stays reachable on 443. Allow what your pools need.
   * @default false
   */
  readonly restrictOutbound?: boolean;
  /**
   * First priority of the rule set's band (100 priorities per direction); your rules are numbered
   * after the band. Move it when adopting an NSG whose rules use 100-199.
   * @default 100
   */
  readonly firstPriority?: number;
}

/** Properties of a {@link PoolSecurityRules}. */
export interface PoolSecurityRulesProps extends PoolSecurityRulesOptions {
  /** Region of the subnet; the service tags of the rules are this region's. */
  readonly region: AzureRegion;
  /** Name of the NSG that takes the rules. */
  readonly networkSecurityGroupName: string;
  /** Resource group of that NSG. */
  readonly networkSecurityGroupResourceGroupName: string;
  /**
   * Address prefix of the subnet the nodes' private endpoints are in, which `restrictOutbound` keeps
   * reachable on 443.
   * @default - none known: nothing is allowed before the deny
   */
  readonly privateEndpointPrefix?: string;
}

/**
 * The rules of the NSG in front of a pool subnet: the rule set's at fixed priorities from
 * `firstPriority`, yours after the band in declaration order (or at the priority you pin); covered
 * rules are skipped, colliding priorities and names rejected. The NSG itself belongs to the network.
 */
export class PoolSecurityRules extends Construct {
  /** The rule set the NSG carries. */
  public readonly ruleSet: NodeCommunicationRuleSet;

  private readonly nsgName: string;
  private readonly nsgResourceGroupName: string;
  private readonly placed: NetworkRule[] = [];
  private readonly created: TerraformResource[] = [];
  private readonly added: NetworkRule[] = [];
  private readonly rulePriorityStart: number;

  constructor(scope: Construct, id: string, props: PoolSecurityRulesProps) {
    super(scope, id);
    const firstPriority = props.firstPriority ?? DEFAULT_FIRST_PRIORITY;
    const lastBandPriority = MAX_RULE_PRIORITY - 1 - RULE_SET_PRIORITY_BAND;
    if (!Number.isInteger(firstPriority) || firstPriority < DEFAULT_FIRST_PRIORITY || firstPriority > lastBandPriority) {
      throwIfProblems(this, [{
        path: 'firstPriority', value: firstPriority,
        message: `is out of range; use an integer from ${DEFAULT_FIRST_PRIORITY} to ${lastBandPriority} so the rule set's band of ${RULE_SET_PRIORITY_BAND} fits below ${MAX_RULE_PRIORITY}`,
      }]);
    }
    this.ruleSet = props.ruleSet ?? NodeCommunicationRuleSet.SIMPLIFIED;
    this.rulePriorityStart = firstPriority + RULE_SET_PRIORITY_BAND;
    this.nsgName = props.networkSecurityGroupName;
    this.nsgResourceGroupName = props.networkSecurityGroupResourceGroupName;

    for (const rule of nodeCommunicationRules(this.ruleSet, props.region, firstPriority)) this.place(rule);
    if (props.restrictOutbound) {
      if (props.privateEndpointPrefix !== undefined) {
        // Nodes reach Batch node management and auto-storage through the private endpoints.
        this.place(NetworkRule.allowOutbound(Peer.ipv4(props.privateEndpointPrefix), Port.tcp(443), {
          priority: MAX_RULE_PRIORITY - 1,
          description: 'Outbound lockdown: nodes reach the private endpoints on 443',
        }));
      }
      this.place(NetworkRule.denyOutbound(Peer.anyAddress(), Port.allTraffic(), {
        name: 'Deny-Out-All',
        priority: MAX_RULE_PRIORITY,
        description: 'Outbound lockdown: only the allow rules above leave the subnet',
      }));
    }
    for (const rule of props.rules ?? []) this.addRule(rule);
  }

  /** The rules the NSG carries, with their priorities, in the order they were added. */
  public get rules(): readonly NetworkRule[] {
    return [...this.placed];
  }

  /** The rules given in `rules` or added with {@link PoolSecurityRules.addRule} that were placed (not covered by another). */
  public get addedRules(): readonly NetworkRule[] {
    return [...this.added];
  }

  /** Every rule resource created so far. */
  public get resources(): readonly TerraformResource[] {
    return [...this.created];
  }

  /**
   * Adds a rule and returns it with its priority. A rule covered by one already present is skipped (the
   * covering rule is returned); a name or priority already taken is an error.
   */
  public addRule(rule: NetworkRule): NetworkRule {
    const bandStart = this.rulePriorityStart - RULE_SET_PRIORITY_BAND;
    if (rule.priority !== undefined && rule.priority < this.rulePriorityStart) {
      // Below the band, a rule is evaluated before the node-communication rules and could override them.
      const where = rule.priority < bandStart ? 'before' : 'inside';
      failAt(this, 'rules', rule.name,
        `pins priority ${rule.priority}, ${where} ${bandStart}-${this.rulePriorityStart - 1}, the band kept for the node-communication rules; pin ${this.rulePriorityStart} or more, or leave it unset`);
    }
    const count = this.placed.length;
    const placed = this.place(rule);
    if (this.placed.length > count) this.added.push(placed);
    return placed;
  }

  /** Adds `rule` unless a rule evaluated before it already matches all its traffic. */
  private place(rule: NetworkRule): NetworkRule {
    const placed = rule.priority === undefined ? rule.withPriority(this.nextFreePriority(rule.direction)) : rule;
    const shadowing = this.placed.find((existing) => shadows(existing, placed));
    if (shadowing) return shadowing;
    const sameName = this.placed.find((existing) => existing.name === placed.name);
    if (sameName) failAt(this, 'rules', placed.name, `is the name of ${sameName} already; give the new rule another name`);
    const collision = this.placed.find((existing) => existing.direction === placed.direction && existing.priority === placed.priority);
    if (collision) {
      failAt(this, 'rules', placed.name,
        `has priority ${placed.priority}, already taken by ${collision.name} (${placed.direction.toLowerCase()}); pin another priority, or leave it unset to take the next free slot from ${this.rulePriorityStart}`);
    }
    this.placed.push(placed);
    const inbound = placed.direction === TrafficDirection.INBOUND;
    this.created.push(new NetworkSecurityRule(this, placed.name, {
      name: placed.name,
      resourceGroupName: this.nsgResourceGroupName,
      networkSecurityGroupName: this.nsgName,
      priority: placed.priority!,
      direction: placed.direction,
      access: placed.access,
      protocol: placed.port.protocol,
      sourcePortRange: '*',
      destinationPortRange: placed.port.portRange,
      sourceAddressPrefix: inbound ? placed.peer.addressPrefix : '*',
      destinationAddressPrefix: inbound ? '*' : placed.peer.addressPrefix,
      description: placed.description === undefined ? undefined : literal(placed.description),
    }));
    return placed;
  }

  private nextFreePriority(direction: TrafficDirection): number {
    const taken = new Set(this.placed.filter((rule) => rule.direction === direction).map((rule) => rule.priority));
    for (let priority = this.rulePriorityStart; priority < MAX_RULE_PRIORITY; priority += PRIORITY_STEP) {
      if (!taken.has(priority)) return priority;
    }
    failAt(this, 'rules', direction, `has no free priority left below ${MAX_RULE_PRIORITY}; pin priorities or merge rules`);
  }
}
