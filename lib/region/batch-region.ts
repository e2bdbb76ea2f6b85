import { MonitorDiagnosticSetting, PrivateDnsZone, ResourceGroup } from '../azurerm';
import { Annotations, Token } from '../engine';
import { Construct, IConstruct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { applicationIdProblem, BatchApplicationOptions, RegionalBatchAccount } from '../account/regional-batch-account';
import { BatchNetwork, IBatchNetwork } from '../network/batch-network';
import { ContainerRegistryEndpoint } from '../network/container-registry-endpoint';
import type { Egress } from '../network/egress';
import type { ImportedVirtualNetworkDnsProps } from '../network/imported-network';
import { type NetworkRule, RuleAccess, TrafficDirection } from '../network/network-rule';
import { Port } from '../network/port';
import type { NodeCommunicationRuleSet } from '../network/node-communication-rule-set';
import { SimplifiedPool, PoolOptions } from '../pool/simplified-pool';
import { networkSubscriptionOf, SUBSCRIPTION_ID_PATTERN, subscriptionOf } from '../private/arm-id';
import { Ipv4Cidr } from '../private/cidr';
import { literalTags } from '../private/literal';
import { nameProblem, NameRules } from '../private/names';
import { addCheck, attempt, knownOnlyAtDeploy, locate, mapped, mapProblems, Problem, throwIfProblems, ValidationError, ValidationProblem } from '../private/problems';
import { IAutoStorageAccount, PairedStorageAccount, StorageNetworkAccess, StorageReplication } from '../storage/paired-storage-account';
import { RegionRole } from './region-role';

/** Tags the region puts on every resource it creates; yours may not reuse their names. */
export const LIBRARY_TAGS: readonly string[] = ['deployment', 'region', 'role'];

/** "Use tags to organize your Azure resources", "Limitations": each resource supports at most 50 tag name-value pairs. */
const MAX_TAGS_PER_RESOURCE = 50;
/**
 * Same page: tag names are at most 512 characters (128 for storage accounts, which every region has),
 * values at most 256, and names cannot contain `<`, `>`, `%`, `&`, `\`, `?`, `/`.
 */
const TAG_NAME = /^[^<>%&\\?/\u0000-\u001f]{1,128}$/;
const MAX_TAG_VALUE_LENGTH = 256;

/** Deployment names: short, lower case, safe inside every physical name derived from them. */
export const DEPLOYMENT_NAME_PATTERN = /^[a-z0-9]{3,11}$/;
/** Unique suffixes: short enough to leave the hashed names readable. */
const UNIQUE_SUFFIX_PATTERN = /^[a-z0-9]{1,8}$/;

/** Properties of a {@link BatchRegion}. */
export interface BatchRegionProps {
  /** Name of the deployment, 3-11 lowercase letters or digits; every physical name starts from it. */
  readonly deploymentName: string;
  /** The region. It must support simplified node communication, the only mode since 2026-03-31. */
  readonly region: AzureRegion;
  /**
   * Role of the region in the deployment.
   * @default RegionRole.PRIMARY
   */
  readonly role?: RegionRole;
  /**
   * Address space of the region's new VNet, e.g. `10.10.0.0/16`. Give this or `network`.
   * @default - none; required unless `network` is given
   */
  readonly addressSpace?: string;
  /**
   * A network that exists, imported with {@link BatchNetwork.fromSubnetId} or
   * {@link BatchNetwork.fromVirtualNetworkId} (its rule set and rules are given there). Give this or
   * `addressSpace`.
   * @default - a new {@link BatchNetwork} from `addressSpace`
   */
  readonly network?: IBatchNetwork;
  /**
   * A VNet or subnet of your landing zone for the region to adopt: the region imports it (as
   * {@link BatchNetwork.fromVirtualNetworkId} or {@link BatchNetwork.fromSubnetId} would) under the id
   * `Network`, and `ruleSet`, `restrictOutbound`, `networkRules` and `egress` apply to it as to a new
   * network. Give this, `addressSpace` or `network`.
   * @default - none
   */
  readonly landingZone?: LandingZoneNetwork;
  /**
   * Private DNS zones that exist (a hub's), for the private endpoints' records: the region creates no
   * zone and links none to a VNet, so nothing collides with the hub's zones and their links.
   * @default - the region creates the zones it needs and links them to its VNet
   */
  readonly privateDnsZoneIds?: PrivateDnsZoneIds;
  /**
   * Azure Container Registries (Premium) the region's nodes pull from through a private endpoint each,
   * in the network's endpoint subnet (ids `Registry-<name>`), with no way out of the VNet needed. Pools
   * name the registry's login server with an AcrPull identity in `container.registries`.
   * @default - none
   */
  readonly containerRegistryIds?: string[];
  /**
   * How the region's nodes reach destinations outside the VNet (a new or adopted network; an imported
   * `network` has its own).
   * @default Egress.none()
   */
  readonly egress?: Egress;
  /**
   * An auto-storage account that exists, imported with {@link PairedStorageAccount.fromStorageAccountId}.
   * @default - a new {@link PairedStorageAccount}
   */
  readonly storage?: IAutoStorageAccount;
  /**
   * NSG rule set for the pool subnet.
   * @default NodeCommunicationRuleSet.SIMPLIFIED
   */
  readonly ruleSet?: NodeCommunicationRuleSet;
  /**
   * Use this resource group instead of creating `rg-<deploymentName>-<region>`.
   * @default - a resource group is created
   */
  readonly resourceGroupName?: string;
  /**
   * The region's pools.
   * @default - none
   */
  readonly pools?: PoolOptions[];
  /**
   * Batch applications of the account; give every region the same ones.
   * @default - none
   */
  readonly applications?: BatchApplicationOptions[];
  /**
   * Deny all other outbound traffic of the pool subnet (see `BatchNetworkProps.restrictOutbound`).
   * @default false
   */
  readonly restrictOutbound?: boolean;
  /**
   * Extra NSG rules for the pool subnet.
   * @default - none
   */
  readonly networkRules?: NetworkRule[];
  /**
   * Reachability of a new auto-storage account's public endpoint.
   * @default StorageNetworkAccess.PRIVATE
   */
  readonly storageNetworkAccess?: StorageNetworkAccess;
  /**
   * Reference-data containers of a new auto-storage account, with blob versioning and the change feed
   * on, for object replication between the regions ({@link BlobReplication}).
   * @default - none
   */
  readonly referenceContainers?: string[];
  /**
   * Redundancy of a new auto-storage account.
   * @default StorageReplication.LRS
   */
  readonly storageReplication?: StorageReplication;
  /**
   * Public IPv4 ranges allowed to reach the Batch account's API (public access restricted to them).
   * @default - public network access disabled; private endpoints only
   */
  readonly accountAllowedIpRanges?: string[];
  /**
   * Log Analytics workspace for diagnostics.
   * @default - one is created in the region
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Protect what deleting would lose: a `CanNotDelete` lock on the auto-storage account, and Terraform's
   * `prevent_destroy` on the Batch account. The Batch account gets no Azure lock: its pools and
   * applications would inherit it, and every pool replacement would fail at the delete. The storage
   * lock also stops deleting the role assignments on the account, its blob private endpoint and its
   * containers: lift it before a change that replaces or removes them.
   * @default false
   */
  readonly deleteLocks?: boolean;
  /**
   * Extra input to the hashes in globally unique names, 1-8 lowercase letters or digits; change it to get
   * fresh names when recreating a deployment (the seed: never reuse names).
   * @default - none
   */
  readonly uniqueSuffix?: string;
  /**
   * The subscription the region is deployed to (a GUID). Storage account names are global and Batch
   * account names unique per region across all of Azure, so it goes into their hash: two deployments
   * with the same name in different subscriptions get different names, and one deployment keeps its
   * names on every synth. A literal: the hash is made at synth, so a Terraform expression (a
   * `data.azurerm_client_config` attribute, a variable) is refused.
   * @default - none: names depend on the deployment name and region only (a warning says so)
   */
  readonly subscriptionId?: string;
  /**
   * Tags on every resource, merged over `deployment`, `region` and `role`.
   * @default - only the three tags above
   */
  readonly tags?: { [key: string]: string };
}

/** A VNet of a landing zone, in which the region creates its pool subnet (and endpoint subnet). */
export interface LandingZoneVirtualNetwork extends ImportedVirtualNetworkDnsProps {
  /** ARM id of the VNet. */
  readonly virtualNetworkId: string;
  /** Address prefix of the new pool subnet: a free block of the VNet, e.g. `10.10.4.0/22`. */
  readonly poolSubnetPrefix: string;
  /**
   * Address prefix of a new subnet for the private endpoints.
   * @default - none: endpoints go into the pool subnet
   */
  readonly privateEndpointSubnetPrefix?: string;
  /**
   * The VNet's address prefixes, to check that the new subnets lie inside them.
   * @default - not checked at synth time
   */
  readonly addressSpace?: string[];
}

/** Subnets of a landing zone the region places its pools (and endpoints) in as they are. */
export interface LandingZoneSubnet extends ImportedVirtualNetworkDnsProps {
  /** ARM id of the pool subnet. */
  readonly subnetId: string;
  /**
   * Address prefix of the pool subnet, for the capacity and Docker-bridge checks.
   * @default - not known: those checks do not run
   */
  readonly addressPrefix?: string;
  /**
   * ARM id of the NSG already associated with the pool subnet; the rules are added to it.
   * @default - a new NSG is created and associated with the subnet
   */
  readonly networkSecurityGroupId?: string;
  /**
   * ARM id of a subnet of the same VNet for the private endpoints.
   * @default - the endpoints go into the pool subnet
   */
  readonly privateEndpointSubnetId?: string;
  /**
   * Address prefix of `privateEndpointSubnetId`.
   * @default - not known
   */
  readonly privateEndpointSubnetPrefix?: string;
}

/** A network of a landing zone for a region to adopt: a VNet to create subnets in, or subnets to use. */
export type LandingZoneNetwork = LandingZoneVirtualNetwork | LandingZoneSubnet;

/** Private DNS zones that exist, by ARM id (each zone's name must be the cloud's `privatelink` name). */
export interface PrivateDnsZoneIds {
  /**
   * The `privatelink.batch.*` zone for the Batch account's `batchAccount` and `nodeManagement` endpoints.
   * @default - the region creates it
   */
  readonly batch?: string;
  /**
   * The `privatelink.blob.*` zone for the auto-storage account's blob endpoint.
   * @default - the region creates it
   */
  readonly blob?: string;
  /**
   * The `privatelink.azurecr.*` zone for the endpoints of `containerRegistryIds`.
   * @default - the region creates it
   */
  readonly containerRegistry?: string;
}

/** Subscription of the stand-in imports that let a failed region's pools be checked (never synthesized). */
const UNCHECKED_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** Props of a new network only: refused alongside an imported `network`, which takes them itself. */
const NEW_NETWORK_PROPS = ['addressSpace', 'landingZone', 'ruleSet', 'restrictOutbound', 'networkRules', 'egress'] as const;
/** Props of a new auto-storage account only: refused alongside an imported `storage`. */
const NEW_STORAGE_PROPS = ['storageNetworkAccess', 'storageReplication', 'referenceContainers'] as const;

/** Which prop of a region each prop of an adopted landing-zone network came from. */
const LANDING_ZONE_PROPS: Record<string, string> = {
  virtualNetworkId: 'landingZone.virtualNetworkId', subnetId: 'landingZone.subnetId', poolSubnetPrefix: 'landingZone.poolSubnetPrefix',
  privateEndpointSubnetPrefix: 'landingZone.privateEndpointSubnetPrefix', addressSpace: 'landingZone.addressSpace', addressPrefix: 'landingZone.addressPrefix',
  networkSecurityGroupId: 'landingZone.networkSecurityGroupId', privateEndpointSubnetId: 'landingZone.privateEndpointSubnetId', dnsServers: 'landingZone.dnsServers',
  ruleSet: 'ruleSet', restrictOutbound: 'restrictOutbound', rules: 'networkRules', egress: 'egress', resourceGroupName: 'resourceGroupName',
};

/**
 * Which prop of a region each prop of its parts came from, when it was passed through (or derived, with
 * the region's value shown instead of the derived one).
 */
const PART_PROPS: Record<string, Record<string, string>> = {
  Network: { addressSpace: 'addressSpace', poolSubnetPrefix: 'addressSpace', privateEndpointSubnetPrefix: 'addressSpace', ruleSet: 'ruleSet', restrictOutbound: 'restrictOutbound', rules: 'networkRules', egress: 'egress', baseName: 'deploymentName', resourceGroupName: 'resourceGroupName' },
  Storage: { networkAccess: 'storageNetworkAccess', replication: 'storageReplication', referenceContainers: 'referenceContainers', namePrefix: 'deploymentName', name: 'deploymentName', resourceGroupName: 'resourceGroupName', network: 'network', privateDnsZoneId: 'privateDnsZoneIds.blob' },
  Account: { allowedIpRanges: 'accountAllowedIpRanges', logAnalyticsWorkspaceId: 'logAnalyticsWorkspaceId', namePrefix: 'deploymentName', name: 'deploymentName', resourceGroupName: 'resourceGroupName', applications: 'applications', storageAccount: 'storage', network: 'network', privateDnsZoneId: 'privateDnsZoneIds.batch' },
};

/**
 * One region's Batch footprint: resource group, network, paired storage, Batch account and pools.
 * Everything it creates is in its own region and references nothing outside it. It adopts a network
 * and a storage account that exist when given them (DESIGN use 3: your own landing zone).
 *
 * Problems of its parts are reported as problems of the region's own props. The network, storage and
 * account are built in that order and the first that refuses its props throws; pools are checked each
 * on its own (under `pools[<i>]`) and reported as errors at synth, so one bad pool does not hide another.
 */
export class BatchRegion extends Construct {
  /** The resource group, when this construct created it (id `ResourceGroup`). */
  public readonly resourceGroup?: ResourceGroup;
  /** Name of the resource group every resource of the region is in (a reference when created here). */
  public readonly resourceGroupName: string;
  /** The same name as a literal, known at synth time: `rg-<deploymentName>-<region>` or the one given. */
  public readonly resourceGroupPhysicalName: string;
  /** The region's network: a {@link BatchNetwork} (id `Network`), or the one given. */
  public readonly network: IBatchNetwork;
  /** The Batch account's auto-storage: a {@link PairedStorageAccount} (id `Storage`), or the one given. */
  public readonly storage: IAutoStorageAccount;
  /** The Batch account. */
  public readonly account: RegionalBatchAccount;
  /** Azure region of the footprint. */
  public readonly region: AzureRegion;
  /** Role of the region in the deployment. */
  public readonly role: RegionRole;
  /** Name of the deployment. */
  public readonly deploymentName: string;
  /** Tags applied to every resource of the region. */
  public readonly tags: { [key: string]: string };
  /**
   * ARM id of the auto-storage account as a literal, for a {@link BlobReplication} in a stack of its own:
   * built from the subscription, the resource group and the account's names, all known at synth time.
   * @default - not known: without `subscriptionId`, or with imported storage
   */
  public readonly storageAccountArmId?: string;

  private readonly addedPools: SimplifiedPool[] = [];
  private readonly adoptsLandingZone: boolean;
  /** Index in `containerRegistryIds` of each registry endpoint, by construct id. */
  private readonly registryIndex = new Map<string, number>();
  /** Index of each pool in the order added, by construct id; a repeated name is not indexed. */
  private readonly poolIndex = new Map<string, number>();
  private poolCount = 0;
  private readonly poolNames = new Set<string>();

  constructor(scope: Construct, id: string, props: BatchRegionProps) {
    super(scope, id);
    // Every problem of the region is gathered before anything is thrown: its own props', each part's,
    // each pool's. Parts that refuse their props are stood in for by imports (never synthesized: the
    // region then throws), so what depends on them is still checked.
    const problems: ValidationProblem[] = locate(this, regionProblems(props));
    this.region = props.region;
    this.adoptsLandingZone = props.landingZone !== undefined && props.network === undefined;
    this.role = props.role ?? RegionRole.PRIMARY;
    this.deploymentName = props.deploymentName;
    this.tags = { deployment: props.deploymentName, region: props.region.name, role: this.role, ...props.tags };
    mapProblems(this, (problem) => this.asRegionProblem(problem));
    const baseName = `${props.deploymentName}-${props.region.name}`;
    // A part known only at deploy time is the region's problem (regionProblems), not its parts' as well.
    const literalPart = (part: string | undefined) => (part === undefined || Token.isUnresolved(part) ? undefined : part);
    const uniqueSuffix = [literalPart(props.subscriptionId)?.toLowerCase(), literalPart(props.uniqueSuffix)].filter((part) => part !== undefined).join('/') || undefined;
    if (props.subscriptionId === undefined && props.uniqueSuffix === undefined) {
      Annotations.of(this).addWarning(
        `[NAMES] storage and Batch account names come from "${props.deploymentName}" and ${props.region.name} only, and are shared by every deployment of that name in any subscription (storage names are global); set subscriptionId (config "subscriptionId") before the first deploy so they are unique to yours (on a deployed region it renames, so replaces, the storage and Batch accounts)`,
      );
    }

    this.resourceGroupPhysicalName = props.resourceGroupName ?? `rg-${baseName}`;
    if (props.resourceGroupName === undefined) {
      this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', {
        name: `rg-${baseName}`,
        location: props.region.name,
        tags: literalTags(this.tags),
      });
      this.resourceGroupName = this.resourceGroup.name;
    } else {
      this.resourceGroupName = props.resourceGroupName;
    }

    // A part's problem with a prop of the region that is already reported wrong only repeats it.
    const reported = new Set(problems.map((problem) => headOf(problem.path)));
    const part = <T>(build: () => T): T | undefined => {
      try {
        return build();
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        problems.push(...error.problems.map((problem) => mapped(this, problem))
          .filter((problem) => problem.subject !== 'BatchRegion' || !reported.has(headOf(problem.path))));
        return undefined;
      }
    };
    /** The providers path of the stand-ins' resource group, in `subscription`. */
    const standIn = (subscription = UNCHECKED_SUBSCRIPTION) => `/subscriptions/${subscription}/resourceGroups/rg-unchecked/providers`;
    const networkOptions = {
      region: props.region, ruleSet: props.ruleSet, restrictOutbound: props.restrictOutbound, rules: props.networkRules, egress: props.egress, tags: this.tags,
    };
    const zone = props.landingZone;
    const network = props.network
      ?? (zone !== undefined && 'virtualNetworkId' in zone ? part(() => BatchNetwork.fromVirtualNetworkId(this, 'Network', zone.virtualNetworkId, {
        ...networkOptions, resourceGroupName: this.resourceGroupName, baseName,
        poolSubnetPrefix: zone.poolSubnetPrefix, privateEndpointSubnetPrefix: zone.privateEndpointSubnetPrefix, addressSpace: zone.addressSpace, dnsServers: zone.dnsServers,
      })) : undefined)
      ?? (zone !== undefined && 'subnetId' in zone ? part(() => BatchNetwork.fromSubnetId(this, 'Network', zone.subnetId, {
        ...networkOptions, baseName,
        // With the landing zone's NSG, only a NAT gateway or route table would take them.
        ...(zone.networkSecurityGroupId === undefined || props.egress?.createsResources ? { resourceGroupName: this.resourceGroupName } : { tags: undefined }),
        addressPrefix: zone.addressPrefix, networkSecurityGroupId: zone.networkSecurityGroupId,
        privateEndpointSubnetId: zone.privateEndpointSubnetId, privateEndpointSubnetPrefix: zone.privateEndpointSubnetPrefix, dnsServers: zone.dnsServers,
      })) : undefined)
      // An address space known only at deploy time is the region's problem (regionProblems): a stand-in takes its place.
      ?? (props.addressSpace === undefined || Token.isUnresolved(props.addressSpace) || zone !== undefined ? undefined : part(() => new BatchNetwork(this, 'Network', {
        ...networkOptions,
        resourceGroupName: this.resourceGroupName,
        addressSpace: props.addressSpace!,
        baseName,
      })))
      ?? BatchNetwork.fromSubnetId(this, 'UncheckedNetwork', `${standIn()}/Microsoft.Network/virtualNetworks/vnet/subnets/snet`, { region: props.region, ruleSet: props.ruleSet });
    const storage = props.storage ?? part(() => new PairedStorageAccount(this, 'Storage', {
      region: props.region,
      resourceGroupName: this.resourceGroupName,
      network,
      networkAccess: props.storageNetworkAccess,
      replication: props.storageReplication,
      deleteLock: props.deleteLocks,
      referenceContainers: props.referenceContainers,
      privateDnsZoneId: props.privateDnsZoneIds?.blob,
      namePrefix: props.deploymentName,
      uniqueSuffix,
      tags: this.tags,
    })) ?? PairedStorageAccount.fromStorageAccountId(this, 'UncheckedStorage', `${standIn()}/Microsoft.Storage/storageAccounts/stunchecked`, { region: props.region });
    const account = part(() => new RegionalBatchAccount(this, 'Account', {
      region: props.region,
      resourceGroupName: this.resourceGroupName,
      storageAccount: storage,
      network,
      allowedIpRanges: props.accountAllowedIpRanges,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      preventDestroy: props.deleteLocks,
      privateDnsZoneId: props.privateDnsZoneIds?.batch,
      namePrefix: props.deploymentName,
      uniqueSuffix,
      tags: this.tags,
    }));
    this.network = network;
    this.storage = storage;
    // Only for storage the region created, in its resource group, with every part known at synth time.
    if (props.storage === undefined && storage instanceof PairedStorageAccount && props.subscriptionId !== undefined && !Token.isUnresolved(props.subscriptionId)
      && !Token.isUnresolved(this.resourceGroupPhysicalName)) {
      this.storageAccountArmId = `/subscriptions/${props.subscriptionId.toLowerCase()}/resourceGroups/${this.resourceGroupPhysicalName}/providers/Microsoft.Storage/storageAccounts/${storage.physicalName}`;
    }
    const registryNames = new Set<string>();
    (props.containerRegistryIds ?? []).forEach((registryId, i) => {
      const name = (/[^/]+$/.exec(registryId)?.[0] ?? String(i)).toLowerCase();
      // Registry names are globally unique (they are login servers): one name is one registry.
      if (registryNames.has(name)) {
        problems.push(...locate(this, [{ path: `containerRegistryIds[${i}]`, value: registryId, message: `repeats registry "${name}"; list each registry once` }]));
        return;
      }
      registryNames.add(name);
      this.registryIndex.set(`Registry-${name}`, i);
      part(() => new ContainerRegistryEndpoint(this, `Registry-${name}`, {
        network, registryId, resourceGroupName: this.resourceGroupName, privateDnsZoneId: props.privateDnsZoneIds?.containerRegistry, tags: this.tags,
      }));
    });
    problems.push(...locate(this, sharedZoneProblems(this, props)));
    if (account === undefined || problems.length > 0) {
      // The pools are checked in the account that stands in (their problems do not depend on its name),
      // in the network's subscription: the region's own checks report a network in another one.
      const standInAccount = account ?? RegionalBatchAccount.fromAccountId(this, 'UncheckedAccount',
        `${standIn(networkSubscriptionOf(network)?.subscription)}/Microsoft.Batch/batchAccounts/baunchecked`, { region: props.region });
      (props.applications ?? []).forEach((application, i) => {
        const problem = applicationIdProblem(application.name);
        if (problem) problems.push(...locate(this, [{ path: `applications[${i}]`, value: application.name, message: problem }]));
      });
      (props.pools ?? []).forEach((options, i) => {
        this.poolIndex.set(`Pool-${options.name}`, i);
        part(() => new SimplifiedPool(this, `Pool-${options.name}`, { ...options, account: standInAccount, network }));
      });
      throw new ValidationError(problems);
    }
    this.account = account;
    this.dnsWarnings(props);
    if (props.deleteLocks && (props.referenceContainers ?? []).length > 0) {
      // Learn "Lock your resources to protect your infrastructure", "Lock inheritance": a lock applies to a
      // resource's children; the policies (objectReplicationPolicies) and containers are the account's.
      Annotations.of(this).addWarning('deleteLocks puts a CanNotDelete lock on the storage account, which also blocks deleting its object-replication policies and reference containers (a lock applies to child resources): lift it for a switchover\'s replication steps, as npm run switchover prints, and put it back after');
    }
    if (props.storage !== undefined && props.deleteLocks) {
      Annotations.of(this).addWarning('deleteLocks puts no lock on the imported storage account (only prevent_destroy on the Batch account); lock it where it is managed');
    }

    if (props.storage !== undefined && storage.networkAccess === StorageNetworkAccess.PRIVATE) {
      // Nodes reach auto-storage (application packages, resource files) as the account does: an imported
      // private account only through its own private endpoint, which the region does not see. Read at
      // synth, so rules added later count.
      addCheck(this, () => {
        const endpointSubnet = network.privateEndpointSubnetPrefix;
        const allowed = network.rules.some((rule) => rule.direction === TrafficDirection.OUTBOUND && rule.access === RuleAccess.ALLOW
          && rule.port.covers(Port.tcp(443)) && typeof Ipv4Cidr.parse(rule.peer.addressPrefix) !== 'string'
          && rule.peer.addressPrefix !== endpointSubnet && rule.peer.addressPrefix !== network.subnetPrefix);
        if (network.restrictOutbound && !allowed) {
          Annotations.of(this).addWarning('[STORAGE] the imported auto-storage account is private, and nodes reach it only through its own private endpoint, which restrictOutbound denies: allow that endpoint\'s address on TCP 443 (NetworkRule.allowOutbound(Peer.ipv4(address), Port.tcp(443))), and make sure the VNet resolves the account\'s privatelink.blob name to it');
        }
        return [];
      });
    }
    if (network.networkSecurityGroup) {
      // Created under the account, where earlier versions created it, so deployed regions keep its
      // Terraform address (moving it would destroy and recreate a setting of the same name).
      new MonitorDiagnosticSetting(account, 'NetworkSecurityGroupDiagnostics', {
        name: 'nsg-diagnostics',
        targetResourceId: network.networkSecurityGroup.id,
        logAnalyticsWorkspaceId: account.logAnalyticsWorkspaceId,
        enabledLog: [{ categoryGroup: 'allLogs' }],
      });
    }
    (props.applications ?? []).forEach((application, i) => {
      attempt(this, () => {
        try {
          account.addApplication(application);
        } catch (error) {
          throw reindexed(error, 'applications', `applications[${i}]`);
        }
      });
    });
    for (const options of props.pools ?? []) this.addPool(options);
  }

  /**
   * Private names resolve to the endpoints only where the VNet's DNS sees the zones that hold them:
   * Azure's DNS sees the zones linked to the VNet, a hub's DNS servers the hub's (Learn "Azure Private
   * Endpoint DNS integration"; notes §5). A mismatch is a warning: links or forwarding made elsewhere
   * can make it right.
   */
  private dnsWarnings(props: BatchRegionProps): void {
    const hubDns = (props.egress?.hubOptions?.dnsServers ?? []).length > 0;
    const zones = props.privateDnsZoneIds ?? {};
    const ownZones = [zones.batch === undefined ? 'privatelink.batch' : '', zones.blob === undefined && props.storage === undefined ? 'privatelink.blob' : '',
      zones.containerRegistry === undefined && (props.containerRegistryIds ?? []).length > 0 ? 'privatelink.azurecr' : ''].filter(Boolean);
    if (hubDns && ownZones.length > 0) {
      Annotations.of(this).addWarning(`[DNS] nodes resolve names with the hub's DNS servers, but the region creates its own ${ownZones.join(', ')} zones linked to its VNet only, which those servers do not see: the endpoints' names resolve to public addresses; give privateDnsZoneIds of the hub's zones`);
    } else if (((props.network !== undefined && !(props.network instanceof BatchNetwork)) || props.landingZone !== undefined) && ownZones.length > 0) {
      // Azure refuses to link a VNet to a second zone of a name it is linked to already: "A virtual network
      // cannot be linked to multiple zones with overlapping namespaces", the error Learn quotes for a zone
      // "that has the same name as the original zone but is located in a different resource group or
      // subscription" (troubleshoot/azure/azure-kubernetes/error-codes/createorupdatevirtualnetworklinkfailed-error,
      // "Symptoms" and "Cause"); an AKS page, the only one found that states it, but the error is Private DNS's.
      Annotations.of(this).addWarning(`[DNS] the region creates its own ${ownZones.join(', ')} zones and links them to a VNet it did not create: if that VNet is linked to zones of those names already, as a landing zone's hub zones are, the link fails at deploy (a VNet cannot be linked to two zones of one name); give privateDnsZoneIds of the zones the VNet uses`);
    }
    if (!hubDns && props.network === undefined && props.landingZone === undefined && Object.values(zones).some((zone) => zone !== undefined)) {
      Annotations.of(this).addWarning('[DNS] the new VNet uses Azure\'s DNS, and privateDnsZoneIds names zones the region links to no VNet: the endpoints\' names resolve only if the VNet is linked to those zones elsewhere; give the hub\'s dnsServers (Egress.throughHub) or link the VNet to the zones');
    }
  }

  /** The pools, in the order they were added. */
  public get pools(): readonly SimplifiedPool[] {
    return [...this.addedPools];
  }

  /**
   * Adds a pool to the region's account and network (id `Pool-<name>`). Its problems are reported as
   * errors at synth under `pools[<i>]`, with every other problem of the region.
   * @returns the pool, or `undefined` when its options are invalid (the problems are recorded)
   */
  public addPool(options: PoolOptions): SimplifiedPool | undefined {
    const index = this.poolCount++;
    if (this.poolNames.has(options.name.toLowerCase())) {
      // Not indexed: the path `Pool-<name>` may be the first pool's, whose problems stay its own.
      attempt(this, () => throwIfProblems(this, [{ path: `pools[${index}].name`, value: options.name, message: 'repeats a pool name (ids compare case-insensitively); give each pool its own name' }]));
      return undefined;
    }
    this.poolNames.add(options.name.toLowerCase());
    this.poolIndex.set(`Pool-${options.name}`, index);
    const pool = attempt(this, () => new SimplifiedPool(this, `Pool-${options.name}`, { ...options, account: this.account, network: this.network }));
    if (pool) this.addedPools.push(pool);
    return pool;
  }

  /**
   * The index of the pool whose construct has the id `childId`. Pools are indexed by the id they were
   * given, which the construct tree may have rewritten (a `/` in a pool name), so the child is compared.
   */
  private poolIndexOf(childId: string): number | undefined {
    const child = this.node.tryFindChild(childId);
    if (child === undefined) return undefined;
    for (const [id, index] of this.poolIndex) if (this.node.tryFindChild(id) === child) return index;
    return undefined;
  }

  /** A problem of a part (network, storage, account, pool) as one of the region's props. */
  private asRegionProblem(problem: ValidationProblem): ValidationProblem | undefined {
    const at = problem.constructPath;
    if (at === undefined || problem.subject === 'BatchRegion') return undefined;
    const relative = at.startsWith(`${this.node.path}/`) ? at.slice(this.node.path.length + 1) : undefined;
    if (relative === undefined) return undefined;
    const part = relative.split('/')[0];
    const pool = this.poolIndexOf(part);
    if (pool !== undefined) {
      // A pool's account is in the region's region: that problem is the region's.
      if (problem.path === 'account') return { ...problem, subject: 'BatchRegion', constructPath: this.node.path, path: 'region' };
      const path = problem.path === '' ? `pools[${pool}]` : `pools[${pool}].${problem.path}`;
      return { ...problem, subject: 'BatchRegion', constructPath: this.node.path, path };
    }
    const registry = this.registryIndex.get(part);
    if (registry !== undefined) {
      // The resource group and tags are the region's own props; the id and zone the registry's.
      const own: Record<string, string> = { privateDnsZoneId: 'privateDnsZoneIds.containerRegistry', resourceGroupName: 'resourceGroupName', tags: 'tags' };
      const path = own[headOf(problem.path)] ?? `containerRegistryIds[${registry}]`;
      return { ...problem, subject: 'BatchRegion', constructPath: this.node.path, path };
    }
    const props = part === 'Network' && this.adoptsLandingZone ? LANDING_ZONE_PROPS : PART_PROPS[part];
    const head = /^[A-Za-z]+/.exec(problem.path)?.[0] ?? '';
    const own = props?.[head];
    if (own === undefined) return undefined;
    return { ...problem, subject: 'BatchRegion', constructPath: this.node.path, path: own + problem.path.slice(head.length) };
  }
}

