import { BatchPool, BatchPoolConfig, BatchPoolStartTask, BatchPoolStorageImageReference } from '../azurerm';
import { Annotations, Lazy, Token } from '../engine';
import { Construct, IConstruct } from 'constructs';
import { IBatchAccount, PoolAllocationMode } from '../account/regional-batch-account';
import { HyperVGeneration, OsFamily, PoolImage } from '../catalog/pool-image';
import { CpuArchitecture, DiskController, VmSize } from '../catalog/vm-size';
import type { IBatchNetwork } from '../network/batch-network';
import type { AzureRegion } from '../catalog/azure-region';
import { containerRegistryName } from '../catalog/cloud-endpoints';
import { EgressKind } from '../network/egress';
import { NetworkRule } from '../network/network-rule';
import { Peer } from '../network/peer';
import { Port } from '../network/port';
import { NodeCommunicationRuleSet } from '../network/node-communication-rule-set';
import { ServiceTag } from '../network/service-tag';
import { attachPool, registryEndpoints } from '../private/attachments';
import { dependencyOf } from '../private/depends-on';
import { shortHash } from '../private/names';
import { literal } from '../private/literal';
import { networkSubscriptionOf, parseArmId } from '../private/arm-id';
import { resolvedIn } from '../private/resolve';
import { addCheck, failAt, knownOnlyAtDeploy, locate, Problem, throwIfProblems } from '../private/problems';
import { DataDisk, DataDiskStartTask, DiskCaching, DiskStorageType } from './data-disk-start-task';
import { PoolScale } from './pool-scale';

/** How pool nodes get public IP addresses. Values are azurerm's `public_address_provisioning_type`. */
export enum PublicIpMode {
  /** None: nodes reach Batch through the account's `nodeManagement` private endpoint (or your egress). */
  NONE = 'NoPublicIPAddresses',
  /** Batch creates and manages them. */
  BATCH_MANAGED = 'BatchManaged',
  /** Your static public IPs (`publicIpIds`), e.g. for allow-lists of external services. */
  USER_MANAGED = 'UserManaged',
}

/** How tasks are spread over nodes. Values are the Batch API's. */
export enum NodeFillType {
  /** Tasks are assigned evenly across the nodes. */
  SPREAD = 'Spread',
  /** Each node gets as many tasks as it has slots (`taskSlotsPerNode`) before the next node gets any. */
  PACK = 'Pack',
}

/** Where nodes are placed. Values are the Batch API's. */
export enum NodePlacement {
  /** Nodes are allocated anywhere in the region, with no zone chosen. */
  REGIONAL = 'Regional',
  /** Spread over availability zones (zonal regions only). */
  ZONAL = 'Zonal',
}

/** Container runtime of a container pool. Values are the Batch API's. */
export enum ContainerRuntime {
  /** A Docker-compatible engine starts the task containers; images Batch lists as `DockerCompatible` have one. */
  DOCKER_COMPATIBLE = 'DockerCompatible',
  /** A runtime behind the Kubernetes Container Runtime Interface (CRI) starts the task containers. */
  CRI_COMPATIBLE = 'CriCompatible',
}

/** Container support of a pool. */
export interface PoolContainerOptions {
  /** The technology that starts the task containers. @default ContainerRuntime.DOCKER_COMPATIBLE */
  readonly runtime?: ContainerRuntime;
  /** Images pre-fetched on every node. @default - none */
  readonly imageNames?: string[];
  /**
   * Private registries the nodes pull from, each with the managed identity they pull as: never a
   * registry password. The identity needs the AcrPull role on the registry, and is added to the pool's
   * identities (Learn "Run container workloads on Azure Batch", "Managed identity support for ACR").
   * @default - none: only public images
   */
  readonly registries?: ContainerRegistryLogin[];
}

/** A private container registry and the identity nodes pull from it as. */
export interface ContainerRegistryLogin {
  /** Login server of the registry, e.g. `contoso.azurecr.io` (no scheme, no path). */
  readonly server: string;
  /** ARM id of a user-assigned identity with AcrPull on the registry. */
  readonly identityId: string;
}

