import type { TerraformResource } from '../engine';
import type { IConstruct } from 'constructs';

/** What a network needs to know of a pool placed in it, for the checks that span both. */
export interface AttachedPool {
  /** The pool construct. */
  readonly pool: IConstruct;
  /** The most nodes the pool can have. */
  readonly maxNodes: number;
  /** Whether it is a container pool. */
  readonly containers: boolean;
  /** Registries the pool pulls from (login servers, lower case): of its images and its registry logins. */
  readonly registries?: readonly string[];
}

const REGISTRY_ENDPOINTS = new WeakMap<IConstruct, Map<string, readonly TerraformResource[]>>();

/**
 * Records that a private endpoint in `network`'s VNet serves the registry with login server `server`;
 * `readiness` is what nodes wait for before they pull (the endpoint, its zone's link).
 */
export function attachRegistryEndpoint(network: IConstruct, server: string, readiness: readonly TerraformResource[]): void {
  const servers = REGISTRY_ENDPOINTS.get(network) ?? new Map<string, readonly TerraformResource[]>();
  REGISTRY_ENDPOINTS.set(network, servers);
  servers.set(server.toLowerCase(), readiness);
}

/** The registry private endpoints in `network`'s VNet: by login server, what nodes wait for. */
export function registryEndpoints(network: IConstruct): ReadonlyMap<string, readonly TerraformResource[]> {
  return REGISTRY_ENDPOINTS.get(network) ?? new Map();
}

const POOLS = new WeakMap<IConstruct, AttachedPool[]>();

/** Records that `pool` runs in `network`'s pool subnet. */
export function attachPool(network: IConstruct, pool: AttachedPool): void {
  const pools = POOLS.get(network) ?? [];
  POOLS.set(network, pools);
  pools.push(pool);
}

/** The pools placed in `network`, in the order they were created. */
export function attachedPools(network: IConstruct): readonly AttachedPool[] {
  return POOLS.get(network) ?? [];
}

/**
 * Addresses the pools need: every node, plus the largest pool once more, because a pool that must be
 * replaced is created before the old one is deleted.
 */
export function addressesNeeded(pools: ReadonlyArray<Pick<AttachedPool, 'maxNodes'>>): number {
  const sizes = pools.map((pool) => pool.maxNodes);
  return sizes.reduce((sum, size) => sum + size, 0) + Math.max(0, ...sizes);
}
