/**
 * VM size series Azure retires, from Learn's "VM size series retirements, capacity growth restrictions,
 * and modernization guidance" (learn.microsoft.com/azure/virtual-machines/sizes/lifecycle/
 * retirements-and-capacity-restrictions, ms.date 2026-09-24; MicrosoftDocs/azure-compute-docs
 * articles/virtual-machines/sizes/lifecycle/retirements-and-capacity-restrictions.md), sections "Retired
 * and retiring VM size series" (the series tables and their Planned Retirement Date) and "Impacted VM
 * series" (capacity growth restrictions). Series retired before that page's tables begin come from their
 * own notices, named where they are listed. On the retirement date "any remaining VMs in a retired series
 * are deallocated", and a retired series "can't be provisioned".
 */

/** One series' retirement. */
export interface SizeRetirement {
  /** The series as Learn names it, e.g. `Fsv2-series`. */
  readonly series: string;
  /** The day Azure retires it (00:00 UTC). */
  readonly date: Date;
  /**
   * Whether the series is among the "Impacted VM series" of the capacity growth restrictions that begin
   * in July 2026: "New subscriptions can't deploy affected SKUs", and more quota "isn't approved".
   */
  readonly capacityRestricted: boolean;
  /**
   * Whether the retirement is of the public cloud only. The Dv3, Dsv3, Ev3 and Esv3 retirement "doesn't
   * apply to Azure Government, Azure operated by 21Vianet, or sovereign cloud regions"; the page does not
   * say whether the capacity restrictions do, so the library judges neither outside the public cloud.
   */
  readonly publicCloudOnly: boolean;
  /** Where Learn says it, when not the page above. */
  readonly notice?: string;
}

/** What the library reads from a size name to find its series (see `VmSize`). */
export interface SizeNameParts {
  /** The name, e.g. `Standard_F4s_v2`. */
  readonly name: string;
  /** Family and sub-family letters, e.g. `F`, `NC`. */
  readonly family?: string;
  /** Additive feature letters, e.g. `s`. */
  readonly features: string;
  /** The accelerator or memory part, e.g. `cc`, `T4`. */
  readonly accelerator: string;
  /** The version, 1 when the name has none. */
  readonly version?: number;
}

interface Entry extends SizeRetirement {
  matches(size: SizeNameParts): boolean;
}

const RESTRICTIONS_BEGIN = 'July 2026';

function entry(series: string, date: string, matches: (size: SizeNameParts) => boolean, options: { capacityRestricted?: boolean; publicCloudOnly?: boolean; notice?: string } = {}): Entry {
  return {
    series,
    date: new Date(`${date}T00:00:00Z`),
    capacityRestricted: options.capacityRestricted ?? false,
    publicCloudOnly: options.publicCloudOnly ?? false,
    ...(options.notice === undefined ? {} : { notice: options.notice }),
    matches,
  };
}

/** A series by family, version and what its sizes' features may be (any, when not given). */
const series = (family: string, version: number, features?: readonly string[], accelerator = '') => (size: SizeNameParts) =>
  size.family === family && size.version === version && size.accelerator === accelerator && (features === undefined || features.includes(size.features));

const RESTRICTED = { capacityRestricted: true };
const V3 = { capacityRestricted: true, publicCloudOnly: true };

