import { Token } from '../engine';
import { AZURE_RESERVED_ADDRESSES_PER_SUBNET, Ipv4Cidr, prefixLengthFor, SMALLEST_SUBNET_PREFIX } from '../private/cidr';
import type { Problem } from '../private/problems';

/** Default size of the private-endpoint subnet: 59 usable addresses, room for many endpoints. */
const ENDPOINT_SUBNET_PREFIX = 26;

/**
 * Private endpoints a region puts in its endpoint subnet: `batchAccount` and `nodeManagement` for the
 * Batch account, `blob` for its storage. With an address space of Azure's smallest subnet there is no
 * room for a second subnet, and they share the pool subnet.
 */
const REGION_PRIVATE_ENDPOINTS = 3;

/** Where the pool subnet's addresses come from, for capacity messages that name what the user wrote. */
export interface PoolSubnetOrigin {
  /** The prop the block was given in, or derived from. */
  readonly path: string;
  /** The value of that prop, as written. */
  readonly value: string;
  /** Whether the block was derived from a VNet address space (the first half). */
  readonly derived: boolean;
  /** Whether the private endpoints share the pool subnet. */
  readonly sharedWithEndpoints: boolean;
}

/** The subnets of a network, as far as they are known at synth time. */
export interface AddressPlan {
  /** Block of the pool subnet; undefined when not given, known only at deploy time, or refused. */
  readonly poolSubnet?: Ipv4Cidr;
  /** Block of the private-endpoint subnet; undefined when there is none (endpoints share the pool subnet) or it is not known. */
  readonly endpointSubnet?: Ipv4Cidr;
  /** Which prop gave the pool subnet, for capacity messages; undefined when no block was given. */
  readonly origin?: PoolSubnetOrigin;
}

/** Parses `text` at `path`, appending a problem when it is not a block; tokens are left unchecked. */
export function parseBlock(problems: Problem[], path: string, text: string | undefined): Ipv4Cidr | undefined {
  if (text === undefined || Token.isUnresolved(text)) return undefined;
  const parsed = Ipv4Cidr.parse(text);
  if (typeof parsed === 'string') {
    problems.push({ path, value: text, message: parsed });
    return undefined;
  }
  return parsed;
}

/** Inputs of {@link planNewNetwork}: the props of a new VNet. */
export interface NewNetworkAddresses {
  /** Address space of the VNet, e.g. `10.10.0.0/16` (a token when known only at deploy time). */
  readonly addressSpace: string;
  /** Block of the pool subnet. @default - the first half of `addressSpace` */
  readonly poolSubnetPrefix?: string;
  /** Block of the private-endpoint subnet. @default - the first /26 of the second half of `addressSpace` (all of it when smaller) */
  readonly privateEndpointSubnetPrefix?: string;
}

/**
 * The subnets of a new VNet: the pool subnet is the first half of the address space unless given, the
 * endpoint subnet the first /26 of the second half (the whole second half when smaller). Appends every
 * problem of the props.
 */
