import { BatchPool } from '@cdktf/provider-azurerm/lib/batch-pool';
import { TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { RegionalBatchAccount } from '../account/regional-batch-account';
import { OsFamily, PoolImage } from '../catalog/pool-image';
import { BatchNetwork, DOCKER_BRIDGE_CIDR } from '../network/batch-network';
import { Ipv4Cidr } from '../private/cidr';
import { shortHash } from '../private/names';
import { Problem, throwIfProblems } from '../private/problems';
import { todayOf } from '../private/today';
import { DataDisk, DataDiskStartTask } from './data-disk-start-task';
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
  SPREAD = 'Spread',
  PACK = 'Pack',
}

/** Where nodes are placed. Values are the Batch API's. */
export enum NodePlacement {
  REGIONAL = 'Regional',
  /** Spread over availability zones (zonal regions only). */
  ZONAL = 'Zonal',
}

/** Container runtime of a container pool. Values are the Batch API's. */
export enum ContainerRuntime {
  DOCKER_COMPATIBLE = 'DockerCompatible',
  CRI_COMPATIBLE = 'CriCompatible',
}

/** Container support of a pool. */
export interface PoolContainerOptions {
  /** @default ContainerRuntime.DOCKER_COMPATIBLE */
  readonly runtime?: ContainerRuntime;
  /** Images pre-fetched on every node. @default - none */
  readonly imageNames?: string[];
}

/** A pool's own settings, without where it goes (see {@link SimplifiedPoolProps}). */
export interface PoolOptions {
  /** Pool name, 1-55 letters, digits, hyphens or underscores; the pool id is `<name>-<hash of its immutable settings>`. */
  readonly name: string;
  /** VM size, e.g. `Standard_D4s_v5`. */
  readonly vmSize: string;
  /** @default PoolImage.UBUNTU_2404 */
  readonly image?: PoolImage;
  /** @default PoolScale.fixed() - zero nodes */
  readonly scale?: PoolScale;
  /** Tasks that run on a node at once, 1-256. @default 1 */
  readonly taskSlotsPerNode?: number;
  /** @default NodeFillType.SPREAD */
  readonly nodeFillType?: NodeFillType;
  /** @default NodePlacement.REGIONAL */
  readonly nodePlacement?: NodePlacement;
  /** @default PublicIpMode.NONE */
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
  /** Encrypt the OS and temporary disks (Linux: the temporary disk; Windows: both). @default true */
  readonly diskEncryption?: boolean;
  /** Encryption at host (needs the subscription feature). @default false */
  readonly encryptionAtHost?: boolean;
  /** Trusted launch: secure boot and vTPM. @default - on when the image supports it */
  readonly trustedLaunch?: boolean;
  /** User-assigned identities for the nodes. @default - none */
  readonly userAssignedIdentityIds?: string[];
  /** Make it a container pool. @default - not a container pool */
  readonly container?: PoolContainerOptions;
}

/** Properties of a {@link SimplifiedPool}. */
export interface SimplifiedPoolProps extends PoolOptions {
  /** The Batch account; the pool is created in its region. */
  readonly account: RegionalBatchAccount;
  /** The network; nodes join its pool subnet. */
  readonly network: BatchNetwork;
  /** Resource group of the account. */
  readonly resourceGroupName: string;
}

/** Longest pool name: 64 minus the `-<6 hex>` suffix of the pool id. */
const MAX_NAME_LENGTH = 57;