/** A {@link ValidationError}'s problems re-pathed from `from` to `to`; other errors as they are. */
function reindexed(error: unknown, from: string, to: string): unknown {
  if (!(error instanceof ValidationError)) return error;
  return new ValidationError(error.problems.map((problem) => (problem.path === from ? { ...problem, path: to } : problem)));
}

/** The private DNS zones each region of an app created in a resource group it was given, in the order built. */
const GIVEN_GROUP_ZONES = new WeakMap<IConstruct, Array<{ readonly group: string; readonly region: string; readonly zones: ReadonlySet<string> }>>();

/**
 * A region given the resource group of a region built before it (same subscription, or neither names
 * one), where both create a private DNS zone of one name: the zone's ARM id is the group's and the name's,
 * so the second region's create fails with "already exists" (the provider's create checks for it,
 * internal/services/privatedns/private_dns_zone_resource.go:178 at v4.55.0). Across stacks too: the app
 * is one tree.
 */
function sharedZoneProblems(region: BatchRegion, props: BatchRegionProps): Problem[] {
  if (props.resourceGroupName === undefined || Token.isUnresolved(props.resourceGroupName)) return [];
  const zones = new Set(region.node.findAll()
    .flatMap((construct) => (construct instanceof PrivateDnsZone && construct.nameInput !== undefined ? [construct.nameInput.toLowerCase()] : [])));
  if (zones.size === 0) return [];
  const group = `${props.subscriptionId?.toLowerCase() ?? ''}/${props.resourceGroupName.toLowerCase()}`;
  const earlier = GIVEN_GROUP_ZONES.get(region.node.root) ?? [];
  GIVEN_GROUP_ZONES.set(region.node.root, [...earlier, { group, region: props.region.name, zones }]);
  const other = earlier.find((built) => built.group === group && [...zones].some((zone) => built.zones.has(zone)));
  if (other === undefined) return [];
  const shared = [...zones].filter((zone) => other.zones.has(zone)).sort();
  return [{
    path: 'resourceGroupName', value: props.resourceGroupName,
    message: `is also the resource group of the ${other.region} region, and both create the private DNS zone${shared.length > 1 ? 's' : ''} ${shared.join(', ')} in it: a group holds one zone of a name, so the second deploy fails with "already exists"; give each region its own resource group, or create the zones once, linked to every region's VNet, and pass their ids in privateDnsZoneIds (regions in different subscriptions: set subscriptionId on each)`,
  }];
}