export function planNewNetwork(props: NewNetworkAddresses, problems: Problem[]): AddressPlan {
  const space = parseBlock(problems, 'addressSpace', props.addressSpace);
  if (space) {
    const forbidden = space.azureAddressSpaceProblem();
    if (forbidden) problems.push({ path: 'addressSpace', value: props.addressSpace, message: forbidden });
  }
  let pool = parseBlock(problems, 'poolSubnetPrefix', props.poolSubnetPrefix);
  if (props.poolSubnetPrefix === undefined) {
    if (space) {
      pool = space.prefixLength < SMALLEST_SUBNET_PREFIX ? space.subnet(space.prefixLength + 1) : space;
    } else if (Token.isUnresolved(props.addressSpace)) {
      problems.push({ path: 'poolSubnetPrefix', value: undefined, message: 'is required when addressSpace is known only at deploy time; give the pool subnet\'s block' });
    }
  }
  if (space && pool && !space.contains(pool)) {
    problems.push({
      path: 'poolSubnetPrefix', value: props.poolSubnetPrefix,
      message: `is outside addressSpace ${space}; choose a block inside it, e.g. "${space.subnet(Math.min(space.prefixLength + 1, SMALLEST_SUBNET_PREFIX))}"`,
    });
    pool = undefined;
  } else if (pool && props.poolSubnetPrefix !== undefined) {
    problems.push(...subnetSizeProblems('poolSubnetPrefix', pool));
  }
  let endpoint = parseBlock(problems, 'privateEndpointSubnetPrefix', props.privateEndpointSubnetPrefix);
  if (props.privateEndpointSubnetPrefix === undefined && space && space.prefixLength < SMALLEST_SUBNET_PREFIX) {
    const secondHalf = space.subnet(space.prefixLength + 1, 1);
    endpoint = secondHalf.prefixLength < ENDPOINT_SUBNET_PREFIX ? secondHalf.subnet(ENDPOINT_SUBNET_PREFIX) : secondHalf;
    if (pool && endpoint.overlaps(pool)) {
      problems.push({
        path: 'privateEndpointSubnetPrefix', value: undefined,
        message: `is needed: the default block for private endpoints, ${endpoint}, overlaps poolSubnetPrefix ${pool}; give a free block of addressSpace for them, e.g. a /${ENDPOINT_SUBNET_PREFIX}`,
      });
    }
  } else if (endpoint) {
    problems.push(...endpointSubnetProblems(endpoint, space ? [space] : [], pool));
  }
  const derived = props.poolSubnetPrefix === undefined;
  const origin: PoolSubnetOrigin = derived
    ? { path: 'addressSpace', value: props.addressSpace, derived, sharedWithEndpoints: endpoint === undefined }
    : { path: 'poolSubnetPrefix', value: props.poolSubnetPrefix!, derived, sharedWithEndpoints: endpoint === undefined };
  return { poolSubnet: pool, endpointSubnet: endpoint, origin };
}

/** Inputs of {@link planSubnetsIn}: subnets to create in an existing VNet. */
export interface ExistingNetworkAddresses {
  /** Address blocks of the existing VNet, to check the new subnets against. @default - not known: containment is not checked */
  readonly addressSpace?: readonly string[];
  /** Block of the pool subnet to create. */
  readonly poolSubnetPrefix: string;
  /** Block of the private-endpoint subnet to create. @default - none: endpoints share the pool subnet */
  readonly privateEndpointSubnetPrefix?: string;
}

/** The subnets to create in an existing VNet; appends every problem of the props. */
export function planSubnetsIn(props: ExistingNetworkAddresses, problems: Problem[]): AddressPlan {
  const spaces = (props.addressSpace ?? []).map((text, i) => parseBlock(problems, `addressSpace[${i}]`, text))
    .filter((space): space is Ipv4Cidr => space !== undefined);
  const pool = parseBlock(problems, 'poolSubnetPrefix', props.poolSubnetPrefix);
  if (pool) {
    problems.push(...subnetSizeProblems('poolSubnetPrefix', pool));
    if (spaces.length > 0 && !spaces.some((space) => space.contains(pool))) {
      problems.push({ path: 'poolSubnetPrefix', value: props.poolSubnetPrefix, message: `is outside the VNet's address space (${spaces.join(', ')}); choose a block inside it` });
    }
  }
  const endpoint = parseBlock(problems, 'privateEndpointSubnetPrefix', props.privateEndpointSubnetPrefix);
  if (endpoint) problems.push(...endpointSubnetProblems(endpoint, spaces, pool));
  return {
    poolSubnet: pool, endpointSubnet: endpoint,
    origin: { path: 'poolSubnetPrefix', value: props.poolSubnetPrefix, derived: false, sharedWithEndpoints: endpoint === undefined },
  };
}

