import { Token } from '../engine';
import { fail, invalid, knownOnlyAtDeploy } from '../private/problems';
import { daysUntil } from '../private/today';
import { CpuArchitecture } from './vm-size';
import eolJson = require('./node-agent-eol.json');

/** Operating system family of a pool image. */
export enum OsFamily {
  /** Linux: every node agent SKU but `batch.node.windows amd64`; data-disk start tasks run in bash. */
  LINUX = 'linux',
  /** Windows: the `batch.node.windows amd64` node agent; the bash data-disk start task cannot run. */
  WINDOWS = 'windows',
}

/** A node agent SKU and what Batch has announced about its end of support. */
export interface NodeAgentSku {
  /** The SKU id, e.g. `batch.node.ubuntu 24.04`. */
  readonly id: string;
  /** Day after which Batch stops creating or resizing pools with it, when announced. */
  readonly endOfLife?: Date;
}

/** Node agent SKUs from `node-agent-eol.json` (Batch's retirement notices), by id. */
const NODE_AGENT_SKUS: ReadonlyMap<string, NodeAgentSku> = new Map(
  (eolJson.nodeAgentSkus as ReadonlyArray<{ nodeAgentSkuId: string; batchSupportEndOfLife: string | null }>).map((entry) => {
    const date = entry.batchSupportEndOfLife?.match(/\d{4}-\d{2}-\d{2}/)?.[0];
    return [entry.nodeAgentSkuId, { id: entry.nodeAgentSkuId, endOfLife: date ? new Date(`${date}T00:00:00Z`) : undefined }];
  }),
);

/**
 * Marketplace images Batch retires on a date of their own, ahead of their node agent's, by
 * `publisher:offer:sku` in lower case: `imageRetirements` in `node-agent-eol.json` (Windows Server 2012 and
 * 2012 R2 on 2024-12-05, Azure/Batch#179; Windows Server 2016 on 2027-01-12, Azure/Batch#197). An entry
 * read here lists its first image whole and the rest by SKU, of the same publisher and offer, and gives
 * its date as YYYY-MM-DD. Two entries are prose: the `*-with-Containers` images removed from the
 * Marketplace on 2023-04-30 (Azure/Batch#136), read by {@link imageEndOfLife} by their SKU, and Windows
 * Server 2008 R2, with no date, not read.
 */
const IMAGE_END_OF_LIFE: ReadonlyMap<string, Date> = new Map(
  (eolJson.nodeAgentSkus as ReadonlyArray<{ imageRetirements?: ReadonlyArray<{ images: string; endOfSupport: string }> }>)
    .flatMap((entry) => entry.imageRetirements ?? [])
    .flatMap((retirement) => {
      const [first, ...skus] = retirement.images.split(',').map((image) => image.trim());
      const whole = /^([^:\s]+):([^:\s]+):([^:\s]+)$/.exec(first);
      const date = /^\d{4}-\d{2}-\d{2}$/.exec(retirement.endOfSupport)?.[0];
      if (whole === null || date === undefined || skus.some((sku) => /[\s:]/.test(sku))) return [];
      const [, publisher, offer, sku] = whole;
      return [sku, ...skus].map((each) => [`${publisher}:${offer}:${each}`.toLowerCase(), new Date(`${date}T00:00:00Z`)] as const);
    }),
);

/**
 * The `*-with-Containers` Windows Server images of 2016, 2019 and 20H2, which the prose entry of
 * `imageRetirements` says were removed from the Marketplace on 2023-04-30 (Azure/Batch#136).
 */
const WITH_CONTAINERS_REMOVED = new Date('2023-04-30T00:00:00Z');

/** The day Batch stops supporting a marketplace image, when one is announced for the image itself. */
export function imageEndOfLife(publisher: string, offer: string, sku: string): Date | undefined {
  const [p, o, s] = [publisher, offer, sku].map((part) => part.toLowerCase());
  if (p === 'microsoftwindowsserver' && o === 'windowsserver' && /^(2016|2019|20h2)-.*with-containers/.test(s)) return WITH_CONTAINERS_REMOVED;
  return IMAGE_END_OF_LIFE.get(`${p}:${o}:${s}`);
}

