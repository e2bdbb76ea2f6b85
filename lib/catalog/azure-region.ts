import { closestMatches, quotedList } from '../private/did-you-mean';
import regionsJson = require('./regions.json');
import { Token } from '../engine';
import { invalid, knownOnlyAtDeploy } from '../private/problems';

/** The Azure cloud (sovereign environment) a region belongs to. Values are Azure's cloud names. */
export enum AzureCloud {
  /** Azure public cloud. */
  PUBLIC = 'AzureCloud',
  /** Azure US Government. */
  US_GOVERNMENT = 'AzureUSGovernment',
  /** Azure operated by 21Vianet (China). */
  CHINA = 'AzureChinaCloud',
}

/**
 * Regions without simplified compute node communication, per cloud. Source: "Use simplified compute
 * node communication", section Supported regions (learn.microsoft.com, ms.date 2025-03-27): public —
 * all but West India; Government — only USGov Arizona, Virginia and Texas; China — all but China
 * North 1 and China East 1.
 */
const SIMPLIFIED_UNSUPPORTED_PUBLIC = new Set(['westindia']);
const SIMPLIFIED_SUPPORTED_GOVERNMENT = new Set(['usgovarizona', 'usgovvirginia', 'usgovtexas']);
const SIMPLIFIED_UNSUPPORTED_CHINA = new Set(['chinanorth', 'chinaeast']);

/**
 * Regions with availability zones, so zone-redundant storage (ZRS, GZRS) and zonal pools. Public cloud:
 * "Azure regions list" (learn.microsoft.com/azure/reliability/regions-list, ms.date 2025-09-23, region list
 * updated 2026-07-28), the regions with availability zones; "Azure Storage redundancy", section
 * "Zone-redundant storage", sends readers there. US Government: only US Gov Virginia ("Availability zone
 * service and regional support", 2024; the ZRS region list names no other Government region). China:
 * only China North 3 (docs.azure.cn "Azure regions with availability zones").
 */
const ZONAL_REGIONS = new Set([
  'australiaeast', 'austriaeast', 'belgiumcentral', 'brazilsouth', 'canadacentral', 'centralindia', 'centralus', 'chilecentral',
  'denmarkeast', 'eastasia', 'eastus', 'eastus2', 'francecentral', 'germanywestcentral', 'indiasouthcentral', 'indonesiacentral',
  'israelcentral', 'italynorth', 'japaneast', 'japanwest', 'koreacentral', 'malaysiawest', 'mexicocentral', 'newzealandnorth',
  'northeurope', 'norwayeast', 'polandcentral', 'qatarcentral', 'southafricanorth', 'southcentralus', 'southeastasia',
  'spaincentral', 'swedencentral', 'switzerlandnorth', 'uaenorth', 'uksouth', 'westeurope', 'westus2', 'westus3',
  'usgovvirginia',
  'chinanorth3',
]);

/**
 * Pairs the catalog (regions.json, from `az account list-locations`) lacks. "Azure regions list"
 * (learn.microsoft.com/azure/reliability/regions-list, the same revision as above) gives India South
 * Central the paired region Central India, one way: Central India's pair is South India. regions.json
 * lists it with `pairedRegion: null`, which refused GRS and GZRS there.
 */
const PAIRED_REGIONS_NOT_IN_CATALOG: Readonly<Record<string, string>> = { indiasouthcentral: 'centralindia' };

interface RegionRecord {
  readonly name: string;
  readonly displayName: string;
  readonly pairedRegion: string | null;
  readonly geography: string;
  readonly cloud: string;
  readonly restrictedOrUnlisted?: boolean;
  readonly retired?: boolean;
}

/**
 * An Azure region from the catalog built into this library (public, US Government and China clouds):
 * its ARM name, display name, service-tag suffix, paired region and Batch capabilities.
 *
 * @example
 * ```ts
 * const eastus = AzureRegion.of('eastus');
 * eastus.serviceTagSuffix; // 'EastUS'
 * eastus.pairedRegion?.name; // 'westus'
 * ```
 */
export class AzureRegion {
  /**
   * Looks a region up by ARM name (`eastus`), case-insensitively; a display name (`East US`) works too.
   * @throws when the region is not in the catalog, naming the closest valid ARM names.
   */
  public static of(name: string): AzureRegion {
    if (Token.isUnresolved(name)) {
      invalid('AzureRegion.of', 'name', name, knownOnlyAtDeploy('a region\'s service tags, capabilities and limits are chosen from its name at synth', 'give the name, e.g. "eastus"'));
    }
    const key = name.toLowerCase().replace(/[\s()]/g, '');
    const region = AzureRegion.catalog().get(key);
    if (region) return region;
    const suggestions = closestMatches(key, AzureRegion.catalog().keys());
    const hint = suggestions.length > 0 ? `did you mean ${quotedList(suggestions)}?` : 'use the ARM name of a region, e.g. "eastus" (see AzureRegion.all())';
    invalid('AzureRegion.of', 'name', name, `is not an Azure region; ${hint}`);
  }

