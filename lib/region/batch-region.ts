import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Annotations, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { BatchApplicationOptions, RegionalBatchAccount } from '../account/regional-batch-account';
import { BatchNetwork } from '../network/batch-network';
import type { NetworkRule } from '../network/network-rule';
import { NodeCommunicationRuleSet } from '../network/node-communication-rule-set';
import { SimplifiedPool, PoolOptions } from '../pool/simplified-pool';
import { literalTags } from '../private/literal';
import { nameProblem, NameRules } from '../private/names';
import { Problem, throwIfProblems } from '../private/problems';
import { PairedStorageAccount, StorageNetworkAccess, StorageReplication } from '../storage/paired-storage-account';
import { RegionRole } from './region-role';

/** Subscription ids are GUIDs. */
const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tags the region puts on every resource it creates; yours may not reuse their names. */
export const LIBRARY_TAGS: readonly string[] = ['deployment', 'region', 'role'];

/** Deployment names: short, lower case, safe inside every physical name derived from them. */
export const DEPLOYMENT_NAME_PATTERN = /^[a-z0-9]{3,11}$/;

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
   * Address space of the region's VNet, e.g. `10.10.0.0/16`.
   * @default - none; required unless `existingSubnet` is given
   */
  readonly addressSpace?: string;
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
   * Whether container pools run here (their VNet must not overlap Docker's bridge 172.17.0.0/16).
   * @default - true when any pool has a container configuration
   */
  readonly containerPools?: boolean;
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
   * Reachability of the auto-storage account's public endpoint.
   * @default StorageNetworkAccess.PRIVATE
   */
  readonly storageNetworkAccess?: StorageNetworkAccess;
  /**
   * Redundancy of the auto-storage account.
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
   * applications would inherit it, and every pool replacement would fail at the delete.
   * @default false
   */
  readonly deleteLocks?: boolean;
  /**
   * Extra input to the hashes in globally unique names; change it to get fresh names when recreating a
   * deployment (the seed: never reuse names).
   * @default - none
   */
  readonly uniqueSuffix?: string;
  /**
   * The subscription the region is deployed to (a GUID). Storage account names are global and Batch
   * account names unique per region across all of Azure, so it goes into their hash: two deployments
   * with the same name in different subscriptions get different names, and one deployment keeps its
   * names on every synth.
   * @default - none: names depend on the deployment name and region only (a warning says so)
   */
  readonly subscriptionId?: string;
  /**
   * Tags on every resource, merged over `deployment`, `region` and `role`.
   * @default - only the three tags above
   */
  readonly tags?: { [key: string]: string };
}

/**
 * One region's Batch footprint: resource group, network, paired storage and Batch account (pools join
 * it with the pool constructs). Everything it creates is in its own region and references nothing
 * outside it.
 */
export class BatchRegion extends Construct {
  /** The resource group, when this construct created it (id `ResourceGroup`). */
  public readonly resourceGroup?: ResourceGroup;
  /** Name of the resource group every resource of the region is in. */
  public readonly resourceGroupName: string;
  /** The region's network. */
  public readonly network: BatchNetwork;
  /** The Batch account's auto-storage. */
  public readonly storage: PairedStorageAccount;
  /** The Batch account. */
  public readonly account: RegionalBatchAccount;
  /** The pools, in the order given. */
  public readonly pools: SimplifiedPool[] = [];
  public readonly region: AzureRegion;
  public readonly role: RegionRole;
  public readonly deploymentName: string;
  /** Tags applied to every resource of the region. */
  public readonly tags: { [key: string]: string };