/** Publishers of Enterprise Linux images (AlmaLinux, Rocky, Red Hat). */
const EL_PUBLISHERS = ['almalinux', 'resf', 'redhat', 'erockyenterprisesoftwarefoundationinc1653071250513'];
/** Major version of an EL image SKU: the first digit of its first number (`9-gen2`, `rhel-lvm94`, `8_10`). */
const elMajor = (sku: string): string | undefined => sku.match(/\d/)?.[0];

/** Marketplace image families and the node agent SKU each needs (Batch's supported-images list). */
const AGENT_FOR_MARKETPLACE: ReadonlyArray<{ readonly test: (publisher: string, offer: string, sku: string) => boolean; readonly agent: string }> = [
  { test: (p, o) => p === 'canonical' && o.startsWith('ubuntu-24_04'), agent: 'batch.node.ubuntu 24.04' },
  { test: (p, o, s) => p === 'microsoft-dsvm' && o === 'ubuntu-hpc' && s.startsWith('2404'), agent: 'batch.node.ubuntu 24.04' },
  { test: (p, o) => p === 'canonical' && (o === '0001-com-ubuntu-server-jammy' || o.startsWith('ubuntu-22_04')), agent: 'batch.node.ubuntu 22.04' },
  { test: (p, o, s) => p === 'microsoft-dsvm' && o === 'ubuntu-hpc' && s.startsWith('2204'), agent: 'batch.node.ubuntu 22.04' },
  { test: (p, o) => p === 'canonical' && o === '0001-com-ubuntu-server-focal', agent: 'batch.node.ubuntu 20.04' },
  { test: (p, _o, s) => EL_PUBLISHERS.includes(p) && elMajor(s) === '9', agent: 'batch.node.el 9' },
  { test: (p, _o, s) => EL_PUBLISHERS.includes(p) && elMajor(s) === '8', agent: 'batch.node.el 8' },
  { test: (p) => p === 'microsoftwindowsserver', agent: 'batch.node.windows amd64' },
];

/** What an image supports, as its options declare. */
type ImageTraits = Pick<MarketplaceImageOptions, 'trustedLaunch' | 'nvmeDataDiskLinks' | 'containers' | 'architecture' | 'hyperVGeneration'>;

/**
 * The VM generation an image boots: Generation 1 (BIOS) or Generation 2 (UEFI), as Compute names it
 * (`hyperVGeneration` of an image: `V1`, `V2`). A VM boots only images of a generation its size supports
 * ("Support for generation 2 VMs on Azure"; the series pages list "Generation 1 VMs" and "Generation 2 VMs").
 */
export enum HyperVGeneration {
  /** Generation 1 (BIOS boot). */
  V1 = 'V1',
  /** Generation 2 (UEFI boot); trusted launch needs it. */
  V2 = 'V2',
}

/** A marketplace image reference. */
export interface MarketplaceImageOptions {
  /** Marketplace publisher, e.g. `canonical` (compared case-insensitively to find the node agent). */
  readonly publisher: string;
  /** Offer of the publisher, e.g. `ubuntu-24_04-lts`. */
  readonly offer: string;
  /** SKU (plan) of the offer, e.g. `server`. */
  readonly sku: string;
  /**
   * Image version: a published version of the SKU to pin it, or `latest` for the newest one.
   * @default 'latest'
   */
  readonly version?: string;
  /** The node agent SKU; it must be the one Batch pairs with this image family. */
  readonly nodeAgentSkuId: string;
  /**
   * Whether the image is Gen2 and supports trusted launch.
   * @default false
   */
  readonly trustedLaunch?: boolean;
  /**
   * Whether the image ships azure-vm-utils, whose udev rules link NVMe data disks as
   * `/dev/disk/azure/data/by-lun/<N>`: without it, data disks on NVMe VM sizes (v6 and later) cannot be
   * found by LUN.
   * @default false
   */
  readonly nvmeDataDiskLinks?: boolean;
  /**
   * Whether Batch lists the image as container-capable (`DockerCompatible` among its capabilities in
   * the supported-images list), which container pools need.
   * @default false
   */
  readonly containers?: boolean;
  /**
   * The instruction set the image is built for: a pool refuses a VM size of the other one.
   * @default - not known, not checked
   */
  readonly architecture?: CpuArchitecture;
  /**
   * The VM generation the image boots: a pool refuses a size known not to boot it (`VmSize.generation1`,
   * `VmSizeCapabilities.generation2`: the v6 and v7 series read boot Generation 2 only; Av2, Dv2, Dv3 and
   * Ev3 Generation 1 only).
   * @default - HyperVGeneration.V2 when `trustedLaunch` (trusted launch is for Generation 2 VMs); otherwise not known, not checked
   */
  readonly hyperVGeneration?: HyperVGeneration;
}