/** A registry login server: DNS labels, an optional port; no scheme, path or credentials. */
const REGISTRY_SERVER = /^(?=.{1,253}(?::\d{1,5})?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(?::\d{1,5})?$/;

/** A pool's own settings, without where it goes (see {@link SimplifiedPoolProps}). */
export interface PoolOptions {
  /** Pool name, 1-57 letters, digits, hyphens or underscores; the pool id is `<name>-<hash of its immutable settings>`. */
  readonly name: string;
  /** VM size, e.g. `Standard_D4s_v5`. */
  readonly vmSize: string;
  /** OS image and node agent of the nodes. @default PoolImage.UBUNTU_2404 */
  readonly image?: PoolImage;
  /** How many nodes the pool has: a fixed size or an autoscale formula. @default PoolScale.fixed() - zero nodes */
  readonly scale?: PoolScale;
  /**
   * Whether a deploy that changes the pool first stops a resize in progress. Off, the provider refuses
   * to update a pool that is not steady (batch_pool_resource.go L1018-L1023 at v4.55.0), and its own
   * create and update wait for steady (L989-L995, L1125-L1130), so what fails is a resize it did not
   * start: an autoscale pool adding nodes, a resize begun outside Terraform, or one stuck on capacity
   * or quota, as in a region a failover leaves. On, it stops the resize, which "only stops any further
   * changes being made" (the pool "stabilizes at the number of Compute Nodes it was at"; "Pool - Stop
   * Resize", learn.microsoft.com/rest/api/batchservice/stop-changing-the-size-of-a-pool), then updates
   * the pool with its scale settings, as every update does (L1047-L1052). Whether a target the pool
   * already had starts a new resize is not documented.
   * @default true
   */
  readonly stopPendingResize?: boolean;
  /** Tasks that run on a node at once, 1-256. @default 1 */
  readonly taskSlotsPerNode?: number;
  /** How tasks are spread over the nodes' slots. @default NodeFillType.SPREAD */
  readonly nodeFillType?: NodeFillType;
  /** Whether nodes are spread over availability zones. @default NodePlacement.REGIONAL */
  readonly nodePlacement?: NodePlacement;
  /** How nodes get public IP addresses, if at all. @default PublicIpMode.NONE */
  readonly publicIpMode?: PublicIpMode;
  /** Static public IP ids, with `PublicIpMode.USER_MANAGED` only. @default - none */
  readonly publicIpIds?: string[];
  /** Data disks, prepared by the start task. @default - none */
  readonly dataDisks?: DataDisk[];
  /** Your start-task commands, run as root after the disks are mounted. @default - none */
  readonly startTaskCommands?: string[];
  /** Seconds the start task waits for each disk to appear. @default 300 */
  readonly dataDiskWaitSeconds?: number;
  /** Start-task retries. @default 3 */
  readonly startTaskMaxRetries?: number;
  /**
   * Encrypt the OS and temporary disks (Linux: the temporary disk; Windows: both). Batch does it with
   * Azure Disk Encryption, or with encryption at host when that is on.
   * @default true
   */
  readonly diskEncryption?: boolean;
  /**
   * Encryption at host: the VM's host encrypts its temporary disk and disk caches. The subscription needs
   * the `Microsoft.Compute/EncryptionAtHost` feature registered. Without trusted launch the provider
   * sends it with an empty security type, which Batch may refuse (BATCH-019 warns).
   * @default - true when `diskEncryption` is on and Batch could not fall back to Azure Disk Encryption: on VM sizes without it (v6 and later), and for Linux custom images with trusted launch; else false
   */
  readonly encryptionAtHost?: boolean;
  /**
   * Inter-node communication, for multi-instance (MPI) tasks. It caps the pool at 100 nodes (80 in
   * user-subscription accounts) and makes allocation less likely. The provider never sends it on update
   * (`batch_pool_resource.go` L716-724 at v4.55.0), so changing it replaces the pool.
   * @default false
   */
  readonly interNodeCommunication?: boolean;
  /** Trusted launch: secure boot and vTPM. @default - on when the image supports it and the VM size is not known not to */
  readonly trustedLaunch?: boolean;
  /** User-assigned identities for the nodes. @default - none */
  readonly userAssignedIdentityIds?: string[];
  /** Make it a container pool. @default - not a container pool */
  readonly container?: PoolContainerOptions;
}

/** Properties of a {@link SimplifiedPool}. */
export interface SimplifiedPoolProps extends PoolOptions {
  /** The Batch account; the pool is created in it, in its region. */
  readonly account: IBatchAccount;
  /** The network; nodes join its pool subnet. */
  readonly network: IBatchNetwork;
}

/**
 * Most nodes a pool with inter-node communication may have, by allocation mode ("Batch service quotas
 * and limits", section "Pool size limits", learn.microsoft.com/azure/batch/batch-quota-limit).
 */
const INTER_NODE_MAX_NODES: Record<PoolAllocationMode, number> = {
  [PoolAllocationMode.BATCH_SERVICE]: 100,
  [PoolAllocationMode.USER_SUBSCRIPTION]: 80,
};

/** Nodes Batch places behind one user-managed public IP (see validate). */
const NODES_PER_PUBLIC_IP = 100;

/** Azure does not cache disks of 4 TiB or more ("Disk caching", learn.microsoft.com/azure/virtual-machines/premium-storage-performance). */
const UNCACHED_FROM_GB = 4096;

/** Longest pool name: 64 minus the `-<6 hex>` suffix of the pool id. */
const MAX_NAME_LENGTH = 57;

/**
 * A Batch pool pinned to simplified node communication
 * (`target_node_communication_mode = "Simplified"`, the only mode since classic retired on
 * 2026-03-31), in the network's pool subnet, with no public IPs by default, disk encryption, trusted
 * launch where the image supports it, no user accounts or certificates, data disks prepared by
 * {@link DataDiskStartTask}, and resize that never kills running tasks.
 *
 * Pool replacement: the pool id is the name plus a hash of every setting that forces Terraform to
 * replace the pool, and the resource has `create_before_destroy`. A change that needs a new pool
 * creates it under a new id first; then the old pool is deleted, which stops the tasks still running
 * on it (Batch requeues none) — drain or disable the old pool's jobs before you apply, and point jobs
 * at the new id (outputs give it).
 */
export class SimplifiedPool extends Construct {
  /** The pool (id `Resource`). */
  public readonly resource: BatchPool;
  /** The pool name (its display name), e.g. `work`. */
  public readonly name: string;
  /** The pool id, e.g. `work-1a2b3c`; it changes when the pool must be replaced. */
  public readonly poolId: string;
  /** The most nodes the pool can have. */
  public readonly maxNodes: number;
  /** The VM size of the nodes. */
  public readonly vmSize: VmSize;
  /** How many nodes the pool has: `scale`, `PoolScale.fixed()` (none) unless given. */
  public readonly scale: PoolScale;
  /** The OS image of the nodes: `image`, `PoolImage.UBUNTU_2404` unless given. */
  public readonly image: PoolImage;
  /** The data-disk start task, when the pool has data disks or start-task commands. */
  public readonly startTask?: DataDiskStartTask;
  /** The account the pool is in. */
  public readonly account: IBatchAccount;
  /** The network whose pool subnet the nodes join. */
  public readonly network: IBatchNetwork;

  constructor(scope: Construct, id: string, props: SimplifiedPoolProps) {
    super(scope, id);
    const image = props.image ?? PoolImage.UBUNTU_2404;
    const scale = props.scale ?? PoolScale.fixed();
    const size = VmSize.of(props.vmSize);
    const startTask = (props.dataDisks?.length ?? 0) + (props.startTaskCommands?.length ?? 0) > 0
      ? new DataDiskStartTask({ dataDisks: props.dataDisks ?? [], commands: props.startTaskCommands, waitSeconds: props.dataDiskWaitSeconds, maxRetries: props.startTaskMaxRetries })
      : undefined;
    const linux = image.osFamily === OsFamily.LINUX;
    const diskEncryption = props.diskEncryption ?? true;
    // Not by default where the Linux GPU driver needs Secure Boot off (VmSize.linuxGridDriver).
    const trustedLaunch = props.trustedLaunch ?? (image.trustedLaunch && size.trustedLaunch !== false && !(linux && size.linuxGridDriver));
    // Whether Batch can fall back to Azure Disk Encryption, which it does when a security profile (trusted
    // launch) turns encryption at host off: not on sizes without ADE, nor for a Linux custom image (Learn,
    // "Create a pool with disk encryption enabled", Important: with a Linux custom image, disk encryption
    // only on a size with encryption at host).
    const adeFallback = linux && image.customImageId !== undefined && trustedLaunch ? false : size.capabilities?.azureDiskEncryption;
    const hostEncryption = props.encryptionAtHost ?? (diskEncryption && adeFallback === false);
    const interNode = props.interNodeCommunication ?? false;
    const problems = poolProblems(props, { image, size, scale, startTask, diskEncryption, hostEncryption, adeFallback, interNode });
    // End of life (an error once past, a warning within the horizon), mounts under /mnt and sizes the
    // VM-size model does not classify are best-practice rules (BATCH-004, -009, -013), so each can be
    // suppressed with a reason.
    throwIfProblems(this, problems);
    if (props.trustedLaunch === true && linux && size.linuxGridDriver) {
      Annotations.of(this).addWarning(`[GPU] trustedLaunch turns Secure Boot on, and the GRID driver the GPUs of ${size.name} take on Linux installs only with it off ("Install NVIDIA GPU drivers on N-series VMs running Linux"); leave trustedLaunch unset, or use an image with the driver installed and signed`);
    }

    const publicIpMode = props.publicIpMode ?? PublicIpMode.NONE;
    const premium = size.capabilities?.premiumStorage === true;
    const dataDisks = startTask?.dataDisks.map((disk) => ({
      lun: disk.lun,
      diskSizeGb: disk.sizeGb,
      caching: disk.caching ?? (disk.sizeGb >= UNCACHED_FROM_GB ? DiskCaching.NONE : DiskCaching.READ_ONLY),
      storageAccountType: disk.storageType ?? (premium ? DiskStorageType.PREMIUM_SSD : DiskStorageType.STANDARD_HDD),
    }));
    const containerImages = props.container?.imageNames?.map(literal);
    const registries = (props.container?.registries ?? []).map((registry) => ({ registryServer: literal(registry.server), userAssignedIdentityId: literal(registry.identityId) }));
    // ARM ids compare case-insensitively: one identity given twice in other cases is one identity.
    const identityIds = [...new Map([
      ...(props.account.nodeIdentityId ? [props.account.nodeIdentityId] : []),
      ...(props.userAssignedIdentityIds ?? []).map(literal),
      ...registries.map((registry) => registry.userAssignedIdentityId),
    ].map((id) => [Token.isUnresolved(id) ? id : id.toLowerCase(), id] as const)).values()];
    // Everything the provider replaces the pool for, or silently leaves unchanged on update (so only a
    // new pool applies it): provider internal/services/batch/batch_pool_resource.go at v4.55.0 — ForceNew
    // vm_size (L71-76), max_tasks_per_node (L77-83), storage_image_reference (L181-230),
    // node_agent_sku_id (L231-235), network_configuration.subnet_id and public_ips (L472-486),
    // container_image_names (L158-167), container_registries (L168-177), security_profile (L726-758); never sent on update:
    // container_configuration.type (L152-157), public_address_provisioning_type (L487-495),
    // disk_encryption (L616-631), node_placement (L686-702), inter_node_communication (L716-724);
    // data_disks are updated only on empty pools, and the start task must match them.
    // Hashed as synthesized (see poolId below), a size known only at deploy time as its expression.
    const immutable = {
      vmSize: Token.isUnresolved(props.vmSize) ? props.vmSize : props.vmSize.toLowerCase(),
      image: imageReference(image),
      agent: image.nodeAgentSku.id,
      subnet: props.network.subnetId,
      publicIpMode,
      publicIps: props.publicIpIds ?? [],
      dataDisks: dataDisks ?? [],
      taskSlots: props.taskSlotsPerNode ?? 1,
      placement: props.nodePlacement ?? NodePlacement.REGIONAL,
      encryption: diskEncryption,
      hostEncryption,
      trustedLaunch,
      interNode,
      container: props.container ? {
        runtime: props.container.runtime ?? ContainerRuntime.DOCKER_COMPATIBLE, images: containerImages ?? [],
        // Only when given, so the ids of pools without registries stay as they were.
        ...(registries.length > 0 ? { registries: registries.map((registry) => [registry.registryServer, registry.userAssignedIdentityId]) } : {}),
      } : null,
      // The provider updates a pool's identities in place (the update sends `identity`, L1041-1045), which
      // Batch does not apply to running nodes (Learn "Configure managed identities in Batch pools": "In-place
      // updates of pool managed identities are not supported while the pool has active nodes. Existing
      // compute nodes will not be updated."), so a change of them makes a new pool. Only identities given
      // by id count, and only when there are any, so the ids of pools with just the node identity their
      // account creates stay as they were: that one changes only with the account, whose name change
      // replaces the pool anyway (account_name is ForceNew, L60-65). Registry identities count above.
      ...givenIdentities(props),
    };
    this.name = props.name;
    // Values known only at deploy time (a subnet or an image of this stack, a variable) hash as the Terraform
    // expressions they synthesize to, not as the text of their tokens, whose numbers follow the order tokens
    // were made in anywhere in the app: otherwise an unrelated change would rename, so replace, the pool.
    this.poolId = `${props.name}-${shortHash([JSON.stringify(resolvedIn(this, immutable))], 6)}`;
    claimPoolId(this, props.account, this.poolId);
    this.maxNodes = scale.maxNodes;
    this.vmSize = size;
    this.scale = scale;
    this.image = image;
    this.startTask = startTask;
    this.account = props.account;
    this.network = props.network;

    // Batch uses Azure Disk Encryption for `disk_encryption` unless encryption at host is on; sizes
    // without ADE (v6 and later) reject the pool with AzureDiskEncryptionNotSupportedOnVMSize ("Create a
    // pool with disk encryption enabled", learn.microsoft.com/azure/batch/disk-encryption).
    const encryptionTargets = linux ? ['TemporaryDisk'] : ['OsDisk', 'TemporaryDisk'];
    this.resource = new BatchPool(this, 'Resource', {
      name: this.poolId,
      displayName: props.name,
      accountName: props.account.accountName,
      resourceGroupName: props.account.resourceGroupName,
      vmSize: props.vmSize,
      nodeAgentSkuId: image.nodeAgentSku.id,
      storageImageReference: imageReference(image),
      targetNodeCommunicationMode: 'Simplified',
      interNodeCommunication: interNode ? 'Enabled' : 'Disabled',
      maxTasksPerNode: immutable.taskSlots,
      taskSchedulingPolicy: [{ nodeFillType: props.nodeFillType ?? NodeFillType.SPREAD }],
      nodePlacement: [{ policy: immutable.placement }],
      networkConfiguration: {
        subnetId: props.network.subnetId,
        publicAddressProvisioningType: publicIpMode,
        publicIps: publicIpMode === PublicIpMode.USER_MANAGED ? props.publicIpIds?.map(literal) : undefined,
      },
      ...scaleBlocks(scale),
      stopPendingResizeOperation: props.stopPendingResize ?? true,
      dataDisks,
      startTask: startTask && startTaskBlock(startTask),
      diskEncryption: diskEncryption ? encryptionTargets.map((target) => ({ diskEncryptionTarget: target })) : undefined,
      // The provider sends every field of this block, false when unset (batch_pool.go L822-849): give it
      // only when something in it is on.
      securityProfile: trustedLaunch || hostEncryption
        ? {
          hostEncryptionEnabled: hostEncryption || undefined,
          ...(trustedLaunch ? { securityType: 'trustedLaunch', secureBootEnabled: true, vtpmEnabled: true } : {}),
        }
        : undefined,
      identity: identityIds.length > 0 ? { type: 'UserAssigned', identityIds } : undefined,
      containerConfiguration: props.container
        ? { type: immutable.container!.runtime, containerImageNames: containerImages }
        : undefined,
      // With two targets (Windows: OsDisk and TemporaryDisk) the provider reads them back in either order,
      // a plan diff on every run (hashicorp/terraform-provider-azurerm#30187, open at v4.55.0). Ignoring
      // it hides nothing: the update never sends disk_encryption, and the targets are in the pool id's
      // hash (through diskEncryption and the image), so a real change makes a new pool.
      lifecycle: { createBeforeDestroy: true, ...(diskEncryption && encryptionTargets.length > 1 ? { ignoreChanges: ['disk_encryption'] } : {}) },
    });
    if (registries.length > 0) {
      // container_registries is in attribute mode (batch_pool_resource.go L172 at v4.55.0): Terraform's
      // JSON syntax wants every key of each object, so the credentials nodes never use are null.
      this.resource.addOverride('container_configuration.container_registries', registries.map((registry) => ({
        registry_server: registry.registryServer, user_assigned_identity_id: registry.userAssignedIdentityId, user_name: null, password: null,
      })));
    }
    // Nodes boot only once they can reach Batch and auto-storage: the subnet's NSG association and
    // rules (read at synth, so rules added after the pool count too), the nodeManagement private endpoint,
    // its DNS zone link and the node identity's storage role.
    this.resource.dependsOn = Lazy.listValue({
      // One resource can be in both lists (a route the account asked the network for).
      produce: () => [...new Set([...props.network.nodeReadiness, ...props.account.nodeReadiness])].map(dependencyOf),
    });
    const pulledFrom = [...new Set([...(props.container?.imageNames ?? []).map(registryOf), ...(props.container?.registries ?? []).map((registry) => registry.server.toLowerCase())])];
    attachPool(props.network, { pool: this, maxNodes: scale.maxNodes, containers: props.container !== undefined, registries: pulledFrom });
    const network = props.network;
    if (network.restrictOutbound && network.egress.leavesTheNetwork) allowRegistries(this, network, pulledFrom);
    if (network.restrictOutbound && interNode) allowInterNode(this, network);
    const nodeManagement = ServiceTag.batchNodeManagement(network.region);
    addCheck(this, () => {
      // Read at synth, so a route added after the pool counts. Learn "Create an Azure Batch pool in a
      // virtual network", "User-defined routes for forced tunneling".
      if (network.egress.kind === EgressKind.HUB && props.account.nodeManagementPrivateEndpoint === undefined && !network.routedToInternet.includes(nodeManagement.name)) {
        Annotations.of(this).addWarning(`[EGRESS] the account is imported, so the library cannot tell whether its nodeManagement private endpoint serves this network; without one, node management goes through the hub: call network.routeToInternet(ServiceTag.batchNodeManagement(region)), or allow ${nodeManagement} on 443 on the hub firewall`);
      }
      // Without a way out, nodes reach node management only through the account's nodeManagement private
      // endpoint (Learn "Create a simplified node communication pool without public IP addresses"); nodes
      // that cannot reach it are marked unusable (Batch, outbound network dependencies).
      if (network.egress.kind === EgressKind.NONE && (props.publicIpMode ?? PublicIpMode.NONE) === PublicIpMode.NONE && props.account.nodeManagementPrivateEndpoint !== true) {
        Annotations.of(this).addWarning('[EGRESS] the network has no way out (Egress.none()), and the library sees no nodeManagement private endpoint of the account (it is imported, or has none): nodes reach Batch node management only through one in their VNet, or they become unusable; give the account a nodeManagement private endpoint in this VNet (an imported account: say it has one, nodeManagementPrivateEndpoint), or declare the network\'s egress');
      }
      return [];
    });
    // The rule set is read at synth: the pool's traffic is what the NSG in front of it lets through.
    addCheck(this, () => locate(this, network.ruleSet === NodeCommunicationRuleSet.CLASSIC ? [{
      path: 'network', value: network.ruleSet,
      message: `carries the classic rule set only, and a simplified pool needs outbound 443 over any protocol to BatchNodeManagement.${network.region.serviceTagSuffix} (seed: "Use simplified compute node communication"); use NodeCommunicationRuleSet.SIMPLIFIED, or NodeCommunicationRuleSet.UNION while classic pools remain`,
    }] : []));
  }
}

/** A destination a registry's pulls need on the way out, for {@link registryDestinations}. */
export interface RegistryDestination {
  /** The service tag, on TCP 443. */
  readonly tag: ServiceTag;
  /** What the traffic to it is, as a rule's description. */
  readonly description: string;
}

/**
 * The service tags pulls from `registry` (a registry host) need on TCP 443 from `region`, or none for a
 * registry no tag covers: an Azure Container Registry needs `AzureContainerRegistry.<Region>` and its
 * layers' `Storage.<Region>` (Learn "Configure rules to access an Azure container registry behind a
 * firewall", "Allow access by service tag"; the registry is taken to be in, or replicated to, the pool's
 * region); Microsoft's registry needs `MicrosoftContainerRegistry` and `AzureFrontDoor.FirstParty`,
 * which serves its data (microsoft/containerregistry "Client firewall rules", "Service Tag Usage").
 */
export function registryDestinations(registry: string, region: AzureRegion): readonly RegistryDestination[] {
  if (containerRegistryName(registry) !== undefined) {
    return [
      { tag: ServiceTag.of(`AzureContainerRegistry.${region.serviceTagSuffix}`), description: 'Container registries of the region: login and manifests' },
      { tag: ServiceTag.storage(region), description: 'Container registries of the region: image layers' },
    ];
  }
  if (registry === 'mcr.microsoft.com') {
    return [
      { tag: ServiceTag.of('MicrosoftContainerRegistry'), description: 'Microsoft Container Registry' },
      { tag: ServiceTag.of('AzureFrontDoor.FirstParty'), description: 'Microsoft Container Registry data, served by Azure Front Door' },
    ];
  }
  return [];
}

/**
 * Under `restrictOutbound`, the rules a pool's registries need on the network's way out
 * ({@link registryDestinations}), for those no private endpoint in the VNet serves (endpoints added
 * after the pool are not seen). A registry no service tag covers is a warning, never an Internet allow.
 */
function allowRegistries(pool: Construct, network: IBatchNetwork, registries: readonly string[]): void {
  const served = registryEndpoints(network);
  const https = Port.tcp(443);
  const others: string[] = [];
  for (const registry of registries.filter((server) => !served.has(server))) {
    const destinations = registryDestinations(registry, network.region);
    if (destinations.length === 0) others.push(registry);
    for (const { tag, description } of destinations) network.addRule(NetworkRule.allowOutbound(tag, https, { description }));
  }
  if (others.length > 0) {
    Annotations.of(pool).addWarning(`[EGRESS] restrictOutbound denies ${others.join(', ')}, which the pool pulls from, and no service tag covers ${others.length > 1 ? 'them' : 'it'}; allow ${others.length > 1 ? 'their' : 'its'} addresses with NetworkRule.allowOutbound, or mirror the images into an Azure Container Registry`);
  }
}

/**
 * Under `restrictOutbound`, the rule that lets the nodes of a pool with inter-node communication reach
 * each other: the NSG's Deny-Out-All comes before the default AllowVnetOutBound, and a deny-all rule
 * stops the VMs of one subnet reaching each other until another rule allows it (Learn "How network
 * security groups filter network traffic", "Intra-Subnet traffic"). Multi-instance (MPI) tasks need it
 * (Learn "Use multi-instance tasks to run MPI applications", "Requirements"). The inbound side passes
 * the default AllowVnetInBound.
 */
function allowInterNode(pool: Construct, network: IBatchNetwork): void {
  const prefix = network.subnetPrefix;
  if (prefix === undefined) {
    Annotations.of(pool).addWarning('[EGRESS] restrictOutbound denies traffic between the pool\'s nodes, which interNodeCommunication is for, and the pool subnet\'s prefix is not known here, so no rule allows it; give the imported subnet\'s addressPrefix, or allow it with NetworkRule.allowOutbound(Peer.ipv4(<pool subnet prefix>), Port.allTraffic())');
    return;
  }
  network.addRule(NetworkRule.allowOutbound(Peer.ipv4(prefix), Port.allTraffic(), { description: 'Inter-node communication: the pool subnet to itself' }));
}

/**
 * The registry an image reference pulls from: its first path component when that names a host (has a
 * dot or a port, or is `localhost`), else Docker Hub (`docker.io`), as Docker resolves names.
 */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first.toLowerCase() : 'docker.io';
}