/** Problems of the region's own props. */
function regionProblems(props: BatchRegionProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  if (Token.isUnresolved(props.deploymentName)) {
    add('deploymentName', props.deploymentName, knownOnlyAtDeploy('every physical name of the region is made from it at synth', 'give it as a literal'));
  } else if (!DEPLOYMENT_NAME_PATTERN.test(props.deploymentName)) {
    add('deploymentName', props.deploymentName, 'is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso"');
  }
  if (!props.region.supportsSimplifiedNodeCommunication) {
    add('region', props.region.name, 'does not support simplified compute node communication, the only mode Batch pools have since classic mode retired on 2026-03-31; choose another region, e.g. its pair or a neighbour');
  }
  if (props.region.retired) add('region', props.region.name, 'is retired; choose a region that is in service');
  // Both are hashed into the storage and Batch account names, which must not follow the order tokens are made in.
  const hashed = 'it is hashed into the storage and Batch account names at synth, to make them unique';
  if (props.subscriptionId !== undefined && Token.isUnresolved(props.subscriptionId)) {
    add('subscriptionId', props.subscriptionId, knownOnlyAtDeploy(hashed, 'give the subscription\'s GUID as a literal'));
  } else if (props.subscriptionId !== undefined && !SUBSCRIPTION_ID_PATTERN.test(props.subscriptionId)) {
    add('subscriptionId', props.subscriptionId, 'is not a subscription id; give its GUID, e.g. "00000000-0000-0000-0000-000000000000"');
  }
  if (props.uniqueSuffix !== undefined && Token.isUnresolved(props.uniqueSuffix)) {
    add('uniqueSuffix', props.uniqueSuffix, knownOnlyAtDeploy(hashed, 'give it as a literal'));
  } else if (props.uniqueSuffix !== undefined && !UNIQUE_SUFFIX_PATTERN.test(props.uniqueSuffix)) {
    add('uniqueSuffix', props.uniqueSuffix, 'is not a suffix; use 1-8 lowercase letters or digits');
  }
  const tags = props.tags ?? {};
  for (const name of Object.keys(tags)) {
    // A name that is not a plain word is quoted, so a newline or quote in it cannot forge an output line.
    const at = /^[A-Za-z_$][\w$-]*$/.test(name) ? `tags.${name}` : `tags[${JSON.stringify(name)}]`;
    if (LIBRARY_TAGS.includes(name.toLowerCase())) {
      add(at, tags[name], `is a tag the library sets itself (${LIBRARY_TAGS.join(', ')}; names compare case-insensitively); rename yours`);
    } else if (!TAG_NAME.test(name)) {
      add(at, name, 'has a name Azure cannot carry on every resource; use up to 128 characters without < > % & \\ ? / or control characters');
    }
    if (typeof tags[name] !== 'string' || tags[name].length > MAX_TAG_VALUE_LENGTH) {
      add(at, tags[name], `is not a tag value; give a string of at most ${MAX_TAG_VALUE_LENGTH} characters`);
    }
  }
  const maxUserTags = MAX_TAGS_PER_RESOURCE - LIBRARY_TAGS.length;
  if (Object.keys(tags).length > maxUserTags) {
    add('tags', Object.keys(tags).length, `has that many tags; Azure allows ${MAX_TAGS_PER_RESOURCE} per resource and the library sets ${LIBRARY_TAGS.length}, so give at most ${maxUserTags}`);
  }
  if (props.resourceGroupName !== undefined) {
    const problem = nameProblem(NameRules.resourceGroup, props.resourceGroupName);
    if (problem) add('resourceGroupName', props.resourceGroupName, problem);
  }
  if (props.addressSpace !== undefined && Token.isUnresolved(props.addressSpace)) {
    add('addressSpace', props.addressSpace, knownOnlyAtDeploy('the region plans its pool and endpoint subnets in it at synth', 'give it as a literal, or adopt a network that exists (landingZone, network)'));
  }
  if (props.network === undefined && props.addressSpace === undefined && props.landingZone === undefined) {
    add('addressSpace', undefined, 'is required for a new network; give the VNet\'s range, e.g. "10.10.0.0/16", a landingZone or an imported network');
  }
  if (props.landingZone !== undefined && 'virtualNetworkId' in props.landingZone && 'subnetId' in props.landingZone) {
    add('landingZone', props.landingZone, 'names both a VNet (virtualNetworkId) and a subnet (subnetId); give the VNet to create subnets in, or the subnets to use');
  }
  if (props.network === undefined && props.addressSpace !== undefined && props.landingZone !== undefined) {
    add('landingZone', props.landingZone, 'adopts a network that exists, but addressSpace asks for a new VNet; give one of them');
  }
  const tableSubscription = props.egress?.routeTableSubscription;
  if (tableSubscription !== undefined && props.subscriptionId !== undefined && !Token.isUnresolved(props.subscriptionId) && tableSubscription !== props.subscriptionId.toLowerCase()) {
    add('egress.routeTableId', props.egress!.hubOptions!.routeTableId, `is in subscription ${tableSubscription}, but the region deploys to ${props.subscriptionId}; a route table serves VNets of its own subscription and region only, and its routes are created in the provider's subscription: give the hub's route table in this subscription, or Egress.throughHub({ nextHopIpAddress })`);
  }
  // "The virtual network must be in the same region and subscription as the Azure Batch Account" (Batch
  // API, NetworkConfiguration.subnetId), and what the region adds to a network (subnets, NSG rules, a NAT
  // gateway) is created in the provider's subscription (azurerm v4.55.0 builds each id from it, e.g.
  // subnet_resource.go:299, network_security_rule_resource.go:185).
  const deployedTo = props.subscriptionId !== undefined && !Token.isUnresolved(props.subscriptionId) ? props.subscriptionId.toLowerCase() : undefined;
  const zone = props.landingZone as Partial<LandingZoneVirtualNetwork & LandingZoneSubnet> | undefined;
  const networkIds: Array<[string, string | undefined]> = [
    ['landingZone.virtualNetworkId', zone?.virtualNetworkId], ['landingZone.subnetId', zone?.subnetId],
    ['landingZone.networkSecurityGroupId', zone?.networkSecurityGroupId], ['landingZone.privateEndpointSubnetId', zone?.privateEndpointSubnetId],
    ['network', props.network?.virtualNetworkId],
  ];
  for (const [path, id] of networkIds) {
    const subscription = id === undefined ? undefined : subscriptionOf(id);
    if (deployedTo !== undefined && subscription !== undefined && subscription !== deployedTo) {
      add(path, id, `is in subscription ${subscription}, but the region deploys to ${props.subscriptionId}: a pool's VNet must be in its Batch account's subscription, and what the region adds to it is created in the provider's; adopt a network of subscription ${props.subscriptionId}, or deploy the region to ${subscription}`);
    }
  }
  if (props.privateDnsZoneIds?.containerRegistry !== undefined && (props.containerRegistryIds ?? []).length === 0) {
    add('privateDnsZoneIds.containerRegistry', props.privateDnsZoneIds.containerRegistry, 'is for the endpoints of containerRegistryIds, and none is given; remove it, or list the registries');
  }
  if (props.privateDnsZoneIds !== undefined && props.storage !== undefined && props.privateDnsZoneIds.blob !== undefined) {
    add('privateDnsZoneIds.blob', props.privateDnsZoneIds.blob, 'is for the endpoint of a new auto-storage account, but storage imports one; remove it');
  }
  if (props.network !== undefined) {
    for (const key of NEW_NETWORK_PROPS) {
      if (props[key] === undefined) continue;
      if (key === 'landingZone') add(key, props[key], 'adopts a network, and network gives one already; give network or landingZone, not both');
      else add(key, key === 'networkRules' ? props[key]!.map(String) : props[key], 'applies to a new network only; give it to the imported network (BatchNetwork.fromSubnetId or fromVirtualNetworkId) instead');
    }
    if (props.network.region.name !== props.region.name) add('network', props.network.region.name, `is in another region than "${props.region.name}"; use a network of the region`);
  }
  if (props.storage !== undefined) {
    for (const key of NEW_STORAGE_PROPS) {
      if (props[key] !== undefined) add(key, props[key], 'applies to a new storage account only; an imported one keeps its own settings');
    }
  }
  return problems;
}

/** The first name of a prop path: `tags` for `tags.team`, `pools` for `pools[1].name`. */
function headOf(path: string): string {
  return /^[A-Za-z]+/.exec(path)?.[0] ?? '';
}
