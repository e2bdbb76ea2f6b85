import { dataDiskLimitOf, DataDiskLimit } from './max-data-disks';
import { retirementOf, SizeRetirement } from './vm-size-retirement';

/** How a VM size attaches its managed (OS and data) disks. */
export enum DiskController {
  /** SCSI: data disks appear as `/dev/disk/azure/scsi1/lun<N>` (WALinuxAgent's udev rules). */
  SCSI = 'SCSI',
  /** NVMe: data disks appear as `/dev/disk/azure/data/by-lun/<N>` (azure-vm-utils' udev rules). */
  NVME = 'NVMe',
}

/** The instruction set of a VM size's processors, or the one an OS image is built for. */
export enum CpuArchitecture {
  /** 64-bit x86 (Intel and AMD processors). */
  X64 = 'x64',
  /** 64-bit Arm (Ampere Altra, Azure Cobalt). */
  ARM64 = 'Arm64',
}

/** What the naming conventions and Azure's documentation tell about a size; undefined means not known. */
export interface VmSizeCapabilities {
  /** Premium SSD data disks can be attached. */
  readonly premiumStorage?: boolean;
  /** The controller data disks are attached to. */
  readonly diskController?: DiskController;
  /** Azure Disk Encryption (what Batch's disk encryption falls back to without encryption at host) is available. */
  readonly azureDiskEncryption?: boolean;
  /** Trusted launch (secure boot, vTPM) is supported. */
  readonly trustedLaunch?: boolean;
  /** Generation 2 (UEFI) images boot on it; false for sizes that boot Generation 1 images only. */
  readonly generation2?: boolean;
  /** Generation 1 (BIOS) images boot on it; false for sizes that boot Generation 2 images only. */
  readonly generation1?: boolean;
}

/**
 * Series whose pages give "Generation 1 VMs: Not Supported" (read 2026-12-03): general-purpose/dsv6-series,
 * ddsv6-series, dlsv6-series, dldsv6-series, dasv6-series, dadsv6-series, dalsv6-series, daldsv6-series,
 * dsv7-series and ddsv7-series; memory-optimized/esv6-series, edsv6-series, easv6-series, eadsv6-series
 * and esv7-series; compute-optimized/fasv6-series, falsv6-series and famsv6-series: every v6 and v7
 * series the library reads data-disk limits of. Others (the Arm Dpsv6 and Epsv6, Fasv7, the isolated
 * E192is_v6 and E372is_v7) were not read for it: not known.
 */
const GENERATION_2_ONLY = new Set([
  'Dsv6', 'Ddsv6', 'Dlsv6', 'Dldsv6', 'Dasv6', 'Dadsv6', 'Dalsv6', 'Daldsv6', 'Dsv7', 'Ddsv7',
  'Esv6', 'Edsv6', 'Easv6', 'Eadsv6', 'Esv7', 'Fasv6', 'Falsv6', 'Famsv6',
]);

/** The GPU and HPC series of {@link VmSize.generation1}, by {@link VmSize.series}. */
const ACCELERATED_GENERATION_2_ONLY = new Set(['NDasrv4', 'NDisrH100v5', 'NDisrH200v5', 'NDisrMI300Xv5', 'HXrs']);

/**
 * `Standard_<family><vCPUs>[-<constrained vCPUs>]<additive features>[_<accelerator>][_v<version>]`, from
 * "Azure virtual machine sizes naming conventions", section "Naming convention explanation"
 * (learn.microsoft.com/azure/virtual-machines/vm-naming-conventions): family (and sub-family) in upper
 * case, additive features in lower case, an optional accelerator or memory part, the version last
 * ("Version numbers only appear in the size name if there are multiple versions": "Sizes for virtual
 * machines in Azure", section "VM size and series naming").
 */
const SIZE_NAME = /^Standard_([A-Z]+)(\d+)(?:-(\d+))?([a-z]*)((?:_(?!v\d+(?:_|$))[A-Za-z0-9]+)*)(?:_v(\d+))?(_Promo)?$/;