/** An adopted subnet's prefix, when given; appends a problem when it is not a usable subnet. */
export function planAdoptedSubnet(addressPrefix: string | undefined, problems: Problem[], endpointPrefix?: string): AddressPlan {
  const pool = parseBlock(problems, 'addressPrefix', addressPrefix);
  if (pool) problems.push(...subnetSizeProblems('addressPrefix', pool));
  const endpoint = parseBlock(problems, 'privateEndpointSubnetPrefix', endpointPrefix);
  if (endpoint) problems.push(...endpointSubnetProblems(endpoint, [], pool));
  return {
    poolSubnet: pool,
    endpointSubnet: endpoint,
    origin: addressPrefix === undefined ? undefined : { path: 'addressPrefix', value: addressPrefix, derived: false, sharedWithEndpoints: endpointPrefix === undefined },
  };
}

function subnetSizeProblems(path: string, subnet: Ipv4Cidr): Problem[] {
  if (subnet.prefixLength <= SMALLEST_SUBNET_PREFIX) return [];
  return [{ path, value: subnet.toString(), message: `is smaller than Azure's smallest subnet; use a prefix length of /${SMALLEST_SUBNET_PREFIX} or shorter` }];
}

/** The private-endpoint subnet lies in the VNet, is at least Azure's smallest subnet and leaves the pool subnet alone. */
function endpointSubnetProblems(endpoint: Ipv4Cidr, spaces: readonly Ipv4Cidr[], pool: Ipv4Cidr | undefined): Problem[] {
  const path = 'privateEndpointSubnetPrefix';
  const value = endpoint.toString();
  const problems = subnetSizeProblems(path, endpoint);
  if (spaces.length > 0 && !spaces.some((space) => space.contains(endpoint))) {
    problems.push({ path, value, message: `is outside the VNet's address space (${spaces.join(', ')}); choose a block inside it` });
  }
  if (pool && endpoint.overlaps(pool)) problems.push({ path, value, message: `overlaps the pool subnet ${pool}; choose a block outside it` });
  return problems;
}

/**
 * Whether the pool subnet of `plan` holds `nodes` addresses (and the private endpoints, when they share
 * it). The problem names the prop the user wrote, with its value, and the smallest block that fits.
 */
export function capacityProblem(plan: AddressPlan, nodes: number): Problem | undefined {
  const { poolSubnet: subnet, origin } = plan;
  if (subnet === undefined || origin === undefined) return undefined;
  const endpoints = origin.sharedWithEndpoints ? REGION_PRIVATE_ENDPOINTS : 0;
  const usable = subnet.size - AZURE_RESERVED_ADDRESSES_PER_SUBNET;
  if (nodes + endpoints <= usable) return undefined;
  const need = endpoints > 0 ? `${nodes} nodes and the ${endpoints} private endpoints that share it` : `${nodes} nodes`;
  const fix = origin.derived
    ? `use an addressSpace of /${smallestAddressSpaceFor(nodes)} or shorter (the pool subnet is its first half)`
    : `use a prefix length of /${prefixLengthFor(nodes + endpoints)} or shorter`;
  const where = origin.derived ? `leaves ${usable} addresses in the pool subnet ${subnet}` : `holds ${usable} addresses`;
  return {
    path: origin.path, value: origin.value,
    message: `${where} (${subnet.size} minus the ${AZURE_RESERVED_ADDRESSES_PER_SUBNET} Azure reserves), but the pools attached need ${need} (every node, plus the largest pool again for a replacement); ${fix}`,
  };
}

/** The longest address-space prefix whose derived pool subnet (and endpoint room) fits `nodes`. */
function smallestAddressSpaceFor(nodes: number): number {
  const usable = (prefix: number) => 2 ** (32 - prefix) - AZURE_RESERVED_ADDRESSES_PER_SUBNET;
  if (usable(SMALLEST_SUBNET_PREFIX) >= nodes + REGION_PRIVATE_ENDPOINTS) return SMALLEST_SUBNET_PREFIX;
  let prefix = SMALLEST_SUBNET_PREFIX - 1;
  // Below Azure's smallest subnet the space splits in halves: the pool subnet is the first.
  while (prefix > 1 && usable(prefix + 1) < nodes) prefix--;
  return prefix;
}
