import { BatchAccount, BatchApplication, LogAnalyticsWorkspace, MonitorDiagnosticSetting, PrivateEndpoint, RoleAssignment, UserAssignedIdentity } from '../azurerm';
import { TerraformResource, Token } from '../engine';
import { Construct, IConstruct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { cloudEndpoints } from '../catalog/cloud-endpoints';
import type { IBatchNetwork } from '../network/batch-network';
import type { IAutoStorageAccount } from '../storage/paired-storage-account';
import { parseArmId, subscriptionOf } from '../private/arm-id';
import { literal, literalTags } from '../private/literal';
import { publicIpRuleProblem } from '../private/cidr';
import { quotedList } from '../private/did-you-mean';
import { baseNameFromPath, batchAccountNames, compactName, nameProblem, NameRules, nameStemProblems, physicalNameProblem, takeName, takenNameProblem } from '../private/names';
import { dnsZoneIdProblem, privateDnsZone, privateEndpoint } from '../private/private-endpoint';
import { ServiceTag } from '../network/service-tag';
import { failAt, knownOnlyAtDeploy, Problem, throwIfProblems } from '../private/problems';

/** Where pool VMs are allocated. Values are the Batch API's. */
export enum PoolAllocationMode {
  /** In subscriptions Batch manages (the default, and what most workloads want). */
  BATCH_SERVICE = 'BatchService',
  /** In your subscription; needs a Key Vault reference and a subscription registered with Batch. */
  USER_SUBSCRIPTION = 'UserSubscription',
}

/** How clients may authenticate to the Batch data plane. Values are the Batch API's. */
export enum BatchAuthenticationMode {
  /** Microsoft Entra ID tokens. */
  ENTRA_ID = 'AAD',
  /** Account keys. */
  SHARED_KEY = 'SharedKey',
  /** Task authentication tokens, issued to tasks that ask for them. */
  TASK_AUTHENTICATION_TOKEN = 'TaskAuthenticationToken',
}

/** A Batch account's private-link sub-resources. Values are Azure's. */
export enum BatchSubresource {
  /** The data-plane API (`<account>.<region>.batch.azure.com`), used by clients. */
  BATCH_ACCOUNT = 'batchAccount',
  /** Node management (`<id>.<region>.service.batch.azure.com`), used by pool nodes in simplified mode. */
  NODE_MANAGEMENT = 'nodeManagement',
}

/** One private endpoint of the Batch account. */
export interface BatchPrivateEndpointOptions {
  /** The sub-resources the endpoint serves: exactly one; Azure requires one endpoint per sub-resource. */
  readonly subresources: BatchSubresource[];
  /**
   * Subnet of the endpoint.
   * @default - the network's private-endpoint subnet
   */
  readonly subnetId?: string;
}

/** A Key Vault, for user-subscription pool allocation. */
export interface KeyVaultReference {
  /** ARM id of the vault. */
  readonly id: string;
  /**
   * Vault URI, e.g. `https://kv-batch.vault.azure.net/`: that of the vault `id` names, with the DNS suffix
   * of the account's cloud (`vault.usgovcloudapi.net`, `vault.azure.cn`), since the vault must be in the
   * account's subscription and region.
   */
  readonly url: string;
}

/** A Batch application (packages are uploaded to it outside Terraform). */
export interface BatchApplicationOptions {
  /** Application id, 1-64 letters, digits, hyphens or underscores. */
  readonly name: string;
  /** Name the Azure portal shows for the application. @default - the name */
  readonly displayName?: string;
  /**
   * Whether packages of a version can be overwritten.
   * @default false - versions are immutable, so every region runs the same bits
   */
  readonly allowUpdates?: boolean;
}

/**
 * A Batch account pools can join: created by {@link RegionalBatchAccount} or imported with
 * {@link RegionalBatchAccount.fromAccountId}. {@link SimplifiedPool} takes this interface.
 */
export interface IBatchAccount extends IConstruct {
  /** The account name; for an account created in this app, a reference to it. */
  readonly accountName: string;
  /** Resource group of the account. */
  readonly resourceGroupName: string;
  /** Region of the account; its pools are created there. */
  readonly region: AzureRegion;
  /**
   * Subscription of the account (a GUID, in lower case): its pools' networks must be in it.
   * @default - not known: an account this app creates is in its provider's subscription
   */
  readonly subscriptionId?: string;
  /** Pool allocation mode of the account. */
  readonly poolAllocationMode: PoolAllocationMode;
  /**
   * ARM id of the identity pool nodes use to reach auto-storage; every pool of the account is given it.
   * @default - none: pools get only the identities they are given
   */
  readonly nodeIdentityId?: string;
  /**
   * What must exist before pool nodes boot besides the account: the node identity's storage role, the
   * `nodeManagement` private endpoint and its DNS zone link (those this library created).
   */
  readonly nodeReadiness: readonly TerraformResource[];
  /**
   * Whether nodes reach Batch node management through the account's `nodeManagement` private endpoint
   * in their network.
   * @default - not known (an imported account)
   */
  readonly nodeManagementPrivateEndpoint?: boolean;
}

/** Properties of {@link RegionalBatchAccount.fromAccountId}. */
export interface BatchAccountImportProps {
  /** Region of the account. */
  readonly region: AzureRegion;
  /**
   * Pool allocation mode of the account.
   * @default PoolAllocationMode.BATCH_SERVICE
   */
  readonly poolAllocationMode?: PoolAllocationMode;
  /**
   * ARM id of the account's `storage_account_node_identity`, given to every pool.
   * @default - none
   */
  readonly nodeIdentityId?: string;
  /**
   * Whether the account has a `nodeManagement` private endpoint in the networks its pools run in, so
   * nodes reach node management through it (the pools' egress warnings then stay quiet).
   * @default - not known: pools in networks without a way out, or behind a hub, warn
   */
  readonly nodeManagementPrivateEndpoint?: boolean;
}

/** Properties of a {@link RegionalBatchAccount}. */
export interface RegionalBatchAccountProps {
  /** Region of the account. */
  readonly region: AzureRegion;
  /** Resource group for the resources this construct creates. */
  readonly resourceGroupName: string;
  /** The auto-storage account; it must be in the same region. */
  readonly storageAccount: IAutoStorageAccount;
  /**
   * The region's network: the private endpoints go into its endpoint subnet, and the `privatelink.batch`
   * zone is linked to its VNet.
   * @default - none; then `allowedIpRanges` is required, or a `subnetId` per endpoint and a `privateDnsZoneId`
   */
  readonly network?: IBatchNetwork;
  /**
   * Pool allocation mode.
   * @default PoolAllocationMode.BATCH_SERVICE
   */
  readonly poolAllocationMode?: PoolAllocationMode;
  /**
   * Key Vault for `PoolAllocationMode.USER_SUBSCRIPTION` (required there, refused otherwise).
   * @default - none
   */
  readonly keyVaultReference?: KeyVaultReference;
  /**
   * How clients authenticate to the data plane. Entra ID alone means no account keys exist to leak and
   * every call is attributable; add `SHARED_KEY` only for tools that cannot use Entra ID.
   * @default [BatchAuthenticationMode.ENTRA_ID]
   */
  readonly authenticationModes?: BatchAuthenticationMode[];
  /**
   * Public IPv4 addresses or ranges allowed to reach the account's API over its public endpoint.
   * Giving any turns public network access on, restricted to them (`network_profile`); node
   * management's public endpoint stays closed to every network while a `nodeManagement` private endpoint
   * serves the nodes, and open otherwise (nodes reach it from outbound addresses not known here). At most
   * 200, each an address or a block of /30 or wider.
   * @default - public network access disabled; clients and nodes use the private endpoints
   */
  readonly allowedIpRanges?: string[];
  /**
   * Private endpoints, one per sub-resource.
   * @default - one for `batchAccount` and one for `nodeManagement` in the network's endpoint subnet; none without a network
   */
  readonly privateEndpoints?: BatchPrivateEndpointOptions[];
  /**
   * Id of a `privatelink.batch.*` private DNS zone that you manage (hub-and-spoke DNS).
   * @default - a zone is created and linked to the network's VNet
   */
  readonly privateDnsZoneId?: string;
  /**
   * Log Analytics workspace for diagnostics.
   * @default - a workspace is created in the region (30 days retention)
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * ARM id of the user-assigned identity pool nodes use to reach auto-storage (the account's
   * `storage_account_node_identity`); every {@link SimplifiedPool} of the account gets it. Give your own
   * when it must exist outside the deployment; it needs read access to the auto-storage blobs.
   * @default - an identity `id-<account name>-nodes` is created with Storage Blob Data Reader on auto-storage
   */
  readonly nodeIdentityId?: string;
  /**
   * Make Terraform refuse to destroy the account (`lifecycle.prevent_destroy`). No Azure lock is put on
   * the account: pools and applications are its child resources and inherit a `CanNotDelete` lock, so
   * every pool replacement (create the new pool, delete the old one) would fail at the delete.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Stem of generated names: `ba<namePrefix><hash>`, `log-<namePrefix>-<region>`.
   * @default - derived from the construct path
   */
  readonly namePrefix?: string;
  /**
   * Extra input to the names' hash; change it to get fresh names when recreating a deployment.
   * @default - none
   */
  readonly uniqueSuffix?: string;
  /**
   * The Batch account name: 3-24 lowercase letters and digits, unique in the region.
   * @default - `ba` + `namePrefix` + a hash of name prefix, region and `uniqueSuffix`
   */
  readonly name?: string;
  /**
   * Tags on every resource created here.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** Built-in role that lets the account's identity manage blobs in auto-storage (application packages). */
const STORAGE_ROLE = 'Storage Blob Data Contributor';
/** Built-in role that lets nodes read auto-storage blobs (application packages). */
const NODE_STORAGE_ROLE = 'Storage Blob Data Reader';
/** IP rules per Batch account endpoint (Learn "Configure public network access with Azure Batch accounts"). */
const MAX_IP_RULES = 200;

/**
 * A Batch account linked to its paired storage: system-assigned identity, auto-storage authenticated
 * with that identity (and granted access to it), Entra-ID-only data-plane authentication, public
 * network access disabled with one private endpoint per sub-resource, and diagnostics for the account
 * in a Log Analytics workspace. To add pools to an account that exists, import it with
 * {@link RegionalBatchAccount.fromAccountId}.
 */
export class RegionalBatchAccount extends Construct implements IBatchAccount {
  /** Imports a Batch account that exists, so pools can join it; nothing is created for it. */
  public static fromAccountId(scope: Construct, id: string, accountId: string, props: BatchAccountImportProps): IBatchAccount {
    return new ImportedBatchAccount(scope, id, accountId, props);
  }

  /** The Batch account (id `Resource`). */
  public readonly resource: BatchAccount;
  /** The private endpoints, in the order of `privateEndpoints`. */
  public readonly privateEndpoints: PrivateEndpoint[] = [];
  /** The nodes' identity for auto-storage, when this construct created it (id `NodeIdentity`). */
  public readonly nodeIdentity?: UserAssignedIdentity;
  /** ARM id of the identity pool nodes use to reach auto-storage; every pool of the account is given it. */
  public readonly nodeIdentityId: string;
  /** The node identity's role on auto-storage, when this construct created the identity. */
  public readonly nodeStorageAccess?: RoleAssignment;
  /** Pool allocation mode of the account. */
  public readonly poolAllocationMode: PoolAllocationMode;
  /**
   * What must exist before pool nodes boot (besides the account, which `accountName` references): the
   * node identity's storage role, the `nodeManagement` private endpoint and the link of its DNS zone to
   * the VNet (those created here).
   */
  public readonly nodeReadiness: readonly TerraformResource[];
  /** Whether the account has a `nodeManagement` private endpoint, which its pools' nodes reach node management through. */
  public readonly nodeManagementPrivateEndpoint: boolean;
  /** The workspace, when this construct created it. */
  public readonly logAnalyticsWorkspace?: LogAnalyticsWorkspace;
  /** ARM id of the workspace diagnostics go to. */
  public readonly logAnalyticsWorkspaceId: string;
  /** The account name, as a reference to the account (so what uses it is created after it). */
  public readonly accountName: string;
  /** The account name as known at synth time, e.g. `bacontoso1a2b3c4d` (for manifests and host names). */
  public readonly physicalName: string;
  private readonly applicationNames = new Set<string>();
  /** Resource group of the account. */
  public readonly resourceGroupName: string;
  /** Region of the account. */
  public readonly region: AzureRegion;

  constructor(scope: Construct, id: string, props: RegionalBatchAccountProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? baseNameFromPath(this);
    const name = props.name ?? compactName('ba', namePrefix, [props.namePrefix ?? this.node.path, props.region.name, props.uniqueSuffix ?? '']);
    const allocation = props.poolAllocationMode ?? PoolAllocationMode.BATCH_SERVICE;
    const authModes = props.authenticationModes ?? [BatchAuthenticationMode.ENTRA_ID];
    const publicAccess = (props.allowedIpRanges ?? []).length > 0;
    const endpoints = props.privateEndpoints ?? (props.network === undefined ? [] : [
      { subresources: [BatchSubresource.BATCH_ACCOUNT] },
      { subresources: [BatchSubresource.NODE_MANAGEMENT] },
    ]);
    const nodeManagementEndpoint = endpoints.some((endpoint) => endpoint.subresources[0] === BatchSubresource.NODE_MANAGEMENT);
    const workspaceName = props.logAnalyticsWorkspaceId !== undefined ? undefined
      : `log-${namePrefix}-${props.region.name}`.slice(0, NameRules.logAnalyticsWorkspace.maxLength).replace(/-+$/, '');
    const problems = accountProblems(this, props, { name, allocation, authModes, publicAccess, endpoints, workspaceName });
    throwIfProblems(this, problems);
    takeName(this, NameRules.batchAccount, name, batchAccountNames(props.region.name));

    this.region = props.region;
    this.physicalName = name;
    this.resourceGroupName = props.resourceGroupName;
    this.poolAllocationMode = allocation;
    const tags = literalTags(props.tags);
    if (props.nodeIdentityId === undefined) {
      this.nodeIdentity = new UserAssignedIdentity(this, 'NodeIdentity', {
        name: `id-${name}-nodes`,
        resourceGroupName: props.resourceGroupName,
        location: props.region.name,
        tags,
      });
      // Nodes download application packages from auto-storage with this identity. Storage Blob Data
      // Reader: "read and list Azure Storage containers and blobs" ("Azure built-in roles", Storage); the
      // support article ("Use managed identities in an Azure Batch account or pool") asks for a blob data
      // role on it and names Owner only as an example.
      this.nodeStorageAccess = new RoleAssignment(this, 'NodeStorageAccess', {
        scope: props.storageAccount.storageAccountId,
        roleDefinitionName: NODE_STORAGE_ROLE,
        principalId: this.nodeIdentity.principalId,
        principalType: 'ServicePrincipal',
        description: 'Batch pool nodes read application packages from auto-storage',
      });
    }
    this.nodeIdentityId = props.nodeIdentityId ?? this.nodeIdentity!.id;
    this.resource = new BatchAccount(this, 'Resource', {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.region.name,
      poolAllocationMode: allocation,
      keyVaultReference: props.keyVaultReference,
      identity: { type: 'SystemAssigned' },
      storageAccountId: props.storageAccount.storageAccountId,
      storageAccountAuthenticationMode: 'BatchAccountManagedIdentity',
      // With BatchAccountManagedIdentity, nodes reach auto-storage only through this identity: without it,
      // pools that use application packages stay in Starting (Microsoft support, "Use managed identities
      // with Azure Batch account and pools"; Batch management API 2024-07-01 `nodeIdentityReference`).
      storageAccountNodeIdentity: this.nodeIdentityId,
      allowedAuthenticationModes: authModes,
      publicNetworkAccessEnabled: publicAccess,
      networkProfile: publicAccess
        ? {
          accountAccess: { defaultAction: 'Deny', ipRule: props.allowedIpRanges!.map((ipRange) => ({ ipRange, action: 'Allow' })) },
          // With a nodeManagement private endpoint, nodes reach node management through it and its public
          // endpoint stays closed to every network. Without one, nodes come to the public endpoint from
          // outbound addresses this construct does not know (Learn "Configure public network access with
          // Azure Batch accounts": an IP rule there needs "the public IP addresses or address ranges used
          // by Batch pool internet outbound access"), so it stays open to all, as Azure's default is.
          nodeManagementAccess: { defaultAction: nodeManagementEndpoint ? 'Deny' : 'Allow' },
        }
        : undefined,
      tags,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.accountName = this.resource.name;

    // Without a data role on auto-storage, uploads fail with AutoStorageNoPermission.
    new RoleAssignment(this, 'AutoStorageAccess', {
      scope: props.storageAccount.storageAccountId,
      roleDefinitionName: STORAGE_ROLE,
      principalId: this.resource.identity.principalId,
      principalType: 'ServicePrincipal',
      description: 'Batch account identity manages application packages in its auto-storage',
    });

    const readiness: TerraformResource[] = this.nodeStorageAccess ? [this.nodeStorageAccess] : [];
    if (endpoints.length > 0) {
      // Without a network every endpoint has its subnetId and the zone is the user's (accountProblems).
      const placement = {
        location: props.region.name,
        resourceGroupName: props.resourceGroupName,
        subnetId: props.network?.privateEndpointSubnetId ?? '',
        virtualNetworkId: props.network?.virtualNetworkId ?? '',
        tags,
      };
      const zone = privateDnsZone(this, 'BatchDnsZone', cloudEndpoints(props.region.cloud).batchPrivateDnsZone, placement, props.privateDnsZoneId);
      for (const endpoint of endpoints) {
        const subresource = endpoint.subresources[0];
        const created = privateEndpoint(this, `${subresource}Endpoint`, {
          name: `pe-${name}-${subresource.toLowerCase()}`,
          resourceId: this.resource.id,
          subresource,
          dnsZoneId: zone.id,
          placement: { ...placement, subnetId: endpoint.subnetId ?? placement.subnetId },
        });
        this.privateEndpoints.push(created);
        if (subresource === BatchSubresource.NODE_MANAGEMENT) readiness.push(created, ...(zone.link ? [zone.link] : []));
      }
    }
    this.nodeManagementPrivateEndpoint = nodeManagementEndpoint;
    if (props.network && !this.nodeManagementPrivateEndpoint) {
      // Without the nodeManagement endpoint nodes reach the public node-management endpoint; behind a
      // hub that route must not hairpin through the firewall (Learn "Create an Azure Batch pool in a
      // virtual network", "User-defined routes for forced tunneling"). With it, the endpoint's own route
      // beats 0.0.0.0/0 and nothing is added.
      const route = props.network.routeToInternet(ServiceTag.batchNodeManagement(props.region));
      if (route) readiness.push(route);
    }
    this.nodeReadiness = readiness;

    if (workspaceName !== undefined) {
      this.logAnalyticsWorkspace = new LogAnalyticsWorkspace(this, 'Workspace', {
        name: workspaceName,
        resourceGroupName: props.resourceGroupName,
        location: props.region.name,
        sku: 'PerGB2018',
        retentionInDays: 30,
        tags,
      });
    }
    this.logAnalyticsWorkspaceId = props.logAnalyticsWorkspaceId ?? this.logAnalyticsWorkspace!.id;
    new MonitorDiagnosticSetting(this, 'Diagnostics', {
      name: 'batch-diagnostics',
      targetResourceId: this.resource.id,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
      enabledLog: [{ categoryGroup: 'allLogs' }],
      enabledMetric: [{ category: 'AllMetrics' }],
    });
  }

  /** The account's data-plane endpoint as Terraform reports it. */
  public get accountEndpoint(): string {
    return this.resource.accountEndpoint;
  }

  /**
   * The endpoint known at synth time: `<account>.<region>.batch.azure.com` (per cloud). With public
   * access disabled the same name resolves to the private endpoint inside the VNet.
   */
  public get accountHostName(): string {
    return `${this.physicalName}.${this.region.name}.${cloudEndpoints(this.region.cloud).batchDnsSuffix}`;
  }

  /**
   * Adds a Batch application. Give every region the same applications (and upload the same package
   * versions to each) so a standby region can take the workload at once.
   */
  public addApplication(options: BatchApplicationOptions): BatchApplication {
    const idProblem = applicationIdProblem(options.name);
    if (idProblem) failAt(this, 'applications', options.name, idProblem);
    // Applications are ARM child resources (Microsoft.Batch/batchAccounts/applications), and ARM names
    // are case-insensitive unless noted ("Naming rules and restrictions for Azure resources", which notes
    // nothing for applications: 1-64 alphanumerics, underscores and hyphens).
    if (this.applicationNames.has(options.name.toLowerCase())) {
      failAt(this, 'applications', options.name, 'is added twice (application ids compare case-insensitively); add each application once');
    }
    this.applicationNames.add(options.name.toLowerCase());
    return new BatchApplication(this, `Application-${options.name}`, {
      name: options.name,
      accountName: this.resource.name,
      resourceGroupName: this.resourceGroupName,
      displayName: literal(options.displayName ?? options.name),
      allowUpdates: options.allowUpdates ?? false,
    });
  }
}

interface ResolvedAccountProps {
  readonly name: string;
  readonly allocation: PoolAllocationMode;
  readonly authModes: readonly BatchAuthenticationMode[];
  readonly publicAccess: boolean;
  readonly endpoints: readonly BatchPrivateEndpointOptions[];
  /** Name of the workspace the account creates; undefined when it is given one. */
  readonly workspaceName?: string;
}

function accountProblems(scope: Construct, props: RegionalBatchAccountProps, resolved: ResolvedAccountProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const override = { path: 'name', value: props.name };
  const stem = { path: 'namePrefix', value: props.namePrefix };
  // The prefix names the workspace the account creates too, whatever the account's name.
  const stemProblems = nameStemProblems({
    ...(props.name === undefined || resolved.workspaceName !== undefined ? { namePrefix: props.namePrefix } : {}),
    ...(props.name === undefined ? { uniqueSuffix: props.uniqueSuffix } : {}),
  });
  problems.push(...stemProblems);
  const nameIssue = stemProblems.length > 0 ? undefined : physicalNameProblem(NameRules.batchAccount, resolved.name, override, stem)
    ?? takenNameProblem(scope, NameRules.batchAccount, resolved.name, batchAccountNames(props.region.name), override, stem);
  if (nameIssue) problems.push(nameIssue);
  // The provider refuses a workspace name at plan (validate/log_analytics_workspace_name.go at v4.55.0).
  const workspaceIssue = resolved.workspaceName === undefined ? undefined : nameProblem(NameRules.logAnalyticsWorkspace, resolved.workspaceName);
  if (workspaceIssue) {
    add('namePrefix', props.namePrefix, `gives the Log Analytics workspace the name ${JSON.stringify(resolved.workspaceName)}, which ${workspaceIssue}; change namePrefix, or give logAnalyticsWorkspaceId`);
  }
  if (props.storageAccount.region.name !== props.region.name) {
    add('storageAccount', props.storageAccount.region.name,
      `is in another region than the account ("${props.region.name}"); auto-storage must be in the same region for acceptable performance (HA guidance)`);
  }
  if (props.network && props.network.region.name !== props.region.name) {
    add('network', props.network.region.name, `is in another region than the account ("${props.region.name}"); use the network of the same region`);
  }
  if (resolved.allocation === PoolAllocationMode.USER_SUBSCRIPTION && props.keyVaultReference === undefined) {
    add('keyVaultReference', undefined, 'is required with PoolAllocationMode.USER_SUBSCRIPTION; give the id and URL of a Key Vault the Batch service can access');
  }
  if (resolved.allocation === PoolAllocationMode.BATCH_SERVICE && props.keyVaultReference !== undefined) {
    add('keyVaultReference', props.keyVaultReference.id, 'only applies with PoolAllocationMode.USER_SUBSCRIPTION; remove it or change poolAllocationMode');
  }
  if (props.keyVaultReference) {
    const parsed = parseArmId(props.keyVaultReference.id, 'keyVault');
    if (typeof parsed === 'string') add('keyVaultReference.id', props.keyVaultReference.id, parsed);
    const vaultName = typeof parsed === 'string' || Token.isUnresolved(props.keyVaultReference.id) ? undefined : parsed.names[0];
    const vaultNameProblem = vaultName === undefined ? undefined : nameProblem(NameRules.keyVault, vaultName);
    if (vaultNameProblem) add('keyVaultReference.id', props.keyVaultReference.id, `names vault "${vaultName}", which ${vaultNameProblem}; give the id of the vault as Azure shows it`);
    const problem = vaultUrlProblem(props.keyVaultReference.url, vaultName, props.region);
    if (problem) add('keyVaultReference.url', props.keyVaultReference.url, problem);
  }
  if (resolved.authModes.length === 0) {
    add('authenticationModes', [], `is empty; allow at least ${quotedList([BatchAuthenticationMode.ENTRA_ID])}`);
  }
  if (new Set(resolved.authModes).size !== resolved.authModes.length) {
    add('authenticationModes', resolved.authModes, 'lists a mode twice; list each once');
  }
  if (resolved.allocation === PoolAllocationMode.USER_SUBSCRIPTION && resolved.authModes.includes(BatchAuthenticationMode.SHARED_KEY)) {
    add('authenticationModes', resolved.authModes, 'includes SharedKey, which user-subscription accounts do not support (clients must use Entra ID); remove it');
  }
  // The provider takes 0.0.0.0 to 255.255.255.255 with prefixes /0 to /30 only (validate.BatchAccountIpRange,
  // internal/services/batch/validate/batch_account_ip_range.go:14 at v4.55.0).
  if (Token.isUnresolved(props.allowedIpRanges)) {
    add('allowedIpRanges', props.allowedIpRanges, knownOnlyAtDeploy('the account writes one IP rule per range, and opens its public endpoint for them, at synth', 'give a list of ranges, each of which may be a reference'));
  } else {
    (props.allowedIpRanges ?? []).forEach((range, i) => {
      const problem = publicIpRuleProblem(range, { rejectNarrow: 'Batch account IP rules' });
      if (problem) add(`allowedIpRanges[${i}]`, range, problem);
    });
  }
  // "Each endpoint supports a maximum of 200 IP network rules" (Learn "Configure public network access
  // with Azure Batch accounts").
  if ((props.allowedIpRanges ?? []).length > MAX_IP_RULES) {
    add('allowedIpRanges', props.allowedIpRanges, `lists ${props.allowedIpRanges!.length} ranges, more than the ${MAX_IP_RULES} IP rules a Batch account endpoint takes; merge neighbouring ranges into wider blocks`);
  }
  const seen = new Set<string>();
  resolved.endpoints.forEach((endpoint, i) => {
    if (endpoint.subresources.length !== 1) {
      add(`privateEndpoints[${i}].subresources`, endpoint.subresources,
        `must name exactly one sub-resource: Azure requires a separate private endpoint for ${quotedList(Object.values(BatchSubresource), 'and')}; split it into one endpoint each`);
      return;
    }
    const subresource = endpoint.subresources[0];
    if (seen.has(subresource)) add(`privateEndpoints[${i}].subresources`, endpoint.subresources, `repeats "${subresource}"; give each sub-resource one endpoint`);
    seen.add(subresource);
  });
  if (resolved.endpoints.length > 0 && props.network === undefined) {
    if (resolved.endpoints.some((endpoint) => endpoint.subnetId === undefined)) {
      add('network', undefined, 'is required for private endpoints; give the region\'s network, or a subnetId per endpoint');
    } else if (props.privateDnsZoneId === undefined) {
      add('privateDnsZoneId', undefined, 'is required for private endpoints without a network: the zone cannot be linked to a VNet this account does not know; give the id of your privatelink.batch zone, or the network');
    }
  }
  if (!resolved.publicAccess && resolved.endpoints.length === 0) {
    add('privateEndpoints', [], 'is empty while public network access is disabled, so nothing could reach the account; keep the default endpoints or give allowedIpRanges');
  } else if (!resolved.publicAccess && !resolved.endpoints.some((endpoint) => endpoint.subresources.includes(BatchSubresource.NODE_MANAGEMENT))) {
    // Disabled public access closes both public endpoints, the account's and node management's, and
    // "private endpoints are required" for each (Learn "Configure public network access with Azure Batch
    // accounts", Batch account public endpoints); pool nodes reach Batch through node management.
    add('privateEndpoints', resolved.endpoints.map((endpoint) => endpoint.subresources),
      `has no "${BatchSubresource.NODE_MANAGEMENT}" endpoint while public network access is disabled, so pool nodes could not reach Batch node management and would never become usable; add { subresources: ["${BatchSubresource.NODE_MANAGEMENT}"] } (or give allowedIpRanges, which opens node management's public endpoint to the nodes)`);
  }
  if (props.privateDnsZoneId !== undefined) {
    const problem = dnsZoneIdProblem(props.privateDnsZoneId, cloudEndpoints(props.region.cloud).batchPrivateDnsZone);
    if (problem) add('privateDnsZoneId', props.privateDnsZoneId, problem);
  }
  if (props.nodeIdentityId !== undefined) {
    const parsed = parseArmId(props.nodeIdentityId, 'userAssignedIdentity');
    if (typeof parsed === 'string') add('nodeIdentityId', props.nodeIdentityId, parsed);
  }
  if (props.logAnalyticsWorkspaceId !== undefined) {
    const parsed = parseArmId(props.logAnalyticsWorkspaceId, 'logAnalyticsWorkspace');
    if (typeof parsed === 'string') add('logAnalyticsWorkspaceId', props.logAnalyticsWorkspaceId, parsed);
  }
  return problems;
}

/**
 * What is wrong with `url` as the URI of the vault named `vaultName` (when the id is known) for an account
 * in `region`. A vault's URI is `https://<vault>.<suffix>/` with its cloud's suffix (Learn "Azure Key
 * Vault keys, secrets and certificates overview", "DNS suffixes for object identifiers"), and the vault
 * must be in the account's subscription and region (Learn "Create a Batch account in the Azure portal",
 * "Create a key vault"), so in its cloud.
 */
function vaultUrlProblem(url: string, vaultName: string | undefined, region: AzureRegion): string | undefined {
  if (Token.isUnresolved(url)) return undefined;
  const suffix = cloudEndpoints(region.cloud).keyVaultDnsSuffix;
  const expected = `"https://${vaultName ?? '<vault>'}.${suffix}/"`;
  const host = /^https:\/\/([^/:?#]+)\/?$/i.exec(url)?.[1].toLowerCase();
  const dot = host?.indexOf('.') ?? -1;
  if (host === undefined || dot <= 0) return `is not a Key Vault URI; give the vault's https URI, ${expected}`;
  const [name, hostSuffix] = [host.slice(0, dot), host.slice(dot + 1)];
  if (hostSuffix !== suffix) {
    return `is not the URI of a vault in ${region.name}'s cloud, whose vault URIs end in .${suffix}; the vault must be in the account's subscription and region: give ${expected}`;
  }
  if (vaultName !== undefined && name !== vaultName.toLowerCase()) {
    return `is the URI of vault "${name}", but keyVaultReference.id names vault "${vaultName}"; give the id and URI of one vault: ${expected}`;
  }
  return undefined;
}

/** A Batch account that exists, imported with {@link RegionalBatchAccount.fromAccountId}. */
class ImportedBatchAccount extends Construct implements IBatchAccount {
  /** Problems of this construct name the import users call. */
  public readonly problemSubject = 'RegionalBatchAccount.fromAccountId';
  public readonly accountName: string;
  public readonly resourceGroupName: string;
  public readonly region: AzureRegion;
  public readonly subscriptionId?: string;
  public readonly poolAllocationMode: PoolAllocationMode;
  public readonly nodeIdentityId?: string;
  public readonly nodeManagementPrivateEndpoint?: boolean;
  public readonly nodeReadiness: readonly TerraformResource[] = [];

  constructor(scope: Construct, id: string, accountId: string, props: BatchAccountImportProps) {
    super(scope, id);
    const problems: Problem[] = [];
    const parts = parseArmId(accountId, 'batchAccount');
    if (typeof parts === 'string') problems.push({ path: 'accountId', value: accountId, message: parts });
    // The pool names the account by name, which the provider validates (batch/validate/account_name.go at
    // v4.55.0: 3-24 lowercase letters and digits), so an id Azure would never return fails at plan.
    const name = typeof parts === 'string' ? undefined : parts.names[0];
    const nameInvalid = name === undefined ? undefined : nameProblem(NameRules.batchAccount, name);
    if (nameInvalid) problems.push({ path: 'accountId', value: accountId, message: `names account "${name}", which ${nameInvalid}` });
    if (props.nodeIdentityId !== undefined) {
      const parsed = parseArmId(props.nodeIdentityId, 'userAssignedIdentity');
      if (typeof parsed === 'string') problems.push({ path: 'nodeIdentityId', value: props.nodeIdentityId, message: parsed });
    }
    throwIfProblems(this, problems);
    const { resourceGroupName, names } = parts as Exclude<typeof parts, string>;
    this.accountName = names[0];
    this.resourceGroupName = resourceGroupName;
    this.region = props.region;
    this.subscriptionId = subscriptionOf(accountId);
    this.poolAllocationMode = props.poolAllocationMode ?? PoolAllocationMode.BATCH_SERVICE;
    this.nodeIdentityId = props.nodeIdentityId;
    this.nodeManagementPrivateEndpoint = props.nodeManagementPrivateEndpoint;
  }
}

/**
 * Why `name` is not a Batch application id, or `undefined` ("Naming rules and restrictions for Azure
 * resources", Microsoft.Batch/batchAccounts/applications: 1-64 alphanumerics, underscores and hyphens).
 */
export function applicationIdProblem(name: string): string | undefined {
  if (Token.isUnresolved(name)) return knownOnlyAtDeploy('an application is made under the construct id Application-<name>, its Terraform address, at synth', 'give the name as a literal');
  return /^[A-Za-z0-9_-]{1,64}$/.test(name) ? undefined : 'is not an application id; use 1-64 letters, digits, hyphens or underscores';
}
