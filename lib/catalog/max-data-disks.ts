/**
 * How many data disks a VM size attaches: the column "Max Remote Storage Disks (Qty.)" ("Max Remote
 * Storage (Qty.)" on the Dlsv5 and Dldsv5 pages) of the tab "Remote Storage" under "Sizes in series" on
 * each series' page (learn.microsoft.com/azure/virtual-machines/sizes/<category>/<series>-series), or "Max
 * data disks" on the older combined pages of Ev3 and Esv3, of the memory-optimized Dv2 and DSv2 sizes and
 * of Ebdsv5 and Ebsv5 (their SCSI tables: a pool's disks are on SCSI, see VmSize). The pages' sources are
 * MicrosoftDocs/azure-compute-docs articles/virtual-machines/sizes/<category>/<series>-series.md (read
 * 2026-12-03; the 192-vCPU v6 sizes, the Ev3/Esv3 page and the series from Dv3 on in the list below from
 * there) and their earlier copies in MicrosoftDocs/azure-docs. Only the series below are known; a size
 * outside them is not checked.
 *
 * The Intel v6 tables (Dsv6, Ddsv6, Dlsv6, Dldsv6, Esv6, Edsv6) give more disks than twice the vCPUs; the
 * AMD v6 tables (Dasv6, Dadsv6, Dalsv6, Daldsv6, Easv6, Eadsv6, Fasv6, Falsv6, Famsv6) keep the v5 pattern.
 */
interface SeriesLimits {
  /** The series page, under learn.microsoft.com/azure/virtual-machines/sizes/. */
  readonly page: string;
  /** The series' sizes by lower-case name, with their data-disk limits, smallest first. */
  readonly sizes: ReadonlyMap<string, { readonly name: string; readonly limit: number }>;
}

/** `template` with `{}` replaced by each vCPU count, mapped to `limit(vCPUs)`. */
function series(page: string, template: string, vCpus: readonly number[], limit: (vCpus: number) => number): SeriesLimits {
  const sizes = vCpus.map((count) => ({ name: template.replace('{}', String(count)), limit: limit(count) }));
  return { page, sizes: new Map(sizes.map((size) => [size.name.toLowerCase(), size])) };
}

/** The v5-era pattern the tables show: two disks per vCPU, 32 at most. */
const twoPerVcpu = (vCpus: number) => Math.min(2 * vCpus, 32);
/** The Intel v6 tables: 8, 12, 24, 48 for 2, 4, 8, 16 (and 20) vCPUs, 64 from 32 vCPUs on. */
const v6Limit = (vCpus: number) => (vCpus >= 32 ? 64 : vCpus >= 16 ? 48 : vCpus >= 8 ? 24 : vCpus >= 4 ? 12 : 8);
const constant = (limit: number) => () => limit;
/** The Intel v7 tables read (Dsv7, Ddsv7, Esv7): 10, 12, 26 for 2, 4, 8 vCPUs, 48 for 16 and 20, 64 from 32 on. */
const v7Limit = (vCpus: number) => (vCpus >= 32 ? 64 : vCpus >= 16 ? 48 : vCpus >= 8 ? 26 : vCpus >= 4 ? 12 : 10);

/** A series whose limits follow no pattern: each size with its limit, smallest first. */
function table(page: string, sizes: ReadonlyArray<readonly [name: string, limit: number]>): SeriesLimits {
  return { page, sizes: new Map(sizes.map(([name, limit]) => [name.toLowerCase(), { name, limit }])) };
}

/** The vCPU counts of the D and F series' sizes, to 64 (v3, v4, the AMD v6 F series) and to 96 (v5, the AMD v6 D series). */
const V4 = [2, 4, 8, 16, 32, 48, 64];
const V5 = [...V4, 96];
const V6 = [...V5, 128];
const V6_TO_192 = [...V6, 192];
/** The E series add a 20-vCPU size: to 64 (v3, v4) and to 96 (v5, v6). */
const E_V4 = [2, 4, 8, 16, 20, 32, 48, 64];
const E_V5 = [...E_V4, 96];

/** The v7 sizes' vCPU counts: the D series to 372, the E series with a 20-vCPU size to 248 (and an isolated 372). */
const D_V7 = [2, 4, 8, 16, 32, 48, 64, 96, 128, 192, 248, 372];
const E_V7 = [2, 4, 8, 16, 20, 32, 48, 64, 96, 128, 192, 248];
/** The Dv2 and DSv2 size numbers with their disks: 1-5 on the general-purpose pages, 11-15 on the memory page. */
const V2_NUMBERED: ReadonlyArray<readonly [number, number]> = [[1, 4], [2, 8], [3, 16], [4, 32], [5, 64]];
const V2_MEMORY_NUMBERED: ReadonlyArray<readonly [number, number]> = [[11, 8], [12, 16], [13, 32], [14, 64], [15, 64]];
/** The vCPU counts of the L series' sizes (v2, v3). */
const L_SIZES = [8, 16, 32, 48, 64, 80];