/** General purpose, memory, compute and storage optimized families: the ones the facts below are about. */
const CLASSIFIED_FAMILIES = new Set(['A', 'B', 'D', 'DS', 'E', 'F', 'FX', 'L', 'M']);

/**
 * A VM size name, parsed by Azure's naming conventions into the facts the library checks. Sizes outside
 * the general purpose, memory, compute and storage optimized families (GPU, HPC, confidential, names
 * that do not follow the convention) are not classified: callers say what they did not check instead of
 * guessing. The facts are read from the name only; Azure's Resource SKUs API is the authority for a size
 * in a region. Encryption at host is not among them: Learn publishes no rule by name ("Use the Azure CLI
 * to enable end-to-end encryption using encryption at host", "Supported VM sizes": pull the list
 * programmatically, capability `EncryptionAtHostSupported`).
 *
 * @example
 * ```ts
 * VmSize.of('Standard_D4s_v6').capabilities?.diskController; // DiskController.NVME
 * ```
 */
export class VmSize {
  /** Parses a size name as Azure spells it, e.g. `Standard_D4s_v5`. Never throws. */
  public static of(name: string): VmSize {
    return new VmSize(name);
  }

  /** The name as given. */
  public readonly name: string;
  /** The family and sub-family letters, e.g. `D`, `NC`; undefined when the name does not follow the convention. */
  public readonly family?: string;
  /** The additive feature letters, e.g. `ads`. */
  public readonly features: string;
  /** The accelerator or memory part between features and version, e.g. `A100`; empty when none. */
  public readonly accelerator: string;
  /** The version, 1 when the name has no `_v<N>`; undefined when the name does not follow the convention. */
  public readonly version?: number;
  /** What is known of the size, or undefined when it is not classified. */
  public readonly capabilities?: VmSizeCapabilities;
  /**
   * vCPUs of the size: the number after the family ("# of vCPUs", naming conventions page). For a
   * constrained-vCPU size (`Standard_E8-4s_v5`) this is the full count, 8: Learn does not say which count
   * quota is charged, and the Resource SKUs API lists the full one as `vCPUs` (docs/notes/issue-14-ha.md §3).
   * @default - not known: the name does not follow the convention
   */
  public readonly vCpus?: number;
  /**
   * The series the size belongs to, by its name: family, additive features, accelerator and version,
   * e.g. `Dsv5` for `Standard_D4s_v5`. This is the library's grouping; Batch's quota family names
   * (`standardDSv5Family`) follow no documented rule: `az batch location list-skus` lists them.
   * @default - not known: the name does not follow the convention
   */
  public readonly series?: string;
  /**
   * The processors' instruction set, by the name: naming conventions, "Additive features", "p = ARM-based
   * processor"; sizes without it are x64. An OS disk is built for one of the two (Compute's `Architecture`:
   * `x64`, `Arm64`).
   * @default - not known: the name does not follow the convention
   */
  public readonly architecture?: CpuArchitecture;

  /**
   * How many data disks the size attaches, from its series page, for the series the library has read
   * (`max-data-disks.ts` lists them with their pages).
   * @default - not known: a series the library has not read
   */
  public readonly dataDisks?: DataDiskLimit;

  /**
   * The retirement of the size's series, as Learn lists it (`vm-size-retirement.ts`); BATCH-020 judges it.
   * @default - none announced: Learn lists no retirement for the series
   */
  public readonly retirement?: SizeRetirement;

  /**
   * Whether the size is a promo version of a size (`Standard_D2_v2_Promo`), which "Azure Spot Virtual
   * Machines", section "Limitations" (learn.microsoft.com/azure/virtual-machines/spot-vms), does not
   * support for Spot.
   */
  public readonly promo: boolean;