/** An image from an Azure Compute Gallery or a managed image. */
export interface CustomImageOptions {
  /** ARM id of the image or image version. */
  readonly imageId: string;
  /** The node agent SKU matching the image's OS; required, since it cannot be derived. */
  readonly nodeAgentSkuId: string;
  /**
   * Whether the image is Gen2 and supports trusted launch.
   * @default false
   */
  readonly trustedLaunch?: boolean;
  /**
   * Whether the image ships azure-vm-utils, whose udev rules link NVMe data disks as
   * `/dev/disk/azure/data/by-lun/<N>`: without it, data disks on NVMe VM sizes (v6 and later) cannot be
   * found by LUN.
   * @default false
   */
  readonly nvmeDataDiskLinks?: boolean;
  /**
   * Whether Batch lists the image as container-capable (`DockerCompatible` among its capabilities in
   * the supported-images list), which container pools need.
   * @default false
   */
  readonly containers?: boolean;
  /**
   * The instruction set the image is built for: a pool refuses a VM size of the other one.
   * @default - not known, not checked
   */
  readonly architecture?: CpuArchitecture;
  /**
   * The VM generation the image boots: a pool refuses a size known not to boot it (`VmSize.generation1`,
   * `VmSizeCapabilities.generation2`: the v6 and v7 series read boot Generation 2 only; Av2, Dv2, Dv3 and
   * Ev3 Generation 1 only).
   * @default - HyperVGeneration.V2 when `trustedLaunch` (trusted launch is for Generation 2 VMs); otherwise not known, not checked
   */
  readonly hyperVGeneration?: HyperVGeneration;
}

/**
 * The OS image of a pool with its node agent SKU. Friendly catalog entries are kept current with
 * Batch's supported images; `marketplace()` and `custom()` take others.
 */
export class PoolImage {
  // NVMe data-disk links: "Introduction to Azure virtual machine utilities (azure-vm-utils)", section
  // "Linux distribution support" (learn.microsoft.com/azure/virtual-machines/linux/azure-virtual-machine-utilities):
  // the official marketplace images of Ubuntu 22.04 and later ship it; RHEL, AlmaLinux, Rocky and Oracle
  // Linux only from 9.8, which a `latest` version of an EL 9 SKU does not promise.