const LIMITS: readonly SeriesLimits[] = [
  series('general-purpose/dv5-series', 'Standard_D{}_v5', V5, twoPerVcpu),
  series('general-purpose/dsv5-series', 'Standard_D{}s_v5', V5, twoPerVcpu),
  series('general-purpose/ddsv5-series', 'Standard_D{}ds_v5', V5, twoPerVcpu),
  series('general-purpose/dasv5-series', 'Standard_D{}as_v5', V5, twoPerVcpu),
  series('general-purpose/dadsv5-series', 'Standard_D{}ads_v5', V5, twoPerVcpu),
  series('general-purpose/dsv4-series', 'Standard_D{}s_v4', V4, twoPerVcpu),
  series('general-purpose/dsv3-series', 'Standard_D{}s_v3', V4, twoPerVcpu),
  series('general-purpose/dsv6-series', 'Standard_D{}s_v6', V6_TO_192, v6Limit),
  series('general-purpose/ddsv6-series', 'Standard_D{}ds_v6', V6_TO_192, v6Limit),
  series('general-purpose/dlsv6-series', 'Standard_D{}ls_v6', V6, v6Limit),
  series('compute-optimized/fsv2-series', 'Standard_F{}s_v2', [2, 4, 8, 16, 32, 48, 64, 72], twoPerVcpu),
  series('memory-optimized/ev3-esv3-series', 'Standard_E{}_v3', E_V4, twoPerVcpu),
  series('memory-optimized/ev3-esv3-series', 'Standard_E{}i_v3', [64], constant(32)),
  series('memory-optimized/ev3-esv3-series', 'Standard_E{}s_v3', E_V4, twoPerVcpu),
  series('memory-optimized/ev3-esv3-series', 'Standard_E{}is_v3', [64], constant(32)),
  series('memory-optimized/esv5-series', 'Standard_E{}s_v5', E_V5, twoPerVcpu),
  series('memory-optimized/esv5-series', 'Standard_E{}is_v5', [104], constant(64)),
  series('memory-optimized/edsv5-series', 'Standard_E{}ds_v5', E_V5, twoPerVcpu),
  series('memory-optimized/edsv5-series', 'Standard_E{}ids_v5', [104], constant(64)),
  series('memory-optimized/esv6-series', 'Standard_E{}s_v6', [...E_V5, 128], v6Limit),
  series('storage-optimized/lsv3-series', 'Standard_L{}s_v3', L_SIZES, twoPerVcpu),
  series('storage-optimized/lsv2-series', 'Standard_L{}s_v2', L_SIZES, twoPerVcpu),
  series('storage-optimized/lasv3-series', 'Standard_L{}as_v3', L_SIZES, twoPerVcpu),
  series('gpu-accelerated/ncv3-series', 'Standard_NC{}s_v3', [6, 12, 24], twoPerVcpu),
  series('gpu-accelerated/ncv3-series', 'Standard_NC{}rs_v3', [24], twoPerVcpu),
  series('gpu-accelerated/ncast4v3-series', 'Standard_NC{}as_T4_v3', [4, 8, 16, 64], twoPerVcpu),
  series('high-performance-compute/hbv3-series', 'Standard_HB{}rs_v3', [120], constant(32)),
  series('high-performance-compute/hbv4-series', 'Standard_HB{}rs_v4', [176], constant(32)),
  // From the current pages only.
  series('general-purpose/dv3-series', 'Standard_D{}_v3', V4, twoPerVcpu),
  series('general-purpose/dv4-series', 'Standard_D{}_v4', V4, twoPerVcpu),
  series('general-purpose/ddv4-series', 'Standard_D{}d_v4', V4, twoPerVcpu),
  series('general-purpose/ddsv4-series', 'Standard_D{}ds_v4', V4, twoPerVcpu),
  series('general-purpose/ddv5-series', 'Standard_D{}d_v5', V5, twoPerVcpu),
  series('general-purpose/dlsv5-series', 'Standard_D{}ls_v5', V5, twoPerVcpu),
  series('general-purpose/dldsv5-series', 'Standard_D{}lds_v5', V5, twoPerVcpu),
  series('general-purpose/dldsv6-series', 'Standard_D{}lds_v6', V6, v6Limit),
  series('general-purpose/dasv6-series', 'Standard_D{}as_v6', V5, twoPerVcpu),
  series('general-purpose/dadsv6-series', 'Standard_D{}ads_v6', V5, twoPerVcpu),
  series('general-purpose/dalsv6-series', 'Standard_D{}als_v6', V5, twoPerVcpu),
  series('general-purpose/daldsv6-series', 'Standard_D{}alds_v6', V5, twoPerVcpu),
  // The AMD v4 series reach 96 vCPUs; the Dav4 page misspells its smallest size "Standard_D2a_v41" (a footnote run into the name).
  series('general-purpose/dav4-series', 'Standard_D{}a_v4', V5, twoPerVcpu),
  series('general-purpose/dasv4-series', 'Standard_D{}as_v4', V5, twoPerVcpu),
  series('memory-optimized/ev4-series', 'Standard_E{}_v4', E_V4, twoPerVcpu),
  series('memory-optimized/esv4-series', 'Standard_E{}s_v4', E_V4, twoPerVcpu),
  series('memory-optimized/esv4-series', 'Standard_E{}is_v4', [80], constant(64)),
  series('memory-optimized/edv4-series', 'Standard_E{}d_v4', E_V4, twoPerVcpu),
  series('memory-optimized/eav4-series', 'Standard_E{}a_v4', E_V5, twoPerVcpu),
  series('memory-optimized/easv4-series', 'Standard_E{}as_v4', E_V5, twoPerVcpu),
  series('memory-optimized/edsv4-series', 'Standard_E{}ds_v4', E_V4, twoPerVcpu),
  series('memory-optimized/edsv4-series', 'Standard_E{}ids_v4', [80], constant(64)),
  series('memory-optimized/ev5-series', 'Standard_E{}_v5', E_V5, twoPerVcpu),
  series('memory-optimized/ev5-series', 'Standard_E{}i_v5', [104], constant(64)),
  // The page names the isolated size "Standard_E104id_v52": footnote 2 run into the name.
  series('memory-optimized/edv5-series', 'Standard_E{}d_v5', E_V5, twoPerVcpu),
  series('memory-optimized/edv5-series', 'Standard_E{}id_v5', [104], constant(64)),
  // E112ibds_v5 and E112ibs_v5 are offered with NVMe only, which a pool cannot ask for: not listed.
  series('memory-optimized/ebdsv5-ebsv5-series', 'Standard_E{}bds_v5', V5, twoPerVcpu),
  series('memory-optimized/ebdsv5-ebsv5-series', 'Standard_E{}bs_v5', V5, twoPerVcpu),
  series('memory-optimized/easv5-series', 'Standard_E{}as_v5', E_V5, twoPerVcpu),
  series('memory-optimized/easv5-series', 'Standard_E{}ias_v5', [112], constant(64)),
  series('memory-optimized/eadsv5-series', 'Standard_E{}ads_v5', E_V5, twoPerVcpu),
  series('memory-optimized/eadsv5-series', 'Standard_E{}iads_v5', [112], constant(64)),
  series('memory-optimized/edsv6-series', 'Standard_E{}ds_v6', [...E_V5, 128], v6Limit),
  series('memory-optimized/edsv6-series', 'Standard_E{}ids_v6', [192], constant(64)),
  series('memory-optimized/easv6-series', 'Standard_E{}as_v6', E_V5, twoPerVcpu),
  series('memory-optimized/eadsv6-series', 'Standard_E{}ads_v6', E_V5, twoPerVcpu),
  series('compute-optimized/fasv6-series', 'Standard_F{}as_v6', V4, twoPerVcpu),
  series('compute-optimized/falsv6-series', 'Standard_F{}als_v6', V4, twoPerVcpu),
  series('compute-optimized/famsv6-series', 'Standard_F{}ams_v6', V4, twoPerVcpu),
  series('general-purpose/dsv7-series', 'Standard_D{}s_v7', D_V7, v7Limit),
  series('general-purpose/ddsv7-series', 'Standard_D{}ds_v7', D_V7, v7Limit),
  series('memory-optimized/esv7-series', 'Standard_E{}s_v7', E_V7, v7Limit),
  series('memory-optimized/esv7-series', 'Standard_E{}is_v7', [372], v7Limit),
  table('gpu-accelerated/nca100v4-series', [['Standard_NC24ads_A100_v4', 8], ['Standard_NC48ads_A100_v4', 16], ['Standard_NC96ads_A100_v4', 32]]),
  table('gpu-accelerated/ncadsh100v5-series', [['Standard_NC40ads_H100_v5', 8], ['Standard_NC80adis_H100_v5', 16]]),
  // HPC sizes take the disks of their full size whatever their active cores (Standard_HB120-32rs_v2: 8).
  // The HBv5 table misspells two constrained sizes ("Standard_HB368_336rsv5"), which take the full size's 32.
  series('high-performance-compute/hbv2-series', 'Standard_HB{}rs_v2', [120], constant(8)),
  series('high-performance-compute/hbv5-series', 'Standard_HB{}rs_v5', [368], constant(32)),
  series('high-performance-compute/hc-series', 'Standard_HC{}rs', [44], constant(4)),
  series('high-performance-compute/hx-series', 'Standard_HX{}rs', [176], constant(32)),
  // The ND series have one size each, and not one limit: 16 on the H200 and MI300X sizes, 32 on the others.
  table('gpu-accelerated/ndv2-series', [['Standard_ND40rs_v2', 32]]),
  table('gpu-accelerated/ndasra100v4-series', [['Standard_ND96asr_v4', 32]]),
  table('gpu-accelerated/ndma100v4-series', [['Standard_ND96amsr_A100_v4', 32]]),
  table('gpu-accelerated/ndh100v5-series', [['Standard_ND96isr_H100_v5', 32]]),
  table('gpu-accelerated/nd-h200-v5-series', [['Standard_ND96isr_H200_v5', 16]]),
  table('gpu-accelerated/ndmi300xv5-series', [['Standard_ND96isr_MI300X_v5', 16]]),
  // Dv2 and DSv2 sizes are numbered, not counted by vCPU, and both families take the same disks per number;
  // the memory sizes D11-D15_v2 and DS11-DS15_v2 are on a page of their own.
  ...['D', 'DS'].flatMap((family) => [
    table(`general-purpose/${family.toLowerCase()}v2-series`, V2_NUMBERED.map(([number, limit]) => [`Standard_${family}${number}_v2`, limit])),
    table('memory-optimized/dv2-dsv2-series-memory', V2_MEMORY_NUMBERED.map(([number, limit]) => [`Standard_${family}${number}_v2`, limit])),
  ]),
  // Two disks per vCPU; a memory size (A2m_v2) takes as many as the size of its vCPUs (A2_v2).
  series('general-purpose/av2-series', 'Standard_A{}_v2', [1, 2, 4, 8], twoPerVcpu),
  series('general-purpose/av2-series', 'Standard_A{}m_v2', [2, 4, 8], twoPerVcpu),
  series('gpu-accelerated/nc-rtxpro6000-bse-v6-series', 'Standard_NC{}ds_xl_RTXPRO6000BSE_v6', [128, 256, 320], constant(16)),
  series('gpu-accelerated/nc-rtxpro6000-bse-v6-series', 'Standard_NC{}lds_xl_RTXPRO6000BSE_v6', [128, 256, 320], constant(16)),
  table('gpu-accelerated/nvadsa10v5-series', [
    ['Standard_NV6ads_A10_v5', 4], ['Standard_NV12ads_A10_v5', 4], ['Standard_NV18ads_A10_v5', 8],
    ['Standard_NV36ads_A10_v5', 16], ['Standard_NV36adms_A10_v5', 32], ['Standard_NV72ads_A10_v5', 32],
  ]),
];

