import * as ipaddr from 'ipaddr.js';
import { Token } from '../engine';

/** Smallest subnet Azure allows (a /29 has 8 addresses, 5 of them reserved). */
export const SMALLEST_SUBNET_PREFIX = 29;
/** Addresses Azure reserves in every subnet: network, gateway, two DNS, broadcast. */
export const AZURE_RESERVED_ADDRESSES_PER_SUBNET = 5;

/** Ranges a VNet must not use (Azure virtual network FAQ: "What address ranges can I use"). */
const AZURE_FORBIDDEN_RANGES: readonly string[] = [
  'multicast', 'broadcast', 'loopback', 'linkLocal', 'unspecified', 'reserved',
];
const AZURE_PLATFORM_ADDRESS = ipaddr.IPv4.parse('168.63.129.16');

/** An IPv4 CIDR block, parsed by ipaddr.js; arithmetic on the 32-bit network address. */
export class Ipv4Cidr {
  /** Parses `a.b.c.d/n` strictly; returns a reason string when the text is not a canonical block. */
  public static parse(text: string): Ipv4Cidr | string {
    if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) {
      return 'is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"';
    }
    const [address, prefixLength] = ipaddr.IPv4.parseCIDR(text);
    const network = ipaddr.IPv4.networkAddressFromCIDR(text).toString();
    if (network !== address.toString()) {
      return `has host bits set; Azure accepts only the network address: use "${network}/${prefixLength}"`;
    }
    return new Ipv4Cidr(toUint32(address), prefixLength);
  }

  /** Parses text known to be valid (e.g. a library constant); throws otherwise. */
  public static of(text: string): Ipv4Cidr {
    const parsed = Ipv4Cidr.parse(text);
    if (typeof parsed === 'string') throw new Error(`${text} ${parsed}`);
    return parsed;
  }

  private constructor(public readonly network: number, public readonly prefixLength: number) {}

  /** Number of addresses in the block. */
  public get size(): number {
    return 2 ** (32 - this.prefixLength);
  }

  /** Last address of the block, as a 32-bit number. */
  public get last(): number {
    return this.network + this.size - 1;
  }

  /** Whether `other` lies entirely inside this block. */
  public contains(other: Ipv4Cidr): boolean {
    return other.network >= this.network && other.last <= this.last;
  }

  /** Whether the two blocks share at least one address. */
  public overlaps(other: Ipv4Cidr): boolean {
    return this.network <= other.last && other.network <= this.last;
  }

  /** The `index`-th block of prefix length `prefixLength` inside this one. */
  public subnet(prefixLength: number, index = 0): Ipv4Cidr {
    if (prefixLength < this.prefixLength || prefixLength > 32) {
      throw new Error(`cannot cut a /${prefixLength} out of ${this}`);
    }
    return new Ipv4Cidr(this.network + index * 2 ** (32 - prefixLength), prefixLength);
  }

  /** Why Azure would refuse this block as VNet address space, or undefined when it is usable. */
  public azureAddressSpaceProblem(): string | undefined {
    const range = fromUint32(this.network).range();
    if (AZURE_FORBIDDEN_RANGES.includes(range)) {
      return `is in the ${range} range, which Azure does not allow in a virtual network; use a private range such as 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`;
    }
    const platform = toUint32(AZURE_PLATFORM_ADDRESS);
    if (platform >= this.network && platform <= this.last) {
      return 'contains 168.63.129.16, the Azure platform address (DNS, health probes); use a private range such as 10.0.0.0/8';
    }
    return undefined;
  }

  /** Whether the block starts in a private (RFC 1918) range. */
  public isPrivate(): boolean {
    return fromUint32(this.network).range() === 'private';
  }

  public toString(): string {
    return `${fromUint32(this.network).toString()}/${this.prefixLength}`;
  }
}

/** Smallest prefix length whose subnet, after Azure's reserved addresses, holds `hosts` addresses. */
export function prefixLengthFor(hosts: number): number {
  let prefixLength = SMALLEST_SUBNET_PREFIX;
  while (prefixLength > 0 && 2 ** (32 - prefixLength) - AZURE_RESERVED_ADDRESSES_PER_SUBNET < hosts) {
    prefixLength--;
  }
  return prefixLength;
}

function toUint32(address: ipaddr.IPv4): number {
  return address.octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

function fromUint32(value: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256));
}

/**
 * Why `range` (an address or CIDR block) cannot be a public-endpoint IP rule, or undefined when it
 * can: it must parse and be public. `rejectNarrow` names the rules that also refuse /31 and /32 ranges
 * (storage firewalls and Batch accounts do; their sources are where they are called).
 */
export function publicIpRuleProblem(range: string, options: { readonly rejectNarrow?: string } = {}): string | undefined {
  if (Token.isUnresolved(range)) return undefined;
  const parsed = Ipv4Cidr.parse(range.includes('/') ? range : `${range}/32`);
  if (typeof parsed === 'string') return parsed.replace('CIDR block', 'address or CIDR block');
  if (options.rejectNarrow !== undefined && range.includes('/') && parsed.prefixLength >= 31) {
    return `is a /31 or /32 range, which ${options.rejectNarrow} refuse; give the single address without a prefix`;
  }
  if (parsed.isPrivate()) return 'is a private range, which never reaches a public endpoint; use the private endpoint instead';
  const kind = fromUint32(parsed.network).range();
  if (kind in NOT_PUBLIC) {
    return `is ${NOT_PUBLIC[kind]} range, not a public network that could reach the endpoint; give the public addresses of your clients`;
  }
  if (parsed.prefixLength < MIN_PUBLIC_RULE_PREFIX) {
    return `opens the endpoint to ${2 ** (32 - parsed.prefixLength)} addresses (a /${parsed.prefixLength}); give your clients' own ranges, /${MIN_PUBLIC_RULE_PREFIX} or narrower`;
  }
  return undefined;
}

/** ipaddr.js range names of IPv4 space no client reaches a public endpoint from (RFC 6890). */
const NOT_PUBLIC: Record<string, string> = {
  unspecified: 'the unspecified (any-address)', loopback: 'a loopback', linkLocal: 'a link-local', multicast: 'a multicast',
  broadcast: 'the broadcast', carrierGradeNat: 'a carrier-grade NAT',
};

/**
 * Widest allow-list range accepted: a /8 is a sixteenth of IPv4 already; wider is an open endpoint in
 * all but name. (A limit of this library, not of Azure.)
 */
const MIN_PUBLIC_RULE_PREFIX = 8;

/**
 * Docker's default bridge network, created on every node of a container pool: a VNet or subnet
 * overlapping it makes container traffic to those addresses go nowhere (azure/batch-facts.md (f)).
 */
export const DOCKER_BRIDGE_CIDR = '172.17.0.0/16';

/** The blocks of `blocks` that overlap Docker's default bridge. */
export function dockerBridgeOverlaps(blocks: readonly Ipv4Cidr[]): Ipv4Cidr[] {
  const bridge = Ipv4Cidr.of(DOCKER_BRIDGE_CIDR);
  return blocks.filter((block) => block.overlaps(bridge));
}