  private constructor(name: string) {
    this.name = name;
    this.dataDisks = dataDiskLimitOf(name);
    const match = SIZE_NAME.exec(name);
    this.features = match?.[4] ?? '';
    this.accelerator = match?.[5]?.slice(1) ?? '';
    this.promo = match?.[7] !== undefined;
    if (!match) {
      this.retirement = retirementOf(this);
      return;
    }
    this.family = match[1];
    this.version = match[6] === undefined ? 1 : Number(match[6]);
    this.vCpus = Number(match[2]);
    this.architecture = this.features.includes('p') ? CpuArchitecture.ARM64 : CpuArchitecture.X64;
    this.series = `${match[1]}${this.features}${this.accelerator}${match[6] === undefined ? '' : `v${this.version}`}`;
    // Promo sizes are older sizes at another price; they are left unclassified.
    if (CLASSIFIED_FAMILIES.has(this.family) && this.accelerator === '' && match[7] === undefined) {
      this.capabilities = capabilitiesOf(this.family, this.features, this.version);
    }
    this.retirement = retirementOf(this);
  }

  /** Whether the size belongs to a family whose capabilities are known. */
  public get classified(): boolean {
    return this.capabilities !== undefined;
  }

  /**
   * Whether its NVIDIA GPUs take the GRID driver on Linux, which needs Secure Boot (trusted launch) off:
   * "Install NVIDIA GPU drivers on N-series VMs running Linux" (learn.microsoft.com/azure/virtual-machines/
   * linux/n-series-driver-setup) installs the GRID driver on NCv6 RTX PRO 6000 BSE VMs after "Ensure that
   * secure boot and vTPM are disabled", and says of the GRID driver on Ubuntu that "secure boot has to be
   * disabled". Only that series is encoded: its size names (nc-rtxpro6000-bse-v6-series, read 2026-12-03)
   * are `Standard_NC<vCPUs>[l]ds_xl_RTXPRO6000BSE_v6`; the older NV and NVv3 series are retired.
   */
  public get linuxGridDriver(): boolean {
    return /^Standard_NC\d+l?ds_xl_RTXPRO6000BSE_v6$/i.test(this.name);
  }

  /**
   * Whether the size supports trusted launch: `capabilities.trustedLaunch` for the classified families,
   * and for GPU and HPC sizes what "Trusted Launch for Azure virtual machines", section "Virtual machines
   * sizes" (learn.microsoft.com/azure/virtual-machines/trusted-launch) says of their series.
   */
  public get trustedLaunch(): boolean | undefined {
    return this.capabilities ? this.capabilities.trustedLaunch : acceleratedTrustedLaunchOf(this.family, this.version);
  }

  /**
   * Whether Generation 1 images boot on the size: `capabilities.generation1` for the classified families,
   * and false for the GPU and HPC series whose pages give "Generation 1 VMs: Not Supported" (read
   * 2026-12-03): gpu-accelerated/ndasra100v4-series (`Standard_ND96asr_v4`), ndh100v5-series,
   * nd-h200-v5-series and ndmi300xv5-series (`Standard_ND96isr_<GPU>_v5`), and
   * high-performance-compute/hx-series (`Standard_HX176rs` and its constrained sizes). Other series are not known.
   */
  public get generation1(): boolean | undefined {
    if (this.capabilities) return this.capabilities.generation1;
    return this.series !== undefined && ACCELERATED_GENERATION_2_ONLY.has(this.series) ? false : undefined;
  }

  /** The name as given, e.g. `Standard_D4s_v5`. */
  public toString(): string {
    return this.name;
  }
}