const ENTRIES: readonly Entry[] = [
  // General purpose.
  entry('Av1-series', '2024-08-31', (size) => /^Basic_A\d+$/i.test(size.name) || series('A', 1)(size), {
    notice: '"Av1-series retirement" (learn.microsoft.com/azure/virtual-machines/sizes/lifecycle/retirement/av1-series-retirement): "On August 31, 2024, we retire Basic and Standard A-series virtual machines"',
  }),
  entry('D-series', '2028-05-01', series('D', 1), RESTRICTED),
  entry('Ds-series', '2028-05-01', series('DS', 1), RESTRICTED),
  entry('Dv2-series', '2028-05-01', series('D', 2), RESTRICTED),
  entry('Dsv2-series', '2028-05-01', series('DS', 2), RESTRICTED),
  entry('Av2/Amv2-series', '2028-11-15', series('A', 2), RESTRICTED),
  entry('B-series (V1)', '2028-11-15', series('B', 1), RESTRICTED),
  entry('Dv3-series', '2029-11-15', series('D', 3, ['']), V3),
  entry('Dsv3-series', '2029-11-15', series('D', 3, ['s']), V3),
  entry('DCsv2-series', '2026-06-30', series('DC', 2)),
  entry('DCas_cc_v5/DCads_cc_v5-series', '2026-09-01', series('DC', 5, ['as', 'ads'], 'cc')),
  entry('DCsv3/DCdsv3-series', '2029-10-31', series('DC', 3, ['s', 'ds'])),
  // Compute optimized.
  entry('F-series', '2028-11-15', series('F', 1, ['']), RESTRICTED),
  entry('Fs-series', '2028-11-15', series('F', 1, ['s']), RESTRICTED),
  entry('Fsv2-series', '2028-11-15', series('F', 2, ['s']), RESTRICTED),
  // Memory optimized.
  entry('G-series', '2028-11-15', series('G', 1), RESTRICTED),
  entry('Gs-series', '2028-11-15', series('GS', 1), RESTRICTED),
  entry('Ev3-series', '2029-11-15', series('E', 3, ['', 'i']), V3),
  entry('Esv3-series', '2029-11-15', series('E', 3, ['s', 'is']), V3),
  entry('Standard_M192i(d)(m)s_v2', '2027-03-31', (size) => /^Standard_M192i(d)?(m)?s_v2$/i.test(size.name)),
  entry('ECas_cc_v5/ECads_cc_v5-series', '2026-09-01', series('EC', 5, ['as', 'ads'], 'cc')),
  // Storage optimized.
  entry('Ls-series', '2028-05-01', series('L', 1), RESTRICTED),
  entry('Lsv2-series', '2028-11-15', series('L', 2), RESTRICTED),
  // GPU and FPGA accelerated.
  entry('NC-series', '2023-08-31', series('NC', 1), {
    notice: '"Modernization guide for GPU compute workloads in Azure" (learn.microsoft.com/azure/virtual-machines/sizes/lifecycle/retirement/n-series-migration): the NC, NC v2 and ND-series "will be retired on August 31st 2023"',
  }),
  entry('NCv2-series', '2023-08-31', series('NC', 2), { notice: 'the NC-series\' notice' }),
  entry('ND-series', '2023-08-31', series('ND', 1), { notice: 'the NC-series\' notice' }),
  entry('NV-series', '2023-09-06', series('NV', 1), {
    notice: '"NV series retirement" (learn.microsoft.com/azure/virtual-machines/sizes/lifecycle/retirement/nv-series-retirement): "we\'re retiring our NV-series Azure VM sizes on September 6, 2023"',
  }),
  entry('NCv3-Series', '2025-09-30', series('NC', 3, ['s', 'rs'])),
  entry('NVv3-series', '2026-09-30', series('NV', 3, ['s'])),
  entry('NVv4-series', '2026-09-30', series('NV', 4, ['as'])),
  entry('NP-series', '2027-05-31', series('NP', 1)),
  // HPC.
  entry('HC-series', '2027-05-31', series('HC', 1)),
  entry('HBv2-series', '2027-05-31', series('HB', 2)),
];

/** When capacity growth restrictions begin: "Capacity growth restrictions for the impacted VM series begin in July 2026." */
export const CAPACITY_RESTRICTIONS_BEGIN = { date: new Date('2026-07-01T00:00:00Z'), text: RESTRICTIONS_BEGIN };

/** The retirement of the series a size belongs to, or undefined when Learn lists none for it. */
export function retirementOf(size: SizeNameParts): SizeRetirement | undefined {
  const found = ENTRIES.find((candidate) => candidate.matches(size));
  if (found === undefined) return undefined;
  const { series: name, date, capacityRestricted, publicCloudOnly, notice } = found;
  return { series: name, date, capacityRestricted, publicCloudOnly, ...(notice === undefined ? {} : { notice }) };
}
