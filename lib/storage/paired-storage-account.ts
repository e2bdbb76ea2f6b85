import { ManagementLock, PrivateEndpoint, RoleAssignment, StorageAccount, StorageContainer } from '../azurerm';
import { Lazy, TerraformResource, TerraformStack, Token } from '../engine';
import { Construct, IConstruct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { cloudEndpoints } from '../catalog/cloud-endpoints';
import type { IBatchNetwork } from '../network/batch-network';
import { parseArmId } from '../private/arm-id';
import { literalTags } from '../private/literal';
import { publicIpRuleProblem } from '../private/cidr';
import { baseNameFromPath, compactName, NameRules, nameStemProblems, physicalNameProblem, storageAccountNames, takeName, takenNameProblem } from '../private/names';
import { dependencyOf } from '../private/depends-on';
import { resolvedIn } from '../private/resolve';
import { dnsZoneIdProblem, privateDnsZone, privateEndpoint } from '../private/private-endpoint';
import { knownOnlyAtDeploy, Problem, throwIfProblems } from '../private/problems';

/** Redundancy of the storage account. Values are azurerm's `account_replication_type`. */
export enum StorageReplication {
  /** Three copies in one datacenter. */
  LRS = 'LRS',
  /** Three copies across the region's availability zones (not every region has zones). */
  ZRS = 'ZRS',
  /** LRS plus an asynchronous copy in the paired region (regions without a pair have no GRS). */
  GRS = 'GRS',
  /** ZRS plus an asynchronous copy in the paired region. */
  GZRS = 'GZRS',
}

/**
 * How the storage account's public endpoint is reachable. Values are this library's config strings.
 *
 * Batch's documentation ("Batch accounts and Azure Storage accounts") says application packages and
 * storage-based virtual file system mounts cannot be used with a storage account that has firewall
 * rules: those features reach storage from Batch's own infrastructure. Everything the nodes do
 * (resource files, output files) goes through the blob private endpoint and works in every mode.
 */
export enum StorageNetworkAccess {
  /** Public endpoint off; everything goes through the blob private endpoint. */
  PRIVATE = 'private',
  /**
   * Public endpoint on but deny-by-default: only trusted Azure services (the `AzureServices` bypass) and
   * `allowedIpRanges`; nodes use the blob private endpoint.
   */
  FIREWALL = 'firewall',
  /** Public endpoint open to every network (data access still needs Entra ID); needed for application packages. */
  PUBLIC = 'public',
}

/**
 * The auto-storage account of a Batch account, created by {@link PairedStorageAccount} or imported with
 * {@link PairedStorageAccount.fromStorageAccountId}. {@link RegionalBatchAccount} takes this interface.
 */
export interface IAutoStorageAccount extends IConstruct {
  /** ARM id of the storage account. */
  readonly storageAccountId: string;
  /** Region of the storage account, which must be the Batch account's. */
  readonly region: AzureRegion;
  /** Reachability of the public endpoint (for an imported account, as declared). */
  readonly networkAccess: StorageNetworkAccess;
}

/** Properties of {@link PairedStorageAccount.fromStorageAccountId}. */
export interface StorageAccountImportProps {
  /** Region of the storage account; it must be the Batch account's. */
  readonly region: AzureRegion;
  /**
   * Reachability of its public endpoint, as you configured it. Declared for consumers only: the
   * best-practice rules read synthesized resources, so BATCH-014 (application packages need a storage
   * account without firewall rules) cannot check an imported account.
   * @default StorageNetworkAccess.PRIVATE
   */
  readonly networkAccess?: StorageNetworkAccess;
}

/** Properties of a {@link PairedStorageAccount}. */
export interface PairedStorageAccountProps {
  /** Region of the Batch account this storage serves; the storage account is created there. */
  readonly region: AzureRegion;
  /** Resource group for the resources this construct creates. */
  readonly resourceGroupName: string;
  /**
   * The region's network: the blob private endpoint goes into its endpoint subnet and the private DNS
   * zone is linked to its VNet.
   * @default - no private endpoint (only allowed with `StorageNetworkAccess.PUBLIC`)
   */
  readonly network?: IBatchNetwork;
  /**
   * Reachability of the public endpoint.
   * @default - StorageNetworkAccess.FIREWALL when `allowedIpRanges` are given, else StorageNetworkAccess.PRIVATE
   * (a public endpoint that lets nothing through but trusted services is still one scanners flag:
   * Checkov CKV_AZURE_59)
   */
  readonly networkAccess?: StorageNetworkAccess;
  /**
   * Public IPv4 addresses or ranges allowed through the firewall (`StorageNetworkAccess.FIREWALL`), e.g.
   * your CI runners.
   * @default - none
   */
  readonly allowedIpRanges?: string[];
  /**
   * Redundancy. Changing it between a zonal kind (ZRS, GZRS) and a non-zonal one (LRS, GRS) on a deployed
   * account replaces the account, with its blobs (the provider's `ForceNewIfChange` on
   * `account_replication_type`, internal/services/storage/storage_account_resource.go:1188-1201 at
   * v4.55.0); LRS ↔ GRS and ZRS ↔ GZRS change in place. To go zonal without replacing, convert the account
   * in Azure first (a customer-initiated conversion, `az storage account migration start`: Learn "Change
   * how a storage account is replicated"; Az.Storage `Start-AzStorageAccountMigration`) and then set the
   * new kind here.
   * @default StorageReplication.LRS - each region has its own account, so regional redundancy comes from the multi-region design
   */
  readonly replication?: StorageReplication;
  /**
   * Days deleted blobs and containers are kept (soft delete), 1-365.
   * @default 7
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Id of a private DNS zone for blob endpoints that you manage (hub-and-spoke DNS).
   * @default - a `privatelink.blob.core.*` zone is created and linked to the network's VNet
   */
  readonly privateDnsZoneId?: string;
  /**
   * Put a `CanNotDelete` lock on the storage account.
   * @default false
   */
  readonly deleteLock?: boolean;
  /**
   * Blob containers of reference data (private), kept in step across regions by object replication
   * ({@link BlobReplication}): this turns on blob versioning and the change feed, which object
   * replication needs on the destination and the source (Learn "Object replication for block blobs",
   * "Prerequisites and caveats"); both are on for every region, since a switchover turns a destination
   * into the source.
   * @default - none, and versioning and the change feed stay off
   */
  readonly referenceContainers?: string[];
  /**
   * Stem of the generated name: `st<namePrefix><hash>`, lowercase letters and digits only.
   * @default - derived from the construct path
   */
  readonly namePrefix?: string;
  /**
   * Extra input to the name's hash. Change it to get fresh names when recreating a deployment (names of
   * deleted storage accounts are not reused at once, and a name is global).
   * @default - none
   */
  readonly uniqueSuffix?: string;
  /**
   * The storage account name, 3-24 lowercase letters and digits, globally unique.
   * @default - `st` + `namePrefix` + a hash of name prefix, region and `uniqueSuffix`
   */
  readonly name?: string;
  /**
   * Tags on every resource created here.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The auto-storage account of a Batch account: always in the account's region (the HA guidance keeps
 * them together "for acceptable performance"), secure by default and explicit about it — TLS 1.2,
 * HTTPS only, no public blobs, no shared keys (Entra ID only), blob and container soft delete,
 * infrastructure encryption, deny-by-default network rules with trusted Azure services allowed, and a
 * blob private endpoint for the nodes. To use a storage account that exists, import it with
 * {@link PairedStorageAccount.fromStorageAccountId}.
 */
export class PairedStorageAccount extends Construct implements IAutoStorageAccount {
  /** Name of the `CanNotDelete` lock `deleteLock` puts on the account. */
  public static readonly DELETE_LOCK_NAME = 'do-not-delete';

  /**
   * Imports a storage account that exists as auto-storage; nothing is created for it (its network
   * rules, private endpoint and locks are yours).
   */
  public static fromStorageAccountId(scope: Construct, id: string, storageAccountId: string, props: StorageAccountImportProps): IAutoStorageAccount {
    return new ImportedStorageAccount(scope, id, storageAccountId, props);
  }

  /** The storage account (id `Resource`). */
  public readonly resource: StorageAccount;
  /** The blob private endpoint, when created. */
  public readonly privateEndpoint?: PrivateEndpoint;
  /** ARM id of the storage account. */
  public readonly storageAccountId: string;
  /** Region of the storage account, which is the Batch account's. */
  public readonly region: AzureRegion;
  /** Reachability of the public endpoint. */
  public readonly networkAccess: StorageNetworkAccess;
  /** Name of the storage account, known at synth time (its ARM id is built from it by {@link BlobReplication} users). */
  public readonly physicalName: string;
  /** The reference-data containers (ids `Container-<name>`), in the order of `referenceContainers`. */
  public readonly containers: readonly StorageContainer[];

  constructor(scope: Construct, id: string, props: PairedStorageAccountProps) {
    super(scope, id);
    const problems: Problem[] = [];
    const networkAccess = props.networkAccess ?? (props.allowedIpRanges?.length ? StorageNetworkAccess.FIREWALL : StorageNetworkAccess.PRIVATE);
    const name = props.name ?? compactName('st', props.namePrefix ?? baseNameFromPath(this), [props.namePrefix ?? this.node.path, props.region.name, props.uniqueSuffix ?? '']);
    const override = { path: 'name', value: props.name };
    const stem = { path: 'namePrefix', value: props.namePrefix };
    const unique = storageAccountNames(props.region.cloud);
    const stemProblems = props.name === undefined ? nameStemProblems({ namePrefix: props.namePrefix, uniqueSuffix: props.uniqueSuffix }) : [];
    const nameIssue = stemProblems.length > 0 ? undefined : physicalNameProblem(NameRules.storageAccount, name, override, stem) ?? takenNameProblem(this, NameRules.storageAccount, name, unique, override, stem);
    problems.push(...stemProblems, ...(nameIssue ? [nameIssue] : []));
    const containers = props.referenceContainers ?? [];
    const containerIds = 'each container is made under the construct id Container-<name>, its Terraform address, at synth';
    problems.push(...containerNameProblems(containers, 'referenceContainers', { list: containerIds, names: containerIds }));
    if (networkAccess !== StorageNetworkAccess.PUBLIC && props.network === undefined) {
      problems.push({
        path: 'network', value: undefined,
        message: `is required with networkAccess "${networkAccess}": nodes reach the storage through a blob private endpoint in the network; give the region's BatchNetwork or use StorageNetworkAccess.PUBLIC`,
      });
    }
    problems.push(...replicationProblems(props.region, props.replication ?? StorageReplication.LRS));
    const days = props.softDeleteRetentionDays ?? 7;
    // Known only at deploy time, the days reach the provider as given.
    if (!Token.isUnresolved(days) && (!Number.isInteger(days) || days < 1 || days > 365)) {
      problems.push({ path: 'softDeleteRetentionDays', value: days, message: 'is out of range; use a whole number of days from 1 to 365' });
    }
    // A list known only at deploy time reaches the provider as given (ip_rules); its ranges cannot be checked.
    (Token.isUnresolved(props.allowedIpRanges) ? [] : props.allowedIpRanges ?? []).forEach((range, i) => {
      // "/31 CIDRs, /32 CIDRs, and Private IP address ranges ... are not allowed" (provider docs
      // website/docs/r/storage_account.html.markdown:356 at v4.55.0, `ip_rules`).
      const problem = publicIpRuleProblem(range, { rejectNarrow: 'storage IP rules' });
      if (problem) problems.push({ path: `allowedIpRanges[${i}]`, value: range, message: problem });
    });
    if (props.allowedIpRanges?.length && networkAccess !== StorageNetworkAccess.FIREWALL) {
      problems.push({ path: 'allowedIpRanges', value: props.allowedIpRanges, message: `only applies with networkAccess "firewall", not "${networkAccess}"; remove it or switch to StorageNetworkAccess.FIREWALL` });
    }
    if (props.privateDnsZoneId !== undefined) {
      const problem = dnsZoneIdProblem(props.privateDnsZoneId, cloudEndpoints(props.region.cloud).blobPrivateDnsZone);
      if (problem) problems.push({ path: 'privateDnsZoneId', value: props.privateDnsZoneId, message: problem });
    }
    if (props.network && props.network.region.name !== props.region.name) {
      problems.push({ path: 'network', value: props.network.region.name, message: `is in another region than "${props.region.name}"; use the network of the same region` });
    }
    throwIfProblems(this, problems);
    takeName(this, NameRules.storageAccount, name, unique);

    this.region = props.region;
    this.networkAccess = networkAccess;
    const tags = literalTags(props.tags);
    this.resource = new StorageAccount(this, 'Resource', {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.region.name,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: props.replication ?? StorageReplication.LRS,
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      localUserEnabled: false,
      sftpEnabled: false,
      publicNetworkAccessEnabled: networkAccess !== StorageNetworkAccess.PRIVATE,
      networkRules: {
        defaultAction: networkAccess === StorageNetworkAccess.PUBLIC ? 'Allow' : 'Deny',
        bypass: ['AzureServices'],
        ipRules: networkAccess === StorageNetworkAccess.FIREWALL ? props.allowedIpRanges : undefined,
      },
      blobProperties: {
        deleteRetentionPolicy: { days },
        containerDeleteRetentionPolicy: { days },
        // azurerm storage_account_resource.go:458-462 and :537-541 at v4.55.0: both default to false.
        ...(containers.length > 0 ? { versioningEnabled: true, changeFeedEnabled: true } : {}),
      },
      tags,
    });
    this.storageAccountId = this.resource.id;
    this.physicalName = name;
    // Through ARM (storage_account_id), which works without data-plane access (storage_container_resource.go:131-144, :254-262).
    this.containers = containers.map((container) => new StorageContainer(this, `Container-${container}`, { name: container, storageAccountId: this.resource.id, containerAccessType: 'private' }));

    if (props.network) {
      const placement = {
        location: props.region.name,
        resourceGroupName: props.resourceGroupName,
        subnetId: props.network.privateEndpointSubnetId,
        virtualNetworkId: props.network.virtualNetworkId,
        tags,
      };
      const zoneId = privateDnsZone(this, 'BlobDnsZone', cloudEndpoints(props.region.cloud).blobPrivateDnsZone, placement, props.privateDnsZoneId).id;
      this.privateEndpoint = privateEndpoint(this, 'BlobEndpoint', {
        name: `pe-${name}-blob`, resourceId: this.resource.id, subresource: 'blob', dnsZoneId: zoneId, placement,
      });
    }
    if (props.deleteLock) {
      const lock = new ManagementLock(this, 'DeleteLock', {
        name: PairedStorageAccount.DELETE_LOCK_NAME, scope: this.resource.id, lockLevel: 'CanNotDelete',
        notes: 'Auto-storage of a Batch account: application packages and resource files live here.',
      });
      // A CanNotDelete lock on a resource blocks deleting role assignments at its scope (Learn "Lock your
      // resources to protect your infrastructure", "Considerations before applying your locks") and its
      // children, such as containers and the private endpoint's connection (hashicorp/terraform-provider-azurerm#17478,
      // ScopeLocked on privateEndpointConnectionProxies). Depending on them, the lock is created after
      // and destroyed before them: a destroy removes it first instead of racing it. Read at synth, so
      // role assignments made on the account later, in this stack, count too.
      lock.dependsOn = Lazy.listValue({ produce: () => lockedWithin(this).map(dependencyOf) });
    }
  }
}

/**
 * What a delete lock on `storage` would stop deleting, in its stack: its containers, the private
 * endpoints to it, and the role assignments on it or on anything in it (a scope below the account's
 * id, or one of its containers'; a lock applies to child resources, Learn "Lock your resources to
 * protect your infrastructure", "Lock inheritance").
 */
function lockedWithin(storage: PairedStorageAccount): TerraformResource[] {
  // An attribute reads as a new token each time: compared as the references they resolve to.
  const account = String(resolvedIn(storage, storage.resource.id));
  const containers = storage.containers.map((container) => `\${${container.terraformResourceType}.${container.friendlyUniqueId}.`);
  const onAccount = (value: unknown) => {
    const resolved = String(resolvedIn(storage, value));
    return resolved === account || resolved.startsWith(`${account}/`) || containers.some((container) => resolved.startsWith(container));
  };
  const nodes = TerraformStack.of(storage).node.findAll();
  const assignments = nodes.filter((node): node is RoleAssignment => node instanceof RoleAssignment && onAccount(node.scopeInput));
  const endpoints = nodes.filter((node): node is PrivateEndpoint => node instanceof PrivateEndpoint
    && onAccount((resolvedIn(storage, node.privateServiceConnectionInput) as { privateConnectionResourceId?: unknown } | undefined)?.privateConnectionResourceId));
  return [...storage.containers, ...endpoints, ...assignments];
}

/**
 * Redundancy a region can give. "Azure Storage redundancy" (learn.microsoft.com/azure/storage/common/storage-redundancy):
 * ZRS needs a region with availability zones (section "Zone-redundant storage"); "To support GZRS, a
 * region must support availability zones and have a paired region" (section "Geo-zone-redundant
 * storage"); GRS copies to the paired region (section "Geo-redundant storage").
 */
function replicationProblems(region: AzureRegion, replication: StorageReplication): Problem[] {
  const problems: Problem[] = [];
  const zoned = replication === StorageReplication.ZRS || replication === StorageReplication.GZRS;
  const geo = replication === StorageReplication.GRS || replication === StorageReplication.GZRS;
  if (zoned && !region.availabilityZones) {
    problems.push({
      path: 'replication', value: replication,
      message: `is not available in ${region.name}, which has no availability zones; use ${geo ? 'GRS or LRS' : 'LRS'}, or a region with zones`,
    });
  }
  if (geo && region.pairedRegion === undefined) {
    problems.push({
      path: 'replication', value: replication,
      message: `needs a paired region for the geo copy, and ${region.name} has none; use ${zoned && region.availabilityZones ? 'ZRS or LRS' : 'LRS'}`,
    });
  }
  return problems;
}

/** A storage account that exists, imported with {@link PairedStorageAccount.fromStorageAccountId}. */
class ImportedStorageAccount extends Construct implements IAutoStorageAccount {
  /** Problems of this construct name the import users call. */
  public readonly problemSubject = 'PairedStorageAccount.fromStorageAccountId';
  public readonly storageAccountId: string;
  public readonly region: AzureRegion;
  public readonly networkAccess: StorageNetworkAccess;

  constructor(scope: Construct, id: string, storageAccountId: string, props: StorageAccountImportProps) {
    super(scope, id);
    const parsed = parseArmId(storageAccountId, 'storageAccount');
    if (typeof parsed === 'string') throwIfProblems(this, [{ path: 'storageAccountId', value: storageAccountId, message: parsed }]);
    this.storageAccountId = storageAccountId;
    this.region = props.region;
    this.networkAccess = props.networkAccess ?? StorageNetworkAccess.PRIVATE;
  }
}

/**
 * Learn "Naming and referencing containers, blobs, and metadata", "Container names": 3-63 lowercase
 * letters, digits and hyphens, starting with a letter or digit, no two hyphens in a row.
 */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/;

/**
 * Problems of container names given in the prop `path`: the name rule, and each name once. A list known only
 * at deploy time is refused for `literal.list`; a name so known for `literal.names`, or left to Terraform.
 */
export function containerNameProblems(names: readonly string[], path: string, literal: { readonly list: string; readonly names?: string }): Problem[] {
  if (Token.isUnresolved(names)) return [{ path, value: names, message: knownOnlyAtDeploy(literal.list, 'give a list of names') }];
  return names.flatMap((name, i): Problem[] => {
    if (Token.isUnresolved(name)) return literal.names === undefined ? [] : [{ path: `${path}[${i}]`, value: name, message: knownOnlyAtDeploy(literal.names, 'give the name as a literal') }];
    if (!CONTAINER_NAME.test(name)) return [{ path: `${path}[${i}]`, value: name, message: 'is not a container name; use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, e.g. "reference"' }];
    return names.indexOf(name) === i ? [] : [{ path: `${path}[${i}]`, value: name, message: 'repeats a container; give each once' }];
  });
}