  constructor(scope: Construct, id: string, props: BatchRegionProps) {
    super(scope, id);
    const problems: Problem[] = [];
    if (!DEPLOYMENT_NAME_PATTERN.test(props.deploymentName)) {
      problems.push({ path: 'deploymentName', value: props.deploymentName, message: 'is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso"' });
    }
    if (!props.region.supportsSimplifiedNodeCommunication) {
      problems.push({
        path: 'region', value: props.region.name,
        message: 'does not support simplified compute node communication, the only mode Batch pools have since classic mode retired on 2026-03-31; choose another region, e.g. its pair or a neighbour',
      });
    }
    if (props.region.retired) {
      problems.push({ path: 'region', value: props.region.name, message: 'is retired; choose a region that is in service' });
    }
    if (props.subscriptionId !== undefined && !Token.isUnresolved(props.subscriptionId) && !SUBSCRIPTION_ID.test(props.subscriptionId)) {
      problems.push({ path: 'subscriptionId', value: props.subscriptionId, message: 'is not a subscription id; give its GUID, e.g. "00000000-0000-0000-0000-000000000000"' });
    }
    for (const name of Object.keys(props.tags ?? {})) {
      if (LIBRARY_TAGS.includes(name.toLowerCase())) {
        problems.push({ path: `tags.${name}`, value: props.tags![name], message: `is a tag the library sets itself (${LIBRARY_TAGS.join(', ')}; names compare case-insensitively); rename yours` });
      }
    }
    if (props.resourceGroupName !== undefined) {
      const problem = nameProblem(NameRules.resourceGroup, props.resourceGroupName);
      if (problem) problems.push({ path: 'resourceGroupName', value: props.resourceGroupName, message: problem });
    }
    throwIfProblems(`BatchRegion ${this.node.path}`, problems);

    this.region = props.region;
    this.role = props.role ?? RegionRole.PRIMARY;
    this.deploymentName = props.deploymentName;
    this.tags = { deployment: props.deploymentName, region: props.region.name, role: this.role, ...props.tags };
    const baseName = `${props.deploymentName}-${props.region.name}`;
    const uniqueSuffix = [props.subscriptionId?.toLowerCase(), props.uniqueSuffix].filter((part) => part !== undefined).join('/') || undefined;
    if (props.subscriptionId === undefined && props.uniqueSuffix === undefined) {
      Annotations.of(this).addWarning(
        `[NAMES] storage and Batch account names come from "${props.deploymentName}" and ${props.region.name} only, and are shared by every deployment of that name in any subscription (storage names are global); set subscriptionId (config "subscriptionId") before the first deploy so they are unique to yours (on a deployed region it renames, so replaces, the storage and Batch accounts)`,
      );
    }

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

    this.network = new BatchNetwork(this, 'Network', {
      region: props.region,
      resourceGroupName: this.resourceGroupName,
      addressSpace: props.addressSpace,
      ruleSet: props.ruleSet,
      maxNodeCount: nodeCapacity(props.pools ?? []),
      containerPools: props.containerPools ?? (props.pools ?? []).some((pool) => pool.container !== undefined),
      restrictOutbound: props.restrictOutbound,
      rules: props.networkRules,
      baseName,
      tags: this.tags,
    });

    this.storage = new PairedStorageAccount(this, 'Storage', {
      region: props.region,
      resourceGroupName: this.resourceGroupName,
      network: this.network,
      networkAccess: props.storageNetworkAccess,
      replication: props.storageReplication,
      deleteLock: props.deleteLocks,
      namePrefix: props.deploymentName,
      uniqueSuffix,
      tags: this.tags,
    });

    this.account = new RegionalBatchAccount(this, 'Account', {
      region: props.region,
      resourceGroupName: this.resourceGroupName,
      storageAccount: this.storage,
      network: this.network,
      allowedIpRanges: props.accountAllowedIpRanges,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      preventDestroy: props.deleteLocks,
      namePrefix: props.deploymentName,
      uniqueSuffix,
      tags: this.tags,
    });

    for (const application of props.applications ?? []) this.account.addApplication(application);

    const poolNames = new Set<string>();
    for (const options of props.pools ?? []) {
      if (poolNames.has(options.name.toLowerCase())) {
        throwIfProblems(`BatchRegion ${this.node.path}`, [{ path: 'pools', value: options.name, message: 'repeats a pool name (ids compare case-insensitively); give each pool its own name' }]);
      }
      poolNames.add(options.name.toLowerCase());
      const pool = new SimplifiedPool(this, `Pool-${options.name}`, {
        ...options, account: this.account, network: this.network, resourceGroupName: this.resourceGroupName,
      });
      this.pools.push(pool);
    }
  }
}

/**
 * Addresses the pools need: every node, plus the largest pool once more, because a pool that must be
 * replaced is created before the old one is deleted.
 */
export function nodeCapacity(pools: readonly PoolOptions[]): number {
  const sizes = pools.map((pool) => pool.scale?.maxNodes ?? 0);
  return sizes.reduce((sum, size) => sum + size, 0) + Math.max(0, ...sizes);
}
