import { nameProblem, NameRules, shortHash } from '../private/names';
import type { IPeer } from './peer';
import type { Port } from './port';
import { Token } from '../engine';
import { describeValue, fail, knownOnlyAtDeploy } from '../private/problems';

/** Direction of traffic a rule applies to. Values are the NSG API's strings. */
export enum TrafficDirection {
  /** Traffic entering the subnet; the rule's peer is the source. */
  INBOUND = 'Inbound',
  /** Traffic leaving the subnet; the rule's peer is the destination. */
  OUTBOUND = 'Outbound',
}

/** Whether a rule lets traffic through. Values are the NSG API's strings. */
export enum RuleAccess {
  /** Matching traffic passes. */
  ALLOW = 'Allow',
  /** Matching traffic is dropped. */
  DENY = 'Deny',
}

/** Lowest (first evaluated) priority an NSG rule may have (azurerm: `IntBetween(100, 4096)`). */
export const MIN_RULE_PRIORITY = 100;
/** Highest (last evaluated) priority an NSG rule may have (azurerm: `IntBetween(100, 4096)`). */
export const MAX_RULE_PRIORITY = 4096;

/** Options of a {@link NetworkRule}. */
export interface NetworkRuleOptions {
  /**
   * Rule name in the NSG.
   * @default - derived from access, direction, peer and port, e.g. `Allow-Out-Storage.EastUS-Tcp-443`
   */
  readonly name?: string;
  /**
   * Priority from 100 to 4096; lower numbers are evaluated first. Pin it when the order among your
   * rules matters or must not move when rules are added before this one.
   * @default - the network assigns the next free slot in declaration order
   */
  readonly priority?: number;
  /**
   * Free text shown in the portal, at most 140 characters.
   * @default - a sentence naming access, direction, port and peer
   */
  readonly description?: string;
}

/**
 * A network security rule as a value: peer + port + direction + access. Its name and description are
 * derived from those, so two equal rules are recognised and added once.
 *
 * @example
 * ```ts
 * NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.EastUS'), Port.tcp(443));
 * ```
 */
export class NetworkRule {
  /**
   * Allows inbound traffic from `from`.
   * @throws when `from` is every address or the Internet: Batch nodes never need that.
   */
  public static allowInbound(from: IPeer, port: Port, options: NetworkRuleOptions = {}): NetworkRule {
    if (from.isAnyAddress) {
      fail(
        `NetworkRule.allowInbound: peer ${JSON.stringify(from.addressPrefix)} would admit the whole Internet, which this library never allows; ` +
          'name the CIDR block or service tag the traffic comes from instead.',
      );
    }
    return new NetworkRule(TrafficDirection.INBOUND, RuleAccess.ALLOW, from, port, options);
  }

  /** Allows outbound traffic to `to`. */
  public static allowOutbound(to: IPeer, port: Port, options: NetworkRuleOptions = {}): NetworkRule {
    return new NetworkRule(TrafficDirection.OUTBOUND, RuleAccess.ALLOW, to, port, options);
  }

  /** Denies inbound traffic from `from`. */
  public static denyInbound(from: IPeer, port: Port, options: NetworkRuleOptions = {}): NetworkRule {
    return new NetworkRule(TrafficDirection.INBOUND, RuleAccess.DENY, from, port, options);
  }

  /** Denies outbound traffic to `to`. */
  public static denyOutbound(to: IPeer, port: Port, options: NetworkRuleOptions = {}): NetworkRule {
    return new NetworkRule(TrafficDirection.OUTBOUND, RuleAccess.DENY, to, port, options);
  }

  /** Whether the rule matches traffic entering or leaving the subnet. */
  public readonly direction: TrafficDirection;
  /** Whether matching traffic is allowed or denied. */
  public readonly access: RuleAccess;
  /** Source of inbound rules, destination of outbound rules. */
  public readonly peer: IPeer;
  /** Protocol and destination port range the rule matches. */
  public readonly port: Port;
  /** Name in the NSG; also the construct id of the rule's resource. */
  public readonly name: string;
  /**
   * Text shown in the portal, at most 140 characters: the `description` option, or a sentence such as
   * `Allow outbound Tcp-443 to Storage.EastUS`.
   */
  public readonly description: string;
  /** Priority, when pinned or assigned. */
  public readonly priority?: number;

  private constructor(direction: TrafficDirection, access: RuleAccess, peer: IPeer, port: Port, options: NetworkRuleOptions) {
    this.direction = direction;
    this.access = access;
    this.peer = peer;
    this.port = port;
    this.name = options.name ?? this.derivedName();
    const toOrFrom = direction === TrafficDirection.INBOUND ? 'from' : 'to';
    this.description = options.description ?? `${access} ${direction.toLowerCase()} ${port.label} ${toOrFrom} ${peer.addressPrefix}`;
    this.priority = options.priority;

    const problems: string[] = [];
    // The name is the construct id of the rule's resource, and the priority is checked against the NSG's others.
    const nameIssue = Token.isUnresolved(this.name)
      ? knownOnlyAtDeploy('it is the construct id, so the Terraform address, of the rule\'s resource', 'give the name as a literal')
      : nameProblem(NameRules.securityRule, this.name);
    if (nameIssue) problems.push(`name ${describeValue(this.name)} ${nameIssue}`);
    if (this.description.length > 140) {
      problems.push(`description is ${this.description.length} characters long; shorten it to at most 140`);
    }
    if (this.priority !== undefined && Token.isUnresolved(this.priority)) {
      problems.push(`priority ${describeValue(this.priority)} ${knownOnlyAtDeploy('priorities are checked against the other rules of the NSG at synth', 'give a number')}`);
    } else if (this.priority !== undefined && (!Number.isInteger(this.priority) || this.priority < MIN_RULE_PRIORITY || this.priority > MAX_RULE_PRIORITY)) {
      problems.push(`priority ${this.priority} is out of range; use an integer from ${MIN_RULE_PRIORITY} to ${MAX_RULE_PRIORITY}`);
    }
    // A name known only at deploy time is named by the one the rule would derive.
    if (problems.length > 0) fail(`NetworkRule ${Token.isUnresolved(this.name) ? this.derivedName() : this.name}: ${problems.join('; ')}.`);
  }

  /** Identity of the rule's traffic match, independent of name, priority and description. */
  public get key(): string {
    return [this.direction, this.access, this.peer.addressPrefix, this.port.protocol, this.port.portRange].join('|');
  }

  /** Whether this rule matches, with the same access and direction, all the traffic `other` matches. */
  public covers(other: NetworkRule): boolean {
    return (
      this.direction === other.direction &&
      this.access === other.access &&
      this.peer.addressPrefix === other.peer.addressPrefix &&
      this.port.covers(other.port)
    );
  }

  /** The same rule at another priority. */
  public withPriority(priority: number): NetworkRule {
    return new NetworkRule(this.direction, this.access, this.peer, this.port, { name: this.name, description: this.description, priority });
  }

  /** The name, with the priority when it has one: `Allow-Out-Storage.EastUS-Tcp-443 (priority 120)`, for messages. */
  public toString(): string {
    return this.priority === undefined ? this.name : `${this.name} (priority ${this.priority})`;
  }

  private derivedName(): string {
    const direction = this.direction === TrafficDirection.INBOUND ? 'In' : 'Out';
    const peer = this.peer.addressPrefix === '*' ? 'Any' : this.peer.addressPrefix.replace('/', '_');
    const name = `${this.access}-${direction}-${peer}-${this.port.label}`;
    return name.length <= 80 ? name : `${name.slice(0, 71)}-${shortHash([name])}`;
  }
}