/**
 * A Batch pool pinned to simplified node communication (`target_node_communication_mode =
 * "Simplified"`, the only mode since classic retired on 2026-03-31), in the network's pool subnet,
 * with no public IPs by default, disk encryption, trusted launch where the image supports it, no user
 * accounts or certificates, data disks prepared by {@link DataDiskStartTask}, and resize that never
 * kills running tasks.
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
  public readonly image: PoolImage;
  /** The data-disk start task, when the pool has data disks or start-task commands. */
  public readonly startTask?: DataDiskStartTask;

  constructor(scope: Construct, id: string, props: SimplifiedPoolProps) {
    super(scope, id);
    const image = props.image ?? PoolImage.UBUNTU_2404;
    const scale = props.scale ?? PoolScale.fixed();
    const startTask = (props.dataDisks?.length ?? 0) + (props.startTaskCommands?.length ?? 0) > 0
      ? new DataDiskStartTask({ dataDisks: props.dataDisks ?? [], commands: props.startTaskCommands, waitSeconds: props.dataDiskWaitSeconds, maxRetries: props.startTaskMaxRetries })
      : undefined;
    const problems = poolProblems(props, image, startTask);
    const today = todayOf(this);
    const days = image.daysToEndOfLife(today);
    if (days !== undefined && days < 0) {
      problems.push({
        path: 'image', value: image.name,
        message: `uses node agent "${image.nodeAgentSku.id}", whose support ended on ${isoDate(image.nodeAgentSku.endOfLife!)}; Batch refuses new pools with it — use PoolImage.UBUNTU_2404 or another supported image`,
      });
    }
    // Warnings (end of life within the horizon, mounts under /mnt) come from the BatchBestPractices
    // aspect (BATCH-004, BATCH-008), so they can be suppressed with a reason like any other rule.
    throwIfProblems(`SimplifiedPool ${this.node.path}`, problems);

    const linux = image.osFamily === OsFamily.LINUX;
    const trustedLaunch = props.trustedLaunch ?? image.trustedLaunch;
    const publicIpMode = props.publicIpMode ?? PublicIpMode.NONE;
    const immutable = {
      vmSize: props.vmSize.toLowerCase(),
      image: image.reference,
      agent: image.nodeAgentSku.id,
      // The network's place in its stack, not the stack's name: the same pool gets the same id in every region.
      subnet: props.network.node.path.slice(TerraformStack.of(props.network).node.path.length),
      publicIpMode,
      publicIps: (props.publicIpIds ?? []).map((ip) => (Token.isUnresolved(ip) ? 'token' : ip)),
      dataDisks: startTask?.renderDataDisks() ?? [],
      taskSlots: props.taskSlotsPerNode ?? 1,
      fill: props.nodeFillType ?? NodeFillType.SPREAD,
      placement: props.nodePlacement ?? NodePlacement.REGIONAL,
      encryption: props.diskEncryption ?? true,
      hostEncryption: props.encryptionAtHost ?? false,
      trustedLaunch,
      container: props.container ?? null,
    };
    this.name = props.name;
    this.poolId = `${props.name}-${shortHash([JSON.stringify(immutable)], 6)}`;
    this.maxNodes = scale.maxNodes;
    this.image = image;
    this.startTask = startTask;

    this.resource = new BatchPool(this, 'Resource', {
      name: this.poolId,
      displayName: props.name,
      accountName: props.account.resource.name,
      resourceGroupName: props.resourceGroupName,
      vmSize: props.vmSize,
      nodeAgentSkuId: image.nodeAgentSku.id,
      storageImageReference: image.reference,
      targetNodeCommunicationMode: 'Simplified',
      maxTasksPerNode: immutable.taskSlots,
      taskSchedulingPolicy: [{ nodeFillType: immutable.fill }],
      nodePlacement: [{ policy: immutable.placement }],
      networkConfiguration: {
        subnetId: props.network.subnetId,
        publicAddressProvisioningType: publicIpMode,
        publicIps: publicIpMode === PublicIpMode.USER_MANAGED ? props.publicIpIds : undefined,
      },
      ...scale.rendered,
      dataDisks: startTask?.renderDataDisks(),
      startTask: startTask?.renderStartTask(),
      diskEncryption: immutable.encryption ? (linux ? ['TemporaryDisk'] : ['OsDisk', 'TemporaryDisk']).map((target) => ({ diskEncryptionTarget: target })) : undefined,
      securityProfile: trustedLaunch || immutable.hostEncryption
        ? {
          hostEncryptionEnabled: immutable.hostEncryption || undefined,
          ...(trustedLaunch ? { securityType: 'trustedLaunch', secureBootEnabled: true, vtpmEnabled: true } : {}),
        }
        : undefined,
      identity: props.userAssignedIdentityIds?.length ? { type: 'UserAssigned', identityIds: props.userAssignedIdentityIds } : undefined,
      containerConfiguration: props.container
        ? { type: props.container.runtime ?? ContainerRuntime.DOCKER_COMPATIBLE, containerImageNames: props.container.imageNames }
        : undefined,
      lifecycle: { createBeforeDestroy: true },
    });
  }
}

function poolProblems(props: SimplifiedPoolProps, image: PoolImage, startTask: DataDiskStartTask | undefined): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const region = props.account.region;
  if (!/^[A-Za-z0-9_-]+$/.test(props.name) || props.name.length > MAX_NAME_LENGTH) {
    add('name', props.name, `is not a pool name; use 1-${MAX_NAME_LENGTH} letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)`);
  }
  if (!Token.isUnresolved(props.vmSize) && !/^[A-Za-z0-9_-]+$/.test(props.vmSize)) {
    add('vmSize', props.vmSize, 'is not a VM size; give one such as "Standard_D4s_v5"');
  }
  if (!region.supportsSimplifiedNodeCommunication) {
    add('account', region.name, 'is in a region without simplified compute node communication, the only mode since classic retired on 2026-03-31; deploy the pool in another region');
  }
  if (props.network.region.name !== region.name) {
    add('network', props.network.region.name, `is in another region than the account ("${region.name}"); use the network of the account's region`);
  }
  const slots = props.taskSlotsPerNode ?? 1;
  if (!Number.isInteger(slots) || slots < 1 || slots > 256) add('taskSlotsPerNode', slots, 'is out of range; use a whole number from 1 to 256 (at most 4 per vCPU)');
  const mode = props.publicIpMode ?? PublicIpMode.NONE;
  if (mode === PublicIpMode.USER_MANAGED && !props.publicIpIds?.length) {
    add('publicIpIds', props.publicIpIds, 'is required with PublicIpMode.USER_MANAGED; give the ids of your static public IPs (Standard SKU, same region)');
  }
  if (mode !== PublicIpMode.USER_MANAGED && props.publicIpIds?.length) {
    add('publicIpIds', props.publicIpIds, `only applies with PublicIpMode.USER_MANAGED, not ${mode}; remove it or change publicIpMode`);
  }
  if (props.trustedLaunch && !image.trustedLaunch) {
    add('trustedLaunch', true, `is not supported by image ${image.name}; use a Gen2 image that supports trusted launch, or leave trustedLaunch unset`);
  }
  if (startTask) {
    problems.push(...startTask.problems());
    if (image.osFamily === OsFamily.WINDOWS) {
      add('dataDisks', props.dataDisks?.map((disk) => disk.lun), 'are prepared by a bash start task, which Windows pools cannot run; use a Linux image, or prepare the disks in your own start task');
    }
  }
  if (props.container) {
    const prefix = props.network.subnetPrefix;
    if (prefix !== undefined && !Token.isUnresolved(prefix)) {
      const subnet = Ipv4Cidr.parse(prefix);
      if (typeof subnet !== 'string' && subnet.overlaps(Ipv4Cidr.of(DOCKER_BRIDGE_CIDR))) {
        add('container', prefix, `runs on subnet ${prefix}, which overlaps Docker's default bridge ${DOCKER_BRIDGE_CIDR}; move the pool subnet outside it`);
      }
    }
  }
  return problems;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