/**
 * A constrained-vCPU size (`Standard_E8-4s_v5`) takes the disks of the size it is cut from: "Constrained
 * vCPU sizes for database workloads" (learn.microsoft.com/azure/virtual-machines/constrained-vcpu, section
 * "Specification comparison"; docs/notes/issue-14-ha.md §3) keeps the full size's memory, storage and I/O
 * and lowers only the active vCPUs.
 */
function fullSizeOf(name: string): string {
  return name.toLowerCase().replace(/^(standard_[a-z]+\d+)-\d+/, '$1');
}

/** What is known of a size's data disks. */
export interface DataDiskLimit {
  /** How many data disks the size attaches. */
  readonly limit: number;
  /** Its series page, under learn.microsoft.com/azure/virtual-machines/sizes/. */
  readonly page: string;
  /** The smallest size of its series that attaches `count` disks; undefined when none does. */
  sizeFor(count: number): string | undefined;
}

/** The data-disk limit of a VM size (any case); undefined when its series is not known. */
export function dataDiskLimitOf(name: string): DataDiskLimit | undefined {
  const full = fullSizeOf(name);
  for (const { page, sizes } of LIMITS) {
    const size = sizes.get(full);
    if (size !== undefined) {
      return { limit: size.limit, page, sizeFor: (count) => [...sizes.values()].find((other) => other.limit >= count)?.name };
    }
  }
  return undefined;
}