  /** Whether `name` is a region of the catalog (same matching as {@link AzureRegion.of}). */
  public static isKnown(name: string): boolean {
    return AzureRegion.catalog().has(name.toLowerCase().replace(/[\s()]/g, ''));
  }

  /** Every region of the catalog, in catalog order. */
  public static all(): readonly AzureRegion[] {
    return [...AzureRegion.catalog().values()];
  }

  /** ARM name, e.g. `eastus`. Used for `location` and in stack names (`batch-eastus`). */
  public readonly name: string;
  /** Display name, e.g. `East US`. */
  public readonly displayName: string;
  /**
   * Suffix of the regional service tags in Microsoft's published casing: the display name with spaces
   * and parentheses removed, e.g. `EastUS`, `SoutheastAsia`, `UAENorth`, `USGovVirginia`.
   */
  public readonly serviceTagSuffix: string;
  /** The cloud the region belongs to. */
  public readonly cloud: AzureCloud;
  /** Geography, e.g. `United States`. */
  public readonly geography: string;
  /** ARM name of the paired region, when Azure pairs this region. */
  public readonly pairedRegionName?: string;
  /** Whether Batch pools here can use simplified compute node communication (the only mode since 2026-03-31). */
  public readonly supportsSimplifiedNodeCommunication: boolean;
  /** Whether the region has availability zones, which zone-redundant storage (ZRS, GZRS) and zonal pools need. */
  public readonly availabilityZones: boolean;
  /**
   * Whether Batch-service accounts can get Spot nodes here. They got low-priority VMs for them, which
   * Azure operated by 21Vianet never offered ("Use Spot VMs with Batch workloads", 2023 revision,
   * "Differences between Spot and low-priority VMs": "All regions except Microsoft Azure operated by
   * 21Vianet"); since March 2026 Batch migrates low-priority nodes to Spot (Azure/Batch issue #196), and
   * neither the current page nor docs.azure.cn "Batch service quotas and limits" (no low-priority core
   * quota) documents Spot for Batch there. User-subscription accounts always got Spot VMs, so this is
   * about Batch-service accounts only.
   */
  public readonly spotNodes: boolean;
  /** Access-restricted or unlisted region (needs a support request before use). */
  public readonly restricted: boolean;
  /** Region that Azure has retired. */
  public readonly retired: boolean;

  private constructor(record: RegionRecord) {
    this.name = record.name;
    this.displayName = record.displayName;
    this.serviceTagSuffix = record.displayName.replace(/[\s()]/g, '');
    this.cloud = record.cloud as AzureCloud;
    this.geography = record.geography;
    this.pairedRegionName = record.pairedRegion ?? PAIRED_REGIONS_NOT_IN_CATALOG[record.name];
    this.restricted = record.restrictedOrUnlisted === true;
    this.retired = record.retired === true;
    this.supportsSimplifiedNodeCommunication = simplifiedSupported(record.name, this.cloud);
    this.availabilityZones = ZONAL_REGIONS.has(record.name);
    this.spotNodes = this.cloud !== AzureCloud.CHINA;
  }

  /** The paired region, when Azure pairs this region and the pair is in the catalog. */
  public get pairedRegion(): AzureRegion | undefined {
    return this.pairedRegionName === undefined ? undefined : AzureRegion.catalog().get(this.pairedRegionName);
  }

  /** The ARM name, e.g. `eastus`, so a region reads as its name in messages and templates. */
  public toString(): string {
    return this.name;
  }

  private static byName?: Map<string, AzureRegion>;

  /** The catalog, built on first use so importing the library stays cheap. */
  private static catalog(): Map<string, AzureRegion> {
    AzureRegion.byName ??= new Map((regionsJson as readonly RegionRecord[]).map((record) => [record.name, new AzureRegion(record)]));
    return AzureRegion.byName;
  }
}

function simplifiedSupported(name: string, cloud: AzureCloud): boolean {
  switch (cloud) {
    case AzureCloud.PUBLIC:
      return !SIMPLIFIED_UNSUPPORTED_PUBLIC.has(name);
    case AzureCloud.US_GOVERNMENT:
      return SIMPLIFIED_SUPPORTED_GOVERNMENT.has(name);
    case AzureCloud.CHINA:
      return !SIMPLIFIED_UNSUPPORTED_CHINA.has(name);
  }
}