  // Architectures: Canonical builds Arm64 as SKUs of their own (`server-arm64`, `22_04-lts-arm64`), so
  // `server` and `22_04-lts-gen2` are x64 (no Learn page lists them; public tooling such as Juju's Azure
  // image lookup maps arm64 to `server-arm64`); AlmaLinux's offer names it (`almalinux-x86_64`); the
  // Windows node agent names it (`batch.node.windows amd64`). The HPC image's is not documented.
  /** Ubuntu Server 24.04 LTS (Gen2) with `batch.node.ubuntu 24.04`: the default. */
  public static readonly UBUNTU_2404 = PoolImage.marketplace({
    publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', nodeAgentSkuId: 'batch.node.ubuntu 24.04', trustedLaunch: true, nvmeDataDiskLinks: true, architecture: CpuArchitecture.X64,
  });
  /** Ubuntu Server 22.04 LTS (Gen2) with `batch.node.ubuntu 22.04` (end of support 2027-06-30). */
  public static readonly UBUNTU_2204 = PoolImage.marketplace({
    publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', nodeAgentSkuId: 'batch.node.ubuntu 22.04', trustedLaunch: true, nvmeDataDiskLinks: true, architecture: CpuArchitecture.X64,
  });
  /** AlmaLinux 9 (Gen2), an Enterprise Linux 9, with `batch.node.el 9`. No NVMe data-disk links: use it with SCSI (v5 and earlier) sizes for data disks. */
  public static readonly EL_9 = PoolImage.marketplace({
    publisher: 'almalinux', offer: 'almalinux-x86_64', sku: '9-gen2', nodeAgentSkuId: 'batch.node.el 9', trustedLaunch: true, architecture: CpuArchitecture.X64,
  });
  /**
   * Microsoft's Ubuntu 24.04 HPC image (`microsoft-dsvm:ubuntu-hpc:2404`) with `batch.node.ubuntu 24.04`:
   * the container image. Batch lists the ubuntu-hpc images as `DockerCompatible` (Azure/Batch issue #178,
   * ListSupportedImages for `2204`; issue #200 names `2404` as the way on for container pools), and the
   * `microsoft-azure-batch` container images have retired (issues #169, #174). Docker keeps its data in
   * `/var/lib/docker` on the OS disk ("Use Azure Batch to run container workloads", "Notes"). Neither
   * trusted launch nor azure-vm-utils is documented for it, so neither is assumed.
   */
  public static readonly UBUNTU_2404_HPC = PoolImage.marketplace({
    publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2404', nodeAgentSkuId: 'batch.node.ubuntu 24.04', containers: true,
  });
  /** Windows Server 2022 Datacenter (Gen2, small disk) with `batch.node.windows amd64`. */
  public static readonly WINDOWS_SERVER_2022 = PoolImage.marketplace({
    publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-smalldisk-g2', nodeAgentSkuId: 'batch.node.windows amd64', trustedLaunch: true, architecture: CpuArchitecture.X64,
  });

  /** The catalog by friendly name, as the deployment config names images. */
  public static readonly CATALOG: Readonly<Record<string, PoolImage>> = {
    'ubuntu-24.04': PoolImage.UBUNTU_2404,
    'ubuntu-22.04': PoolImage.UBUNTU_2204,
    'ubuntu-24.04-hpc': PoolImage.UBUNTU_2404_HPC,
    'el-9': PoolImage.EL_9,
    'windows-server-2022': PoolImage.WINDOWS_SERVER_2022,
  };

  /** A node agent SKU of the catalog by id, or undefined when Batch has none by that id. */
  public static nodeAgentSku(id: string): NodeAgentSku | undefined {
    return NODE_AGENT_SKUS.get(id);
  }

  /** The node agent SKU Batch pairs with a marketplace image, when its family is known. */
  public static expectedNodeAgent(publisher: string, offer: string, sku: string): string | undefined {
    return AGENT_FOR_MARKETPLACE.find((family) => family.test(publisher.toLowerCase(), offer.toLowerCase(), sku.toLowerCase()))?.agent;
  }

  /**
   * A marketplace image.
   * @throws when the node agent SKU is unknown or does not match the image family.
   */
  public static marketplace(options: MarketplaceImageOptions): PoolImage {
    const expected = PoolImage.expectedNodeAgent(options.publisher, options.offer, options.sku);
    const sku = knownAgent(options.nodeAgentSkuId);
    if (expected !== undefined && expected !== sku.id) {
      fail(`PoolImage: image ${options.publisher}:${options.offer}:${options.sku} runs with node agent "${expected}", not "${sku.id}"; use nodeAgentSkuId "${expected}".`);
    }
    return new PoolImage(`${options.publisher}:${options.offer}:${options.sku}`, sku, options, {
      marketplaceImage: { publisher: options.publisher, offer: options.offer, sku: options.sku, version: options.version ?? 'latest' },
    });
  }

  /**
   * A Compute Gallery or managed image with an explicit node agent SKU.
   * @throws when the node agent SKU is unknown.
   */
  public static custom(options: CustomImageOptions): PoolImage {
    return new PoolImage(options.imageId, knownAgent(options.nodeAgentSkuId), options, { customImageId: options.imageId });
  }

