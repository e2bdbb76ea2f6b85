import { aboveDefaultQuotas, BatchRegionStack, capacityNeeds, CapacityNeeds, DEFAULT_BATCH_QUOTAS, RegionRole, usableAddresses } from '../lib';
import type { DeploymentConfig } from './config';
import { poolOptions } from './deployment';

/** One region of the plan: what it needs now, and what a standby needs once it takes over. */
export interface RegionCapacity {
  readonly location: string;
  readonly role: RegionRole;
  /** At the region's size today: full size for a primary, `standbyNodes` for a standby. */
  readonly now: CapacityNeeds;
  /**
   * At full size after a switchover makes it primary (standbys only).
   * @default - none: a primary is at full size now
   */
  readonly afterSwitchover?: CapacityNeeds;
  /** The pool subnet, and the addresses it gives nodes. */
  readonly subnet: { readonly prefix?: string; readonly usableAddresses?: number };
}

/** The deployment's capacity and quota plan (the seed: "make sure quotas are set on the accounts ahead of time"). */
export interface CapacityPlan {
  readonly deployment: string;
  /** The defaults a new Batch account gets at most, which the warnings compare with. */
  readonly defaultQuotas: typeof DEFAULT_BATCH_QUOTAS;
  readonly regions: readonly RegionCapacity[];
  /** Needs above the defaults, and subnets too small for a standby at full size: one line each. */
  readonly warnings: readonly string[];
}

/** The plan of the built stacks: each region at its size now and, for standbys, at full size. */
export function capacityPlan(config: DeploymentConfig, stacks: readonly BatchRegionStack[]): CapacityPlan {
  const fullSize = capacityNeeds(config.pools.map((pool) => poolOptions(pool, RegionRole.PRIMARY)));
  const warnings: string[] = [];
  const regions = stacks.map((stack): RegionCapacity => {
    const region = stack.batchRegion;
    const location = region.region.name;
    const now = capacityNeeds(region.pools.map((pool) => ({ name: pool.name, vmSize: pool.vmSize.name, scale: pool.scale })));
    const afterSwitchover = region.role === RegionRole.STANDBY ? fullSize : undefined;
    const prefix = region.network.subnetPrefix;
    const usable = usableAddresses(prefix);
    for (const [when, needs] of [['now', now], ['after a switchover', afterSwitchover]] as const) {
      if (needs === undefined) continue;
      for (const line of aboveDefaultQuotas(needs)) warnings.push(`${location} needs, ${when}, ${line}: request the quota for its Batch account before it is needed (az batch location list-skus names the VM families)`);
    }
    if (afterSwitchover && usable !== undefined && afterSwitchover.subnetAddresses > usable) {
      warnings.push(`${location} fits its standby size, but at full size after a switchover its pools need ${afterSwitchover.subnetAddresses} addresses and its pool subnet ${prefix} gives ${usable}; give it a larger address space before a switchover`);
    }
    return { location, role: region.role, now, ...(afterSwitchover ? { afterSwitchover } : {}), subnet: { prefix, usableAddresses: usable } };
  });
  return { deployment: config.name, defaultQuotas: DEFAULT_BATCH_QUOTAS, regions, warnings };
}

/** The plan as a table, one line per region and size, for the synth to print. */
export function capacityTable(plan: CapacityPlan): string[] {
  const rows = plan.regions.flatMap((region) => [
    [region.location, region.role, 'now', region.now] as const,
    ...(region.afterSwitchover ? [[region.location, region.role, 'switched', region.afterSwitchover] as const] : []),
  ]).map(([location, role, when, needs]) => [
    location, role, when,
    Object.entries(needs.dedicatedVCpusBySeries).map(([series, cores]) => `${series} ${cores}`).join(', ') || '-',
    String(needs.dedicatedVCpus), String(needs.spotVCpus), String(needs.pools), String(needs.subnetAddresses),
  ]);
  const header = ['region', 'role', 'size', 'dedicated vCPUs by series', 'dedicated', 'Spot', 'pools', 'addresses'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => `  ${cells.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`.trimEnd();
  return [`capacity plan (vCPUs at the largest size; a new account gets at most ${plan.defaultQuotas.dedicatedVCpus} dedicated, ${plan.defaultQuotas.spotVCpus} Spot, ${plan.defaultQuotas.pools} pools):`, line(header), ...rows.map(line)];
}
