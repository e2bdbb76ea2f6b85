import { VmSize } from '../catalog/vm-size';
import { PoolScale } from '../pool/pool-scale';
import { AZURE_RESERVED_ADDRESSES_PER_SUBNET, Ipv4Cidr } from '../private/cidr';
import { addressesNeeded } from '../private/attachments';

/**
 * Default quotas of a new Batch account in Batch-service allocation mode: Learn "Batch service quotas and
 * limits", "Resource quotas" — dedicated vCPUs 0-900, low-priority (Spot) vCPUs 0-100, pools 0-100; new
 * accounts in some regions or subscription types get less, some zero, so read the account's quota after
 * creating it (docs/notes/issue-14-ha.md §1; /work/shared azure/batch-facts.md §(e)). These are the most a
 * new account gets by default: a need above them needs a quota request whatever the region.
 */
export const DEFAULT_BATCH_QUOTAS = { dedicatedVCpus: 900, spotVCpus: 100, pools: 100 } as const;

/** A pool as the plan sees it: its VM size and how many nodes it can have. */
export interface PlannedPool {
  /** Pool name. */
  readonly name: string;
  /** VM size, e.g. `Standard_D4s_v5`. */
  readonly vmSize: string;
  /** Its scale. @default PoolScale.fixed() - no nodes */
  readonly scale?: PoolScale;
}

/** What a set of pools in one Batch account and pool subnet needs at its largest. */
export interface CapacityNeeds {
  /**
   * Dedicated vCPUs by VM series ({@link VmSize.series}), e.g. `{ Dsv5: 16 }`. Batch enforces dedicated
   * quota per VM family and in total (same page, "Dedicated quota per VM family").
   */
  readonly dedicatedVCpusBySeries: { readonly [series: string]: number };
  /** Dedicated vCPUs in all. */
  readonly dedicatedVCpus: number;
  /** Spot (low-priority) vCPUs in all; Batch counts them against the account's total only. */
  readonly spotVCpus: number;
  /** Pools in the account. */
  readonly pools: number;
  /** Addresses the pool subnet needs: every node, plus the largest pool again for a replacement. */
  readonly subnetAddresses: number;
  /** Pools whose VM size's vCPU count is not known from its name, so their vCPUs are not counted. */
  readonly uncounted: readonly string[];
}

/** The vCPUs, pools and addresses `pools` need at their largest (fixed sizes, or autoscale maxima). */
export function capacityNeeds(pools: readonly PlannedPool[]): CapacityNeeds {
  const bySeries: Record<string, number> = {};
  let dedicated = 0;
  let spot = 0;
  const uncounted: string[] = [];
  for (const pool of pools) {
    const scale = pool.scale ?? PoolScale.fixed();
    const size = VmSize.of(pool.vmSize);
    if (size.vCpus === undefined || size.series === undefined) {
      if (scale.maxNodes > 0) uncounted.push(pool.name);
      continue;
    }
    // A formula that sets neither target (in a form the scale reads) is not counted, and says so.
    if (scale.maxNodes > 0 && scale.dedicatedNodes + scale.spotNodes === 0) uncounted.push(pool.name);
    const cores = size.vCpus * scale.dedicatedNodes;
    if (cores > 0) bySeries[size.series] = (bySeries[size.series] ?? 0) + cores;
    dedicated += cores;
    spot += size.vCpus * scale.spotNodes;
  }
  const subnetAddresses = addressesNeeded(pools.map((pool) => ({ maxNodes: (pool.scale ?? PoolScale.fixed()).maxNodes })));
  return { dedicatedVCpusBySeries: bySeries, dedicatedVCpus: dedicated, spotVCpus: spot, pools: pools.length, subnetAddresses, uncounted };
}

/** Addresses a subnet of `prefix` gives to nodes: all but the 5 Azure reserves; `undefined` when not known. */
export function usableAddresses(prefix: string | undefined): number | undefined {
  if (prefix === undefined) return undefined;
  const block = Ipv4Cidr.parse(prefix);
  return typeof block === 'string' ? undefined : 2 ** (32 - block.prefixLength) - AZURE_RESERVED_ADDRESSES_PER_SUBNET;
}

/** Where `needs` go beyond the default quotas of a new account, one sentence each. */
export function aboveDefaultQuotas(needs: CapacityNeeds): string[] {
  const above: string[] = [];
  if (needs.dedicatedVCpus > DEFAULT_BATCH_QUOTAS.dedicatedVCpus) {
    const series = Object.entries(needs.dedicatedVCpusBySeries).map(([name, cores]) => `${cores} ${name}`).join(', ');
    above.push(`${needs.dedicatedVCpus} dedicated vCPUs (${series}), more than the ${DEFAULT_BATCH_QUOTAS.dedicatedVCpus} a new account gets at most`);
  }
  if (needs.spotVCpus > DEFAULT_BATCH_QUOTAS.spotVCpus) above.push(`${needs.spotVCpus} Spot vCPUs, more than the ${DEFAULT_BATCH_QUOTAS.spotVCpus} a new account gets at most`);
  if (needs.pools > DEFAULT_BATCH_QUOTAS.pools) above.push(`${needs.pools} pools, more than the ${DEFAULT_BATCH_QUOTAS.pools} a new account gets at most`);
  return above;
}