  /**
   * A catalog image by friendly name (`ubuntu-24.04`, `ubuntu-22.04`, `el-9`, `windows-server-2022`).
   * @throws for unknown names, listing the catalog.
   */
  public static fromName(name: string): PoolImage {
    const image = PoolImage.CATALOG[name];
    if (!image) invalid('PoolImage.fromName', 'name', name, `is not a catalog image; use one of ${Object.keys(PoolImage.CATALOG).map((key) => `"${key}"`).join(', ')}`);
    return image;
  }

  /** A readable name: `publisher:offer:sku` or the custom image id. */
  public readonly name: string;
  /** The node agent SKU. */
  public readonly nodeAgentSku: NodeAgentSku;
  /** Linux or Windows, from the node agent SKU. */
  public readonly osFamily: OsFamily;
  /** Whether pools can use trusted launch (secure boot, vTPM) with it. */
  public readonly trustedLaunch: boolean;
  /** Whether it links NVMe data disks by LUN (ships azure-vm-utils). */
  public readonly nvmeDataDiskLinks: boolean;
  /** The instruction set it is built for, when known. */
  public readonly architecture?: CpuArchitecture;
  /** The VM generation it boots, when known: V2 for an image that supports trusted launch. */
  public readonly hyperVGeneration?: HyperVGeneration;
  /** Whether container pools can use it (Batch lists it as `DockerCompatible`). */
  public readonly containers: boolean;
  /**
   * Publisher, offer, SKU and version of a marketplace image, as given (version `latest` unless one was
   * given); undefined for a custom image (then {@link PoolImage.customImageId} is set).
   */
  public readonly marketplaceImage?: Required<Pick<MarketplaceImageOptions, 'publisher' | 'offer' | 'sku' | 'version'>>;
  /**
   * ARM id of the Compute Gallery image, image version or managed image, as given; undefined for a
   * marketplace image (then {@link PoolImage.marketplaceImage} is set).
   */
  public readonly customImageId?: string;

  private constructor(name: string, nodeAgentSku: NodeAgentSku, traits: ImageTraits, source: Pick<PoolImage, 'marketplaceImage' | 'customImageId'>) {
    this.name = name;
    this.nodeAgentSku = nodeAgentSku;
    this.osFamily = nodeAgentSku.id.startsWith('batch.node.windows') ? OsFamily.WINDOWS : OsFamily.LINUX;
    this.trustedLaunch = traits.trustedLaunch ?? false;
    this.nvmeDataDiskLinks = traits.nvmeDataDiskLinks ?? false;
    this.containers = traits.containers ?? false;
    this.architecture = traits.architecture;
    // "Trusted Launch for Azure virtual machines": trusted launch is for Generation 2 VMs.
    if (this.trustedLaunch && traits.hyperVGeneration === HyperVGeneration.V1) {
      invalid('PoolImage', 'hyperVGeneration', traits.hyperVGeneration, `is Generation 1, and image ${name} is declared to support trusted launch, which only Generation 2 images do; declare HyperVGeneration.V2, or trustedLaunch false`);
    }
    this.hyperVGeneration = traits.hyperVGeneration ?? (this.trustedLaunch ? HyperVGeneration.V2 : undefined);
    this.marketplaceImage = source.marketplaceImage;
    this.customImageId = source.customImageId;
  }

  /** Days from `today` to the node agent's end of support (negative when past), or undefined when none is announced. */
  public daysToEndOfLife(today: Date): number | undefined {
    const end = this.nodeAgentSku.endOfLife;
    return end === undefined ? undefined : daysUntil(end, today);
  }
}

function knownAgent(id: string): NodeAgentSku {
  if (Token.isUnresolved(id)) {
    invalid('PoolImage', 'nodeAgentSkuId', id, knownOnlyAtDeploy('the node agent gives the image\'s OS family and end of life, which the pool is checked against at synth', 'give the id as a literal, e.g. "batch.node.ubuntu 24.04"'));
  }
  const sku = NODE_AGENT_SKUS.get(id);
  if (!sku) {
    fail(`PoolImage: unknown node agent SKU "${id}"; use one Batch supports, e.g. ${[...NODE_AGENT_SKUS.keys()].filter((key) => NODE_AGENT_SKUS.get(key)?.endOfLife === undefined).map((key) => `"${key}"`).join(', ')}.`);
  }
  return sku;
}