// The value objects describe a pool in Batch's terms; the provider's blocks are built here only, so
// their shape stays out of the public API.

/** `storage_image_reference`: the marketplace image, or the custom image's id. */
function imageReference(image: PoolImage): BatchPoolStorageImageReference {
  const marketplace = image.marketplaceImage;
  if (marketplace) return { publisher: marketplace.publisher, offer: marketplace.offer, sku: marketplace.sku, version: marketplace.version };
  // The id reaches Terraform as literal text (a `${` in it would be an interpolation).
  return { id: literal(image.customImageId!) };
}

/**
 * `minutes` as an ISO 8601 duration in the form .NET writes one (XmlConvert.ToString of a TimeSpan): days,
 * hours and minutes, each left out when zero ("PT15M", "PT1H30M", "P7D"). The provider keeps the
 * duration Azure returns, with no diff suppression (resize_timeout and evaluation_interval, flattened at
 * batch_pool.go:31-32 and 64-65 at v4.55.0), so "PT60M" would show a change on every plan if Azure
 * returned "PT1H". Which form Batch returns is not documented (its examples show durations under an
 * hour only, "PT5M", "PT15M"); this one is that of .NET, and an echo returns it unchanged.
 */
function isoDuration(minutes: number): string {
  const [days, hours, rest] = [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24, minutes % 60];
  const time = `${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
  return `P${days > 0 ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** `fixed_scale` or `auto_scale`, with durations as ISO 8601 ({@link isoDuration}). */
function scaleBlocks(scale: PoolScale): Pick<BatchPoolConfig, 'fixedScale' | 'autoScale'> {
  const fixed = scale.fixedSize;
  if (fixed) {
    return {
      fixedScale: {
        targetDedicatedNodes: fixed.dedicatedNodes,
        targetLowPriorityNodes: fixed.spotNodes,
        resizeTimeout: isoDuration(fixed.resizeTimeoutMinutes),
        nodeDeallocationMethod: fixed.nodeDeallocation,
      },
    };
  }
  const auto = scale.autoscaling!;
  return { autoScale: { formula: literal(auto.formula), evaluationInterval: isoDuration(auto.evaluationIntervalMinutes) } };
}

/** `start_task`: elevated (formatting and mounting need root), retried, waited for. */
function startTaskBlock(task: DataDiskStartTask): BatchPoolStartTask {
  return {
    // Terraform would read `${` in a command as its own interpolation.
    commandLine: literal(task.commandLine),
    commonEnvironmentProperties: { DATA_DISK_WAIT_SECONDS: String(task.waitSeconds) },
    waitForSuccess: true,
    taskRetryMaximum: task.maxRetries,
    userIdentity: { autoUser: { elevationLevel: 'Admin', scope: 'Pool' } },
  };
}

interface ResolvedPool {
  readonly image: PoolImage;
  readonly size: VmSize;
  readonly scale: PoolScale;
  readonly startTask?: DataDiskStartTask;
  readonly diskEncryption: boolean;
  readonly hostEncryption: boolean;
  /** Whether Batch can use Azure Disk Encryption for the pool; undefined when not known. */
  readonly adeFallback?: boolean;
  readonly interNode: boolean;
}

/** The pool's identities given by id (the account's node identity, if given, and its own), lower-cased and sorted, when there are any. */
function givenIdentities(props: SimplifiedPoolProps): { identities?: string[] } {
  const given = [props.account.nodeIdentityId, ...(props.userAssignedIdentityIds ?? [])]
    .filter((id): id is string => id !== undefined && !Token.isUnresolved(id)).map((id) => id.toLowerCase());
  return given.length > 0 ? { identities: [...new Set(given)].sort() } : {};
}

/**
 * The pools of each app by account and lower-cased pool id. An account this app creates is itself the
 * key; an existing one is known by its region and name, which name one account (Batch account names are
 * unique within a region, `batchAccountNames`), whichever stack imports it.
 */
const POOL_IDS = new WeakMap<IConstruct, Map<IBatchAccount | string, Map<string, SimplifiedPool>>>();

/**
 * Refuses `pool` when another pool of its account in the app has its id in any letter case: Batch
 * compares pool ids case-insensitively (REST API "Pool - Add", request body `id`: "you may not have two
 * Pool IDs within an Account that differ only by case"), so the second pool's create would find the
 * first. Two pools of one name get one id when their settings match.
 */
function claimPoolId(pool: SimplifiedPool, account: IBatchAccount, poolId: string): void {
  const root = pool.node.root;
  const accounts = POOL_IDS.get(root) ?? new Map<IBatchAccount | string, Map<string, SimplifiedPool>>();
  POOL_IDS.set(root, accounts);
  const accountKey = Token.isUnresolved(account.accountName) ? account : `${account.region.name}/${account.accountName.toLowerCase()}`;
  const pools = accounts.get(accountKey) ?? new Map<string, SimplifiedPool>();
  accounts.set(accountKey, pools);
  const other = pools.get(poolId.toLowerCase());
  if (other !== undefined) {
    failAt(pool, 'name', pool.name, `gives the pool id "${poolId}", and ${other.node.path}, a pool of the same account, has "${other.poolId}": Batch compares pool ids case-insensitively, so the second pool's create would find the first; give each pool of an account its own name`);
  }
  pools.set(poolId.toLowerCase(), pool);
}

function poolProblems(props: SimplifiedPoolProps, pool: ResolvedPool): Problem[] {
  const { image, size, scale, startTask } = pool;
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const region = props.account.region;
  const capabilities = size.capabilities;
  if (Token.isUnresolved(props.name)) {
    add('name', props.name, knownOnlyAtDeploy('the pool id, <name>-<hash of its settings>, is made from it at synth', 'give the name as a literal'));
  } else if (!/^[A-Za-z0-9_-]+$/.test(props.name) || props.name.length > MAX_NAME_LENGTH) {
    add('name', props.name, `is not a pool name; use 1-${MAX_NAME_LENGTH} letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)`);
  }
  // Size names start with their tier, Standard_ for every size Batch offers (compared case-insensitively,
  // like the provider's vm_size, batch_pool_resource.go L71-76); one the naming conventions cannot read
  // further is left to BATCH-013.
  if (!Token.isUnresolved(props.vmSize) && !/^Standard_[A-Za-z0-9_-]+$/i.test(props.vmSize)) {
    add('vmSize', props.vmSize, 'is not a VM size name (Standard_<family><vCPUs><features>[_v<version>]); give one such as "Standard_D4s_v5"');
  }
  if (!region.supportsSimplifiedNodeCommunication) {
    add('account', region.name, 'is in a region without simplified compute node communication, the only mode since classic retired on 2026-03-31; deploy the pool in another region');
  }
  if (props.network.region.name !== region.name) {
    add('network', props.network.region.name, `is in another region than the account ("${region.name}"); use the network of the account's region`);
  }
  // Learn "Create an Azure Batch pool in a virtual network", "General virtual network requirements": "The
  // Virtual Network must be in the same subscription and region as the Batch account you use to create
  // your pool." Known here for an imported account and an imported network, whose ids name both.
  const network = networkSubscriptionOf(props.network);
  const accountSubscription = props.account.subscriptionId;
  if (network !== undefined && accountSubscription !== undefined && !Token.isUnresolved(accountSubscription) && network.subscription !== accountSubscription.toLowerCase()) {
    add('network', network.id, `is in subscription ${network.subscription}, but the account is in ${accountSubscription}; a pool's VNet must be in its Batch account's subscription: use a network of subscription ${accountSubscription}`);
  }
  // Learn, Batch pool taskSlotsPerNode: "The maximum value is the smaller of 4 times the number of cores
  // of the vmSize of the pool or 256" (BatchAccountPoolData.TaskSlotsPerNode). The cores are the size
  // name's vCPUs, the full count of a constrained-vCPU size (which of the two Batch counts is not said).
  const slots = props.taskSlotsPerNode ?? 1;
  const maxSlots = Math.min(256, size.vCpus === undefined ? 256 : 4 * size.vCpus);
  if (Token.isUnresolved(slots)) {
    add('taskSlotsPerNode', slots, knownOnlyAtDeploy('it is checked against the VM size\'s vCPUs and hashed into the pool id at synth', 'give a number'));
  } else if (!Number.isInteger(slots) || slots < 1 || slots > maxSlots) {
    add('taskSlotsPerNode', slots, `is out of range; use a whole number from 1 to ${maxSlots}${size.vCpus === undefined ? ' (at most 4 per vCPU)' : ` (4 per vCPU of ${size.name}, at most 256)`}`);
  }
  // Learn "Create an Azure Batch pool across Availability Zones", "Regional support and other
  // requirements": the zonal option needs a region with availability zones.
  if (props.nodePlacement === NodePlacement.ZONAL && !region.availabilityZones) {
    add('nodePlacement', props.nodePlacement, `is not available in ${region.name}, which has no availability zones; use NodePlacement.REGIONAL, or a region with zones`);
  }
  const mode = props.publicIpMode ?? PublicIpMode.NONE;
  if (mode === PublicIpMode.USER_MANAGED && !props.publicIpIds?.length) {
    add('publicIpIds', props.publicIpIds, 'is required with PublicIpMode.USER_MANAGED; give the ids of your static public IPs (Standard SKU, same region)');
  }
  // Learn, "Create an Azure Batch pool with specified public IP addresses", "Public IP address
  // requirements": the IPs must cover "the sum of the targetDedicatedNodes and targetLowPriorityNodes",
  // "Batch uses one public IP address for every 100 VMs", and with too few "the pool partially allocates
  // the compute nodes, and a resize error happens". It recommends a buffer: one IP or about 10%, whichever is more.
  const ipsNeeded = Math.ceil(scale.maxNodes / NODES_PER_PUBLIC_IP);
  if (mode === PublicIpMode.USER_MANAGED && props.publicIpIds?.length && !Token.isUnresolved(props.publicIpIds) && props.publicIpIds.length < ipsNeeded) {
    const buffered = ipsNeeded + Math.max(1, Math.round(ipsNeeded / 10));
    add('publicIpIds', props.publicIpIds, `are ${props.publicIpIds.length} public IPs, and Batch uses one for every ${NODES_PER_PUBLIC_IP} nodes, so the pool's ${scale.maxNodes} (dedicated and Spot) need ${ipsNeeded}; give ${buffered} (Learn recommends a buffer of one IP or about 10% more), or lower the node count`);
  }
  if (mode !== PublicIpMode.USER_MANAGED && props.publicIpIds?.length) {
    add('publicIpIds', props.publicIpIds, `only applies with PublicIpMode.USER_MANAGED, not ${mode}; remove it or change publicIpMode`);
  }
  if (props.trustedLaunch && !image.trustedLaunch) {
    add('trustedLaunch', true, `is not supported by image ${image.name}; use a Gen2 image that supports trusted launch, or leave trustedLaunch unset`);
  } else if (props.trustedLaunch && size.trustedLaunch === false) {
    add('trustedLaunch', true, `is not supported on VM size ${size.name}; choose a size that supports trusted launch (e.g. a Dsv5 or Dsv6 size), or leave trustedLaunch unset`);
  }
  if (pool.diskEncryption && !pool.hostEncryption && capabilities?.azureDiskEncryption === false) {
    add('encryptionAtHost', false,
      `with diskEncryption on ${size.name} makes Batch use Azure Disk Encryption, which this size does not support (the pool would fail with AzureDiskEncryptionNotSupportedOnVMSize); leave encryptionAtHost unset or true, or choose a v5 or earlier size`);
  } else if (pool.diskEncryption && !pool.hostEncryption && pool.adeFallback === false) {
    add('encryptionAtHost', false,
      `with diskEncryption and trusted launch on a Linux custom image makes Batch use Azure Disk Encryption, which Batch does not offer for Linux custom images (they take disk encryption only with encryption at host); leave encryptionAtHost unset or true, or set diskEncryption: false`);
  }
  if (pool.interNode) {
    const limit = INTER_NODE_MAX_NODES[props.account.poolAllocationMode];
    if (scale.maxNodes > limit) {
      add('scale.maxNodes', scale.maxNodes, `reaches ${scale.maxNodes} nodes, but a pool with interNodeCommunication holds at most ${limit} in a ${props.account.poolAllocationMode} account; lower the node count or turn interNodeCommunication off`);
    }
  }
  /** Refuses the pool's Spot nodes, at the formula or the count that asks for them. */
  const refuseSpot = (why: string) => {
    if (scale.autoscaling) add('scale.autoscaling.formula', scale.autoscaling.formula, `asks for Spot nodes (the formula's $TargetLowPriorityNodes is not 0), ${why}`);
    else add('scale.spotNodes', scale.spotNodes, `asks for Spot nodes, ${why}`);
  };
  if (scale.spotNodes > 0 && !region.spotNodes && props.account.poolAllocationMode === PoolAllocationMode.BATCH_SERVICE) {
    refuseSpot(`which a Batch-service account in ${region.name} cannot get: they were low-priority VMs, never offered in Azure operated by 21Vianet, and Batch documents no Spot there; use dedicated nodes`);
  }
  if (scale.spotNodes > 0 && size.promo) {
    refuseSpot(`which ${size.name}, a promo size, cannot be ("Azure Spot Virtual Machines", Limitations: promo versions of any size are not supported); use the size without _Promo, or dedicated nodes`);
  }
  if (startTask) {
    // The start task's options, renamed as the pool's props that feed them.
    const renamed: Record<string, string> = { waitSeconds: 'dataDiskWaitSeconds', maxRetries: 'startTaskMaxRetries', commands: 'startTaskCommands' };
    problems.push(...startTask.problems().map((problem) => {
      const head = /^[A-Za-z]+/.exec(problem.path)?.[0] ?? '';
      return renamed[head] ? { ...problem, path: renamed[head] + problem.path.slice(head.length) } : problem;
    }));
    if (image.osFamily === OsFamily.WINDOWS) {
      add('dataDisks', props.dataDisks?.map((disk) => disk.lun), 'are prepared by a bash start task, which Windows pools cannot run; use a Linux image, or prepare the disks in your own start task');
    }
    startTask.dataDisks.forEach((disk, i) => {
      if (disk.storageType === DiskStorageType.PREMIUM_SSD && capabilities?.premiumStorage === false) {
        add(`dataDisks[${i}].storageType`, disk.storageType, `needs a VM size that supports premium storage, and ${size.name} does not (no "s" in its name); use DiskStorageType.STANDARD_HDD or a size such as "Standard_D4s_v5"`);
      }
      if (disk.sizeGb >= UNCACHED_FROM_GB && disk.caching !== undefined && disk.caching !== DiskCaching.NONE) {
        add(`dataDisks[${i}].caching`, disk.caching, `is not available for a disk of ${disk.sizeGb} GiB: Azure caches disks below 4 TiB (4096 GiB) only; use DiskCaching.NONE or leave caching unset`);
      }
    });
    const diskLimit = size.dataDisks;
    const count = startTask.dataDisks.length;
    if (diskLimit !== undefined && count > diskLimit.limit) {
      const larger = diskLimit.sizeFor(count);
      add('dataDisks', props.dataDisks?.map((disk) => disk.lun),
        `are ${count} disks, and a ${size.name} VM attaches at most ${diskLimit.limit} (its series page, learn.microsoft.com/azure/virtual-machines/sizes/${diskLimit.page}, gives the most data disks of each size); attach at most ${diskLimit.limit}${larger === undefined ? '' : `, or use a size that takes ${count}, such as "${larger}"`}`);
    }
    if (count > 0 && capabilities?.diskController === DiskController.NVME && !image.nvmeDataDiskLinks) {
      add('image', image.name,
        `cannot find data disks by LUN on ${size.name}, an NVMe size: the image has no azure-vm-utils to link /dev/disk/azure/data/by-lun/<N>; use PoolImage.UBUNTU_2404 or PoolImage.UBUNTU_2204, or a v5 (SCSI) size`);
    }
  }
  // Azure's size naming conventions, "Additive features": "p = ARM-based processor" (VmSize.architecture).
  if (image.architecture !== undefined && size.architecture !== undefined && image.architecture !== size.architecture) {
    const arm = size.architecture === CpuArchitecture.ARM64;
    add('vmSize', props.vmSize, `is ${arm ? 'an Arm64 size (the "p" in its name)' : 'an x64 size (no "p", for Arm, in its name)'}, and image ${image.name} is built for ${image.architecture}, which it cannot boot; use ${arm ? 'an x64 size (Standard_D4s_v6, say)' : 'an Arm64 size'} or an image built for ${size.architecture}`);
  }
  // A size boots only images of a generation it supports (VmSize.generation1 and
  // VmSizeCapabilities.generation2, from the series pages); PoolImage.hyperVGeneration is V2 for an
  // image with trusted launch ("Trusted Launch for Azure virtual machines": Generation 2 VMs only).
  if (image.hyperVGeneration === HyperVGeneration.V2 && capabilities?.generation2 === false) {
    add('vmSize', props.vmSize, `boots Generation 1 images only (its series page gives "VM Generation Support: Generation 1"), and image ${image.name} is a Generation 2 image; use a size of a later series (Standard_D4s_v5, say) or a Generation 1 image`);
  }
  if (image.hyperVGeneration === HyperVGeneration.V1 && size.generation1 === false) {
    add('vmSize', props.vmSize, `boots Generation 2 images only (its series page gives "Generation 1 VMs: Not Supported"), and image ${image.name} is a Generation 1 image; use a Generation 2 image, or a size of a series that boots Generation 1 (Standard_D4d_v5, say)`);
  }
  if (props.container && !image.containers) {
    add('image', image.name, 'is not an image Batch lists as container-capable (DockerCompatible), which container pools need; use PoolImage.UBUNTU_2404_HPC');
  }
  (props.container?.imageNames ?? []).forEach((name, i) => {
    if (!Token.isUnresolved(name) && name.trim() === '') {
      add(`container.imageNames[${i}]`, name, 'is empty; give an image name such as "mcr.microsoft.com/azurelinux/base/core:3.0"');
    }
  });
  (props.container?.registries ?? []).forEach((registry, i) => {
    if (!Token.isUnresolved(registry.server) && !REGISTRY_SERVER.test(registry.server)) {
      add(`container.registries[${i}].server`, registry.server, 'is not a registry login server; give its host name without scheme or path, e.g. "contoso.azurecr.io"');
    }
    const parsed = parseArmId(registry.identityId, 'userAssignedIdentity');
    if (typeof parsed === 'string') add(`container.registries[${i}].identityId`, registry.identityId, parsed);
  });
  // The provider validates identity_ids as user-assigned identity ids (go-azure-helpers commonschema/identity_user.go:89-94, vendored at v4.55.0).
  if (Token.isUnresolved(props.startTaskCommands)) {
    add('startTaskCommands', props.startTaskCommands, knownOnlyAtDeploy('each command is quoted into the start task\'s command line at synth', 'give a list of commands, each of which may hold references'));
  }
  if (Token.isUnresolved(props.userAssignedIdentityIds)) {
    add('userAssignedIdentityIds', props.userAssignedIdentityIds, knownOnlyAtDeploy('the pool merges the ids with the identities it adds itself (its account\'s node identity, its registries\') at synth', 'give a list of ids, each of which may be a reference'));
  } else {
    (props.userAssignedIdentityIds ?? []).forEach((id, i) => {
      const parsed = parseArmId(id, 'userAssignedIdentity');
      if (typeof parsed === 'string') add(`userAssignedIdentityIds[${i}]`, id, parsed);
    });
  }
  const servers = (props.container?.registries ?? []).map((registry) => registry.server.toLowerCase());
  servers.forEach((server, i) => {
    if (servers.indexOf(server) !== i) add(`container.registries[${i}].server`, props.container!.registries![i].server, 'repeats a registry; give each registry once');
  });
  return problems;
}