function capabilitiesOf(family: string, features: string, version: number): VmSizeCapabilities {
  const has = (letter: string) => features.includes(letter);
  return {
    // Naming conventions, "Additive features": "s = Premium Storage capable" (newer revision: "compatible
    // with any Premium SSD type"); "some newer sizes without the attribute of s can still support Premium
    // Storage, such as M128, M64" — so an M size without s is not known. The older DS series carries it in
    // the family. Disks FAQ, "Premium disks": sizes without it take "only standard data disks".
    premiumStorage: has('s') || family === 'DS' ? true : family === 'M' ? undefined : false,
    // "NVMe overview", "Supportability" (learn.microsoft.com/azure/virtual-machines/nvme-overview): D/Ev5,
    // Fv2 and older support SCSI; "Da/Ea/Fav6 and newer typically support only the NVMe storage interface",
    // and the v6 size pages say they "only work on OS images that are tagged with NVMe support". Ebsv5
    // offers both, SCSI unless the VM asks for NVMe ("FAQ for remote NVMe disks"), which a pool cannot.
    diskController: version >= 6 ? DiskController.NVME : DiskController.SCSI,
    // "Azure Disk Encryption for Linux VMs", "Supported VMs" (ms.date 2026-02-20): "not available on Basic,
    // A-series VMs, v6 series VMs, v7 series VMs, or newer", nor under 2 GB of memory (some B sizes, so B
    // is not known); "Restrictions" (disk-encryption-linux) also excludes the L family.
    azureDiskEncryption: family === 'A' || family === 'L' || version >= 6 ? false : family === 'B' ? undefined : true,
    trustedLaunch: trustedLaunchOf(family, has, version),
    // "VM Generation Support" on the series pages (read 2026-12-03): "Generation 1" for Av2
    // (general-purpose/av2-series), Dv2 (general-purpose/dv2-series for D1-D5_v2, memory-optimized/
    // dv2-dsv2-series-memory for D11-D15_v2), Dv3 (general-purpose/dv3-series) and Ev3
    // (memory-optimized/ev3-esv3-series, its isolated E64i_v3 too); "Generation 1 and 2" for their premium
    // siblings DSv2, Dsv3 and Esv3, and for Dv4. The other series' pages were not read for it: not known.
    generation2: (family === 'A' && version === 2) || (family === 'D' && version === 2) || ((family === 'D' || family === 'E') && version === 3 && !has('s')) ? false : undefined,
    generation1: GENERATION_2_ONLY.has(`${family}${features}v${version}`) ? false : undefined,
  };
}

/**
 * The GPU and HPC rows of the same table (read 2026-12-03): supported — the NC, ND and NV families and the
 * HBv2, HBv3, HBv4, HC and HX series; currently not supported — NDasrA100_v4 and NDm_A100_v4 (the ND v4
 * sizes); not supported — the NC and NV series (the first version) and NP. Other series (HBv5, NG, ...)
 * are not known.
 */
function acceleratedTrustedLaunchOf(family: string | undefined, version: number | undefined): boolean | undefined {
  switch (family) {
    case 'NC':
    case 'NV':
      return version !== 1;
    case 'ND':
      return version === 1 ? undefined : version !== 4;
    case 'NP':
      return false;
    case 'HB':
      return version !== undefined && version >= 2 && version <= 4 ? true : undefined;
    case 'HC':
    case 'HX':
      return true;
    default:
      return undefined;
  }
}

/**
 * "Trusted Launch for Azure virtual machines", section "Virtual machines sizes"
 * (learn.microsoft.com/azure/virtual-machines/trusted-launch, ms.date 2026-07-27): supported — B, D, E, Eb,
 * F, Fx, L families, Dpsv6, Epsv6; currently not supported — Dpsv5 (Arm), Mbdsv4 (preview); not supported
 * — A family, Dv2, Dv3, M family. The 2023 revision listed Dsv2, Dsv3 and Esv3 as supported, so the
 * premium (`s`, DS) v2/v3 sizes are not known; those without `s` are Gen1-era sizes and not supported.
 */
function trustedLaunchOf(family: string, has: (letter: string) => boolean, version: number): boolean | undefined {
  switch (family) {
    case 'A':
      return false;
    case 'M':
      return has('b') && version === 4 ? undefined : false;
    case 'D':
    case 'DS':
    case 'E':
      if (version === 2 || version === 3) return has('s') || family === 'DS' ? undefined : false;
      if (version === 1) return undefined;
      if (has('p') && version < 6) return family === 'E' ? undefined : false;
      return true;
    default:
      return true;
  }
}
