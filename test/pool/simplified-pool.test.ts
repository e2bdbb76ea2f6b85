import { Aspects, App, Testing } from 'cdktf';
import { IBatchAccount, PoolAllocationMode, RegionalBatchAccount, RegionalBatchAccountProps } from '../../lib/account/regional-batch-account';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { Construct } from 'constructs';
import type { IBatchNetwork } from '../../lib/network/pool-network';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { HyperVGeneration, PoolImage } from '../../lib/catalog/pool-image';
import { CpuArchitecture } from '../../lib/catalog/vm-size';
import { BatchNetwork } from '../../lib/network/batch-network';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { DiskCaching, DiskFileSystem, DiskStorageType } from '../../lib/pool/data-disk-start-task';
import { NodeDeallocation, PoolScale } from '../../lib/pool/pool-scale';
import {
  ContainerRuntime,
  NodeFillType,
  NodePlacement,
  PoolOptions,
  PublicIpMode,
  SimplifiedPool,
} from '../../lib/pool/simplified-pool';
import { PairedStorageAccount, StorageNetworkAccess } from '../../lib/storage/paired-storage-account';
import { collectProblems, ValidationError } from '../../lib/private/problems';
import { TODAY_CONTEXT_KEY } from '../../lib/private/today';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NetworkRule } from '../../lib/network/network-rule';
import { Peer } from '../../lib/network/peer';
import { Port } from '../../lib/network/port';
import { batchFixture, errorOf, newStack, resourcesOf, ruleShapes, synth, warningsOf } from '../helpers';
import { Egress } from '../../lib/network/egress';

const IP = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-batch-1';
const IDENTITY = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-nodes';
const ACCOUNT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.Batch/batchAccounts/bashared';

interface PoolSettings {
  readonly today?: string;
  readonly addressSpace?: string;
  readonly region?: string;
  /** Import this subnet (`BatchNetwork.fromSubnetId`) instead of creating a VNet. */
  readonly subnetId?: string;
  /** Rule set of the network's NSG. */
  readonly ruleSet?: NodeCommunicationRuleSet;
  readonly account?: Partial<RegionalBatchAccountProps>;
}

/** The account's resource group, unlike the network's: the pool's must follow the account. */
const ACCOUNT_GROUP = 'rg-batch';

/** A pool with `options`, or with the options `options` makes in the pool's stack (before anything else of the pool is made). */
function pool(options: Partial<PoolOptions> | ((stack: TerraformStack) => Partial<PoolOptions>) = {}, settings: PoolSettings = {}) {
  const app: App = Testing.app({ context: settings.today ? { [TODAY_CONTEXT_KEY]: settings.today } : {} });
  const stack = new TerraformStack(app, 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const given = typeof options === 'function' ? options(stack) : options;
  const region = AzureRegion.of(settings.region ?? 'eastus');
  const network = settings.subnetId
    ? BatchNetwork.fromSubnetId(stack, 'Network', settings.subnetId, { region, ruleSet: settings.ruleSet })
    : new BatchNetwork(stack, 'Network', { region, resourceGroupName: 'rg', addressSpace: settings.addressSpace ?? '10.10.0.0/16', baseName: 'x', ruleSet: settings.ruleSet });
  const storageAccount = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: ACCOUNT_GROUP, networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: 'x' });
  const account = new RegionalBatchAccount(stack, 'Account', {
    region, resourceGroupName: ACCOUNT_GROUP, storageAccount, network, namePrefix: 'x', privateEndpoints: settings.subnetId ? [] : undefined,
    allowedIpRanges: settings.subnetId ? ['203.0.113.0/24'] : undefined, ...settings.account,
  });
  const construct = new SimplifiedPool(stack, 'Pool', { account, network, name: 'work', vmSize: 'Standard_D4s_v5', ...given });
  return { stack, construct, resource: () => resourcesOf(synth(stack), 'azurerm_batch_pool')[0] };
}

describe('SimplifiedPool', () => {
  test('defaults: simplified mode, Ubuntu 24.04, no public IPs, no inter-node communication, encrypted temporary disk, trusted launch, the node identity, no user accounts or certificates', () => {
    const { resource, construct } = pool();
    expect(resource()).toEqual({
      name: expect.stringMatching(/^work-[0-9a-f]{6}$/),
      display_name: 'work',
      // A reference to the account (not its physical name), so Terraform creates the pool after it.
      account_name: expect.stringMatching(/^\$\{azurerm_batch_account\.Account_[A-F0-9]+\.name\}$/),
      resource_group_name: ACCOUNT_GROUP,
      vm_size: 'Standard_D4s_v5',
      node_agent_sku_id: 'batch.node.ubuntu 24.04',
      storage_image_reference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
      target_node_communication_mode: 'Simplified',
      inter_node_communication: 'Disabled',
      max_tasks_per_node: 1,
      task_scheduling_policy: [{ node_fill_type: 'Spread' }],
      node_placement: [{ policy: 'Regional' }],
      network_configuration: {
        subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_PoolSubnet_[A-F0-9]+\.id\}$/),
        public_address_provisioning_type: 'NoPublicIPAddresses',
      },
      fixed_scale: { target_dedicated_nodes: 0, target_low_priority_nodes: 0, resize_timeout: 'PT15M', node_deallocation_method: 'TaskCompletion' },
      stop_pending_resize_operation: true,
      disk_encryption: [{ disk_encryption_target: 'TemporaryDisk' }],
      security_profile: { security_type: 'trustedLaunch', secure_boot_enabled: true, vtpm_enabled: true },
      identity: { type: 'UserAssigned', identity_ids: [expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Account_NodeIdentity_[A-F0-9]+\.id\}$/)] },
      depends_on: [
        expect.stringMatching(/^azurerm_subnet_network_security_group_association\.Network_NetworkSecurityGroupAssociation_/),
        expect.stringMatching(/^azurerm_network_security_rule\.Network_Rules_Allow-Out-BatchNodeManagementEastUS-Any-443_/),
        expect.stringMatching(/^azurerm_role_assignment\.Account_NodeStorageAccess_/),
        expect.stringMatching(/^azurerm_private_endpoint\.Account_nodeManagementEndpoint_/),
        expect.stringMatching(/^azurerm_private_dns_zone_virtual_network_link\.Account_BatchDnsZoneLink_/),
      ],
      lifecycle: { create_before_destroy: true },
    });
    expect(construct.poolId).toMatch(/^work-[0-9a-f]{6}$/);
  });

  test('every option lands in the pool', () => {
    const { resource } = pool({
      image: PoolImage.UBUNTU_2404_HPC,
      scale: PoolScale.fixed({ dedicatedNodes: 4, spotNodes: 10, resizeTimeoutMinutes: 30, nodeDeallocation: NodeDeallocation.REQUEUE }),
      taskSlotsPerNode: 8, nodeFillType: NodeFillType.PACK, nodePlacement: NodePlacement.ZONAL,
      publicIpMode: PublicIpMode.USER_MANAGED, publicIpIds: [IP], encryptionAtHost: true,
      userAssignedIdentityIds: [IDENTITY], container: { imageNames: ['mcr.microsoft.com/azurelinux/base/core:3.0'] },
      dataDisks: [{ lun: 1, sizeGb: 512, mountPath: '/data/scratch', caching: DiskCaching.NONE, storageType: DiskStorageType.PREMIUM_SSD }],
      startTaskCommands: ['echo ready'], dataDiskWaitSeconds: 60, startTaskMaxRetries: 5,
    });
    expect(resource()).toMatchObject({
      node_agent_sku_id: 'batch.node.ubuntu 24.04',
      storage_image_reference: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2404' },
      fixed_scale: { target_dedicated_nodes: 4, target_low_priority_nodes: 10, resize_timeout: 'PT30M', node_deallocation_method: 'Requeue' },
      max_tasks_per_node: 8,
      task_scheduling_policy: [{ node_fill_type: 'Pack' }],
      node_placement: [{ policy: 'Zonal' }],
      network_configuration: { public_address_provisioning_type: 'UserManaged', public_ips: [IP] },
      security_profile: { host_encryption_enabled: true },
      identity: { type: 'UserAssigned', identity_ids: [expect.stringMatching(/^\$\{azurerm_user_assigned_identity\./), IDENTITY] },
      container_configuration: { type: 'DockerCompatible', container_image_names: ['mcr.microsoft.com/azurelinux/base/core:3.0'] },
      data_disks: [{ lun: 1, disk_size_gb: 512, caching: 'None', storage_account_type: 'Premium_LRS' }],
      start_task: {
        wait_for_success: true, task_retry_maximum: 5,
        user_identity: { auto_user: { elevation_level: 'Admin', scope: 'Pool' } },
        common_environment_properties: { DATA_DISK_WAIT_SECONDS: '60' },
        command_line: expect.stringMatching(/^\/bin\/bash -c 'set -euo pipefail; printf %s [A-Za-z0-9+/=]+ \| base64 -d \| gzip -dc \| bash -s -- 1:\/data\/scratch:ext4; run\(\) \{ .* \}; run 1 '\\''echo ready'\\'''$/),
      },
    });
  });

  test('autoscale with the pending-tasks helper never kills running tasks', () => {
    const { resource, construct } = pool({ scale: PoolScale.pendingTasks({ maxNodes: 50, spot: true }) });
    const autoScale = resource().auto_scale as { formula: string; evaluation_interval: string };
    expect(autoScale.evaluation_interval).toBe('PT15M');
    expect(autoScale.formula).toContain('$TargetLowPriorityNodes = min(50, ceil($tasks / $TaskSlotsPerNode));');
    expect(autoScale.formula).toContain('$TargetDedicatedNodes = 0;');
    expect(autoScale.formula).toContain('$NodeDeallocationOption = taskcompletion;');
    expect(resource().fixed_scale).toBeUndefined();
    expect(construct.maxNodes).toBe(50);
  });

  test.each([[5, 'PT5M'], [59, 'PT59M'], [60, 'PT1H'], [90, 'PT1H30M'], [1440, 'P1D'], [1441, 'P1DT1M'], [1500, 'P1DT1H'], [10080, 'P7D']])(
    '%i minutes are written as .NET writes the duration, %s, for a fixed pool\'s resize timeout and an autoscale interval', (minutes, duration) => {
      expect(pool({ scale: PoolScale.fixed({ dedicatedNodes: 1, resizeTimeoutMinutes: minutes }) }).resource().fixed_scale).toMatchObject({ resize_timeout: duration });
      expect(pool({ scale: PoolScale.pendingTasks({ maxNodes: 5, evaluationIntervalMinutes: minutes }) }).resource().auto_scale).toMatchObject({ evaluation_interval: duration });
    });

  test('stop_pending_resize_operation is on unless stopPendingResize is false, and the pool id is the same either way', () => {
    const stopping = pool();
    const waiting = pool({ stopPendingResize: false });
    expect(stopping.resource().stop_pending_resize_operation).toBe(true);
    expect(waiting.resource().stop_pending_resize_operation).toBe(false);
    expect(waiting.construct.poolId).toBe(stopping.construct.poolId);
  });

  test('Batch-managed public IPs', () => {
    expect(pool({ publicIpMode: PublicIpMode.BATCH_MANAGED }).resource().network_configuration).toMatchObject({ public_address_provisioning_type: 'BatchManaged' });
  });

  test('Windows pools encrypt OS and temporary disks, and ignore the order the provider reads the two back in; a change of them is a new pool', () => {
    const windows = pool({ image: PoolImage.WINDOWS_SERVER_2022 });
    expect(windows.resource()).toMatchObject({
      disk_encryption: [{ disk_encryption_target: 'OsDisk' }, { disk_encryption_target: 'TemporaryDisk' }],
      lifecycle: { create_before_destroy: true, ignore_changes: ['disk_encryption'] },
    });
    // Ignoring them hides no change: turning encryption off, or a Linux image (one target), is another pool id.
    const unencrypted = pool({ image: PoolImage.WINDOWS_SERVER_2022, diskEncryption: false });
    expect(unencrypted.resource().lifecycle).toEqual({ create_before_destroy: true });
    expect(new Set([windows.construct.poolId, unencrypted.construct.poolId, pool().construct.poolId]).size).toBe(3);
    expect(pool().resource().lifecycle).toEqual({ create_before_destroy: true });
  });

  describe('pool replacement', () => {
    const SUBNET_A = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/batch-a';
    const SUBNET_B = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/batch-b';
    const IP_2 = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-batch-2';
    const disk = { lun: 0, sizeGb: 64, mountPath: '/data/a' };

    /** The pool's id and synthesized body. */
    function built(options: Partial<PoolOptions> = {}, settings: PoolSettings = {}) {
      const { construct, resource } = pool(options, settings);
      return { id: construct.poolId, body: resource() };
    }

    // Each field the library writes that the provider replaces the pool for (ForceNew), or never sends
    // on update so that only a new pool applies it: batch_pool_resource.go at v4.55.0.
    test.each<[string, Partial<PoolOptions>, Partial<PoolOptions>, PoolSettings?, PoolSettings?]>([
      ['vm_size (L71, ForceNew)', {}, { vmSize: 'Standard_D8s_v5' }],
      ['max_tasks_per_node (L77, ForceNew)', {}, { taskSlotsPerNode: 2 }],
      ['storage_image_reference and node_agent_sku_id (L181, L231, ForceNew)', {}, { image: PoolImage.UBUNTU_2204 }],
      ['network_configuration.subnet_id (L472, ForceNew): another adopted subnet', {}, {}, { subnetId: SUBNET_A }, { subnetId: SUBNET_B }],
      ['network_configuration.subnet_id: an adopted subnet instead of a created one', {}, {}, {}, { subnetId: SUBNET_A }],
      ['network_configuration.public_ips (L478, ForceNew)', { publicIpMode: PublicIpMode.USER_MANAGED, publicIpIds: [IP] }, { publicIpMode: PublicIpMode.USER_MANAGED, publicIpIds: [IP_2] }],
      ['network_configuration.public_address_provisioning_type (L487, not sent on update)', {}, { publicIpMode: PublicIpMode.BATCH_MANAGED }],
      ['container_configuration.container_image_names (L158, ForceNew)', { image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: ['a:1'] } }, { image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: ['a:2'] } }],
      ['container_configuration.type (L152, not sent on update)', { image: PoolImage.UBUNTU_2404_HPC, container: {} }, { image: PoolImage.UBUNTU_2404_HPC, container: { runtime: ContainerRuntime.CRI_COMPATIBLE } }],
      ['security_profile trusted launch (L726, ForceNew)', {}, { trustedLaunch: false }],
      ['security_profile.host_encryption_enabled (L733, ForceNew)', {}, { encryptionAtHost: true }],
      ['disk_encryption (L616, not sent on update)', {}, { diskEncryption: false }],
      ['node_placement (L686, not sent on update)', {}, { nodePlacement: NodePlacement.ZONAL }],
      ['inter_node_communication (L716, not sent on update)', {}, { interNodeCommunication: true }],
      ['data_disks (L579, updated only on empty pools; the start task follows them)', { dataDisks: [disk] }, { dataDisks: [{ ...disk, sizeGb: 128 }] }],
      ['data_disks: a LUN', { dataDisks: [disk] }, { dataDisks: [{ ...disk, lun: 1 }] }],
      ['data_disks: caching', { dataDisks: [disk] }, { dataDisks: [{ ...disk, caching: DiskCaching.NONE }] }],
      ['data_disks: storage type', { dataDisks: [disk] }, { dataDisks: [{ ...disk, storageType: DiskStorageType.STANDARD_HDD }] }],
    ])('%s gives a new pool id', (_, before, after, beforeSettings = {}, afterSettings = {}) => {
      const a = built(before, beforeSettings);
      const b = built(after, afterSettings);
      expect(b.body).not.toEqual({ ...a.body, name: b.body.name });
      expect(b.id).not.toBe(a.id);
    });

    test('public IPs from two resources of the stack give two ids', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'ips');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const region = AzureRegion.of('eastus');
      const network = new BatchNetwork(stack, 'Network', { region, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
      const storageAccount = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: 'x' });
      const account = new RegionalBatchAccount(stack, 'Account', { region, resourceGroupName: 'rg', storageAccount, network, namePrefix: 'x' });
      const ips = ['A', 'B'].map((id) => new PublicIp(stack, `Ip${id}`, { name: `pip-${id}`, resourceGroupName: 'rg', location: 'eastus', allocationMethod: 'Static', sku: 'Standard' }));
      const [first, second] = ips.map((ip, i) => new SimplifiedPool(stack, `Pool${i}`, {
        account, network, name: `work${i}`, vmSize: 'Standard_D4s_v5', publicIpMode: PublicIpMode.USER_MANAGED, publicIpIds: [ip.id],
      }));
      expect(first.poolId.slice(-6)).not.toBe(second.poolId.slice(-6));
    });

    test('scale, start-task commands and task fill order are updated in place: same pool id', () => {
      const base = pool().construct.poolId;
      expect(pool({ scale: PoolScale.fixed({ dedicatedNodes: 9 }) }).construct.poolId).toBe(base);
      expect(pool({ startTaskCommands: ['echo hi'] }).construct.poolId).toBe(base);
      expect(pool({ nodeFillType: NodeFillType.PACK }).construct.poolId).toBe(base);
      expect(pool().construct.poolId).toBe(base);
    });

    test('a data disk\'s mount path and file system are the start task\'s, updated in place: same pool id', () => {
      const base = pool({ dataDisks: [disk] });
      const moved = pool({ dataDisks: [{ ...disk, mountPath: '/data/b', fileSystem: DiskFileSystem.XFS }] });
      expect(moved.construct.poolId).toBe(base.construct.poolId);
      const [before, after] = [base.resource(), moved.resource()];
      expect(after.data_disks).toEqual(before.data_disks);
      expect(after.start_task).not.toEqual(before.start_task);
    });

    test('an identity id that is not a user-assigned identity resource id is refused, naming its index', () => {
      expect(errorOf(() => pool({ userAssignedIdentityIds: [IDENTITY, 'id-render'] }))).toContain('userAssignedIdentityIds[1] "id-render" is not a user-assigned identity resource id');
    });

    // Learn "Configure managed identities in Batch pools": in-place updates of a pool's identities do not
    // reach the nodes it has.
    test('identities given by id make a new pool, whatever their order and case; the same ones keep it', () => {
      const OTHER = IDENTITY.replace(/[^/]+$/, 'id-other');
      const base = pool().construct.poolId;
      const one = pool({ userAssignedIdentityIds: [IDENTITY] }).construct.poolId;
      const two = pool({ userAssignedIdentityIds: [IDENTITY, OTHER] }).construct.poolId;
      expect(new Set([base, one, two]).size).toBe(3);
      expect(pool({ userAssignedIdentityIds: [OTHER.replace('id-other', 'ID-Other'), IDENTITY] }).construct.poolId).toBe(two);
      expect(pool({ userAssignedIdentityIds: [IDENTITY] }).construct.poolId).toBe(one);
    });
  });

  test('an Arm64 size with an x64 image, or an x64 size with an Arm64 image, is refused; an image of unknown architecture is not judged', () => {
    expect(errorOf(() => pool({ vmSize: 'Standard_D4ps_v6' }))).toBe(
      'SimplifiedPool test/Pool: vmSize "Standard_D4ps_v6" is an Arm64 size (the "p" in its name), and image canonical:ubuntu-24_04-lts:server is built for x64, which it cannot boot; use an x64 size (Standard_D4s_v6, say) or an image built for Arm64',
    );
    const arm64 = PoolImage.marketplace({ publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server-arm64', nodeAgentSkuId: 'batch.node.ubuntu 24.04', architecture: CpuArchitecture.ARM64 });
    expect(() => pool({ vmSize: 'Standard_D4ps_v6', image: arm64 })).not.toThrow();
    expect(errorOf(() => pool({ vmSize: 'Standard_D4s_v6', image: arm64 }))).toContain('vmSize "Standard_D4s_v6" is an x64 size (no "p", for Arm, in its name), and image canonical:ubuntu-24_04-lts:server-arm64 is built for Arm64');
    const unknown = PoolImage.marketplace({ publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server-arm64', nodeAgentSkuId: 'batch.node.ubuntu 24.04' });
    expect(() => pool({ vmSize: 'Standard_D4ps_v6', image: unknown })).not.toThrow();
  });

  test('a size that boots Generation 1 images only is refused with a Generation 2 image; an image of unknown generation is not judged', () => {
    for (const vmSize of ['Standard_D4_v3', 'Standard_E64i_v3', 'Standard_A4_v2', 'Standard_D11_v2']) {
      expect(errorOf(() => pool({ vmSize, image: PoolImage.UBUNTU_2404 }))).toBe(
        `SimplifiedPool test/Pool: vmSize "${vmSize}" boots Generation 1 images only (its series page gives "VM Generation Support: Generation 1"), and image canonical:ubuntu-24_04-lts:server is a Generation 2 image; use a size of a later series (Standard_D4s_v5, say) or a Generation 1 image`,
      );
    }
    // Their premium siblings boot either generation.
    expect(() => pool({ vmSize: 'Standard_D4s_v3', image: PoolImage.UBUNTU_2404 })).not.toThrow();
    const gen1 = PoolImage.marketplace({ publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server-gen1', nodeAgentSkuId: 'batch.node.ubuntu 24.04' });
    expect(() => pool({ vmSize: 'Standard_D4_v3', image: gen1 })).not.toThrow();
  });

  test('a size that boots Generation 2 images only is refused with an image declared Generation 1; an image of unknown generation is not judged', () => {
    const gen1 = PoolImage.marketplace({ publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server-gen1', nodeAgentSkuId: 'batch.node.ubuntu 24.04', nvmeDataDiskLinks: true, hyperVGeneration: HyperVGeneration.V1 });
    expect(gen1.hyperVGeneration).toBe(HyperVGeneration.V1);
    for (const vmSize of ['Standard_D4s_v6', 'Standard_E8as_v6', 'Standard_F4ams_v6', 'Standard_D4s_v7']) {
      expect(errorOf(() => pool({ vmSize, image: gen1 }))).toBe(
        `SimplifiedPool test/Pool: vmSize "${vmSize}" boots Generation 2 images only (its series page gives "Generation 1 VMs: Not Supported"), and image canonical:ubuntu-24_04-lts:server-gen1 is a Generation 1 image; use a Generation 2 image, or a size of a series that boots Generation 1 (Standard_D4d_v5, say)`,
      );
    }
    expect(() => pool({ vmSize: 'Standard_D4d_v5', image: gen1 })).not.toThrow();
    for (const vmSize of ['Standard_ND96asr_v4', 'Standard_ND96isr_H100_v5', 'Standard_HX176-48rs']) {
      expect(errorOf(() => pool({ vmSize, image: gen1 }))).toContain(`vmSize "${vmSize}" boots Generation 2 images only (its series page gives "Generation 1 VMs: Not Supported")`);
    }
    const undeclared = PoolImage.marketplace({ publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server-gen1', nodeAgentSkuId: 'batch.node.ubuntu 24.04', nvmeDataDiskLinks: true });
    expect(undeclared.hyperVGeneration).toBeUndefined();
    expect(() => pool({ vmSize: 'Standard_D4s_v6', image: undeclared })).not.toThrow();
  });

  test('an image declared Generation 2 without trusted launch is refused on a size that boots Generation 1 only; trusted launch implies Generation 2, and a Generation 1 image cannot declare it', () => {
    const gen2 = PoolImage.custom({ imageId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i', nodeAgentSkuId: 'batch.node.ubuntu 24.04', hyperVGeneration: HyperVGeneration.V2 });
    expect(errorOf(() => pool({ vmSize: 'Standard_D4_v3', image: gen2 }))).toContain('vmSize "Standard_D4_v3" boots Generation 1 images only');
    expect(PoolImage.UBUNTU_2404.hyperVGeneration).toBe(HyperVGeneration.V2);
    expect(errorOf(() => PoolImage.marketplace({ publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server-gen1', nodeAgentSkuId: 'batch.node.ubuntu 24.04', trustedLaunch: true, hyperVGeneration: HyperVGeneration.V1 })))
      .toBe('PoolImage: hyperVGeneration "V1" is Generation 1, and image canonical:ubuntu-24_04-lts:server-gen1 is declared to support trusted launch, which only Generation 2 images do; declare HyperVGeneration.V2, or trustedLaunch false');
  });

  describe('values known only at deploy time', () => {
    /**
     * The id of a pool whose options `make` takes from variable `variable`, after `earlier` tokens of
     * another variable were made: cdktf numbers tokens in the order they are made, anywhere in the app.
     */
    function idWith(make: (variable: TerraformVariable) => Partial<PoolOptions>, variable = 'a', earlier = 0): string {
      return pool((stack) => {
        const unrelated = new TerraformVariable(stack, 'unrelated', { type: 'string' });
        Array.from({ length: earlier }, () => unrelated.stringValue);
        return make(new TerraformVariable(stack, variable, { type: 'string' }));
      }).construct.poolId;
    }

    test.each<[string, (variable: TerraformVariable) => Partial<PoolOptions>]>([
      ['a VM size', (v) => ({ vmSize: v.stringValue })],
      ['a custom image', (v) => ({ image: PoolImage.custom({ imageId: v.stringValue, nodeAgentSkuId: 'batch.node.ubuntu 22.04' }) })],
      ['a container image', (v) => ({ image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: [v.stringValue] } })],
      ['a registry', (v) => ({ image: PoolImage.UBUNTU_2404_HPC, container: { registries: [{ server: v.stringValue, identityId: IDENTITY }] } })],
    ])('%s hashes into the pool id as its expression: the tokens made before it change nothing, another variable changes the id', (_, make) => {
      const id = idWith(make);
      expect(idWith(make, 'a', 3)).toBe(id);
      expect(idWith(make, 'b')).not.toBe(id);
    });

    const disks = (mountPath = '/data/a') => [{ lun: 0, sizeGb: 8, mountPath }];
    test.each<[string, (stack: TerraformStack) => Partial<PoolOptions>, string]>([
      ['name', (stack) => ({ name: new TerraformVariable(stack, 'v', { type: 'string' }).stringValue }), 'the pool id, <name>-<hash of its settings>, is made from it at synth; give the name as a literal'],
      ['taskSlotsPerNode', (stack) => ({ taskSlotsPerNode: new TerraformVariable(stack, 'v', { type: 'number' }).numberValue }), 'it is checked against the VM size\'s vCPUs and hashed into the pool id at synth; give a number'],
      ['dataDiskWaitSeconds', (stack) => ({ dataDisks: disks(), dataDiskWaitSeconds: new TerraformVariable(stack, 'v', { type: 'number' }).numberValue }), 'it is written into the start task\'s environment as text at synth; give a number'],
      ['dataDisks[0].mountPath', (stack) => ({ dataDisks: disks(new TerraformVariable(stack, 'v', { type: 'string' }).stringValue) }), 'the path is checked (no system or Batch directory, no other disk\'s) and quoted into the start task\'s command line at synth; give the path as a literal, such as "/data/work"'],
      ['startTaskCommands', (stack) => ({ startTaskCommands: new TerraformVariable(stack, 'v', { type: 'list(string)' }).listValue }), 'each command is quoted into the start task\'s command line at synth; give a list of commands, each of which may hold references'],
      ['userAssignedIdentityIds', (stack) => ({ userAssignedIdentityIds: new TerraformVariable(stack, 'v', { type: 'list(string)' }).listValue }), 'the pool merges the ids with the identities it adds itself (its account\'s node identity, its registries\') at synth; give a list of ids, each of which may be a reference'],
    ])('%s is needed at synth: one known only at deploy time is refused, named as an expression', (path, make, use) => {
      expect(errorOf(() => pool(make))).toBe(`SimplifiedPool test/Pool: ${path} (a Terraform expression) is known only at deploy time, but ${use}`);
    });

    test('start-task retries, commands and node identities known only at deploy time reach the provider as given', () => {
      const { resource } = pool((stack) => ({
        dataDisks: disks(),
        startTaskCommands: [`echo ${new TerraformVariable(stack, 'greeting', { type: 'string' }).stringValue}`],
        startTaskMaxRetries: new TerraformVariable(stack, 'retries', { type: 'number' }).numberValue,
        userAssignedIdentityIds: [new TerraformVariable(stack, 'identity', { type: 'string' }).stringValue],
      }));
      const body = resource() as { start_task: { task_retry_maximum: unknown; command_line: string }; identity: { identity_ids: unknown } };
      expect(body.start_task.task_retry_maximum).toBe('${var.retries}');
      // The command's own quoted word, with the reference Terraform interpolates.
      expect(body.start_task.command_line).toContain("run 1 '\\''echo ${var.greeting}'\\''");
      expect(body.identity.identity_ids).toEqual([expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Account_NodeIdentity_[A-F0-9]+\.id\}$/), '${var.identity}']);
    });
  });

  describe('mount paths are normalized before they are checked', () => {
    const disk = (mountPath: string, lun = 0) => ({ lun, sizeGb: 8, mountPath });
    const hides = (given: string, system: string) => `dataDisks[0].mountPath ${JSON.stringify(given)} would hide the system directory ${system}; mount data disks at a path of their own, such as "/data/work"`;
    test.each<[string, string]>([['/./etc', '/etc'], ['/etc/.', '/etc'], ['/.', '/'], ['/var/.', '/var'], ['/./mnt', '/mnt'], ['//usr//', '/usr']])(
      '%s is %s', (given, system) => {
        expect(errorOf(() => pool({ dataDisks: [disk(given)] }))).toBe(`SimplifiedPool test/Pool: ${hides(given, system)}`);
      });

    test.each<[string, string]>([
      ['a path inside a system tree', '/etc/ssl'],
      ['a path under /proc', '/proc/data'],
      ['/var/log', '/var/log'],
      ['the data-disk script\'s own records', '/var/lib/cdktf-azure-batch/data-disks'],
    ])('refuses %s', (_, given) => {
      expect(errorOf(() => pool({ dataDisks: [disk(given)] }))).toBe(
        `SimplifiedPool test/Pool: dataDisks[0].mountPath ${JSON.stringify(given)} would hide a system directory; mount data disks at a path of their own, such as "/data/work"`,
      );
    });

    // Learn, "Azure Batch best practices", "Temporary disks and AZ_BATCH_NODE_ROOT_DIR"; Learn, "Files and
    // directories in Azure Batch", "Batch root directory location": /opt/batch/data on a Linux size without
    // a local temporary disk, such as the default Standard_D4s_v5.
    test.each<[string, string]>([
      ['/mnt/batch', '/mnt/batch'], ['/mnt/batch/tasks', '/mnt/batch'], ['/mnt/./batch/', '/mnt/batch'],
      ['/mnt/resource/batch', '/mnt/resource/batch'], ['/mnt/resource/batch/tasks/shared', '/mnt/resource/batch'],
      ['/opt/batch/data', '/opt/batch/data'], ['/opt/batch/data/workitems', '/opt/batch/data'], ['/opt/batch', '/opt/batch/data'], ['/opt/./batch/', '/opt/batch/data'],
    ])('refuses %s, at, inside or over Batch\'s working tree %s', (given, tree) => {
      expect(errorOf(() => pool({ dataDisks: [disk(given)] }))).toBe(
        `SimplifiedPool test/Pool: dataDisks[0].mountPath ${JSON.stringify(given)} would hide Batch's working directory ${tree}, where the node agent keeps the files of every task, the start task's too; mount data disks at a path of their own, such as "/data/work"`,
      );
    });

    test('a sibling of Batch\'s working tree is not refused (under /mnt, BATCH-008 warns of it)', () => {
      for (const given of ['/mnt/batch2', '/mnt/resource/batches', '/opt/batch/data2', '/opt/batches', '/opt/tools']) {
        expect(() => pool({ dataDisks: [disk(given)] })).not.toThrow();
      }
    });

    test('".." is refused, and paths fstab would need escaped are not paths here', () => {
      expect(errorOf(() => pool({ dataDisks: [disk('/data/../etc')] }))).toContain('dataDisks[0].mountPath "/data/../etc" climbs with ".."');
      for (const given of ['/data/my disk', '/data/tab\there', '/data/#1', `/${'a'.repeat(4100)}`]) {
        expect(errorOf(() => pool({ dataDisks: [disk(given)] }))).toContain('is not an absolute path of letters, digits, ".", "_" and "-" of at most 4095 characters');
      }
    });

    test('/data/work and /data/./work are one path', () => {
      expect(errorOf(() => pool({ dataDisks: [disk('/data/work'), disk('/data/./work', 1)] }))).toBe(
        'SimplifiedPool test/Pool: dataDisks[1].mountPath "/data/./work" repeats dataDisks[0].mountPath; give each disk its own mount path',
      );
    });

    test.each<[string, string[]]>([['parent first', ['/data', '/data/scratch']], ['child first', ['/data/scratch', '/data']]])(
      'a disk inside another disk\'s mount path is refused, %s', (_, paths) => {
        const child = paths.indexOf('/data/scratch');
        const parent = 1 - child;
        expect(errorOf(() => pool({ dataDisks: paths.map((path, i) => disk(path, i)) }))).toBe(
          `SimplifiedPool test/Pool: dataDisks[${child}].mountPath "/data/scratch" is inside dataDisks[${parent}].mountPath "/data", so one disk would hide part of the other; mount the disks side by side, e.g. "/data/a" and "/data/b"`,
        );
      });

    test('the script gets the normalized path; siblings sharing a prefix are fine', () => {
      const command = (pool({ dataDisks: [disk('/data/./work/'), disk('/data/work2', 1)] }).resource().start_task as { command_line: string }).command_line;
      expect(command).toContain('0:/data/work:ext4 1:/data/work2:ext4');
    });
  });

  describe('data disks', () => {
    test('default to Premium SSD on premium-capable sizes, Standard HDD on others, and no caching from 4 TiB', () => {
      const disks = [{ lun: 0, sizeGb: 256, mountPath: '/data/a' }, { lun: 1, sizeGb: 4096, mountPath: '/data/b' }, { lun: 2, sizeGb: 4095, mountPath: '/data/c' }];
      expect(pool({ dataDisks: disks }).resource().data_disks).toEqual([
        { lun: 0, disk_size_gb: 256, caching: 'ReadOnly', storage_account_type: 'Premium_LRS' },
        { lun: 1, disk_size_gb: 4096, caching: 'None', storage_account_type: 'Premium_LRS' },
        { lun: 2, disk_size_gb: 4095, caching: 'ReadOnly', storage_account_type: 'Premium_LRS' },
      ]);
      expect(pool({ vmSize: 'Standard_D4_v5', dataDisks: disks.slice(0, 1) }).resource().data_disks).toEqual([
        { lun: 0, disk_size_gb: 256, caching: 'ReadOnly', storage_account_type: 'Standard_LRS' },
      ]);
    });

    test.each<[string, Partial<PoolOptions>, string]>([
      ['Premium SSD on a size without premium storage', { vmSize: 'Standard_D4_v5', dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a', storageType: DiskStorageType.PREMIUM_SSD }] },
        'dataDisks[0].storageType "Premium_LRS" needs a VM size that supports premium storage, and Standard_D4_v5 does not (no "s" in its name); use DiskStorageType.STANDARD_HDD or a size such as "Standard_D4s_v5"'],
      ['caching on a 4 TiB disk', { dataDisks: [{ lun: 0, sizeGb: 4096, mountPath: '/data/a', caching: DiskCaching.READ_ONLY }] },
        'dataDisks[0].caching "ReadOnly" is not available for a disk of 4096 GiB: Azure caches disks below 4 TiB (4096 GiB) only; use DiskCaching.NONE or leave caching unset'],
      ['EL 9 data disks on an NVMe size', { image: PoolImage.EL_9, vmSize: 'Standard_D4s_v6', dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a' }] },
        'image "almalinux:almalinux-x86_64:9-gen2" cannot find data disks by LUN on Standard_D4s_v6, an NVMe size: the image has no azure-vm-utils to link /dev/disk/azure/data/by-lun/<N>; use PoolImage.UBUNTU_2404 or PoolImage.UBUNTU_2204, or a v5 (SCSI) size'],
    ])('rejects %s', (_, options, message) => {
      expect(errorOf(() => pool(options))).toBe(`SimplifiedPool test/Pool: ${message}`);
    });

    // The limits are Azure's, on each series page: lib/catalog/max-data-disks.ts.
    const disks = (count: number) => Array.from({ length: count }, (_, lun) => ({ lun, sizeGb: 8, mountPath: `/data/d${lun}` }));
    test('more data disks than the VM size attaches are refused, naming the smallest size of the series that takes them', () => {
      expect(errorOf(() => pool({ vmSize: 'Standard_D2s_v5', dataDisks: disks(5) }))).toBe('SimplifiedPool test/Pool: dataDisks [0,1,2,3,4] are 5 disks, and a Standard_D2s_v5 VM attaches at most 4 (its series page, '
        + 'learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/dsv5-series, gives the most data disks of each size); attach at most 4, or use a size that takes 5, such as "Standard_D4s_v5"');
      expect(errorOf(() => pool({ vmSize: 'Standard_D96s_v5', dataDisks: disks(33) }))).toMatch(/a Standard_D96s_v5 VM attaches at most 32 \(.*\); attach at most 32$/);
      // Constrained-vCPU sizes take the disks of the size they are cut from (16 for Standard_E8s_v5).
      expect(errorOf(() => pool({ vmSize: 'Standard_E8-4s_v5', dataDisks: disks(17) }))).toContain('a Standard_E8-4s_v5 VM attaches at most 16');
      // GPU series follow no pattern: 8 disks on the 24-vCPU A100 size, 16 on the 48-vCPU one.
      // The H200 size takes half the disks of the H100 size of as many vCPUs, and its series has no larger size.
      expect(errorOf(() => pool({ vmSize: 'Standard_ND96isr_H200_v5', dataDisks: disks(17) }))).toMatch(/a Standard_ND96isr_H200_v5 VM attaches at most 16 \(.*nd-h200-v5-series.*\); attach at most 16$/);
      expect(errorOf(() => pool({ vmSize: 'Standard_NC24ads_A100_v4', dataDisks: disks(9) }))).toContain('a Standard_NC24ads_A100_v4 VM attaches at most 8 (its series page, learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nca100v4-series, gives the most data disks of each size); attach at most 8, or use a size that takes 9, such as "Standard_NC48ads_A100_v4"');
      // An AMD v6 size takes fewer disks than the Intel v6 size of as many vCPUs (8 for Standard_D2s_v6).
      expect(errorOf(() => pool({ vmSize: 'Standard_D2as_v6', dataDisks: disks(8) }))).toContain(
        'a Standard_D2as_v6 VM attaches at most 4 (its series page, learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/dasv6-series, gives the most data disks of each size); attach at most 4, or use a size that takes 8, such as "Standard_D4as_v6"');
    });

    test('as many data disks as the size attaches are fine, and sizes of series the library has not read are not checked', () => {
      expect(pool({ vmSize: 'Standard_D2s_v5', dataDisks: disks(4) }).resource().data_disks).toHaveLength(4);
      expect(pool({ vmSize: 'Standard_E8-4s_v5', dataDisks: disks(16) }).resource().data_disks).toHaveLength(16);
      expect(pool({ vmSize: 'Standard_D2s_v6', dataDisks: disks(8) }).resource().data_disks).toHaveLength(8);
      expect(pool({ vmSize: 'Standard_NG32ads_V620_v1', dataDisks: disks(64) }).resource().data_disks).toHaveLength(64);
    });

    test('EL 9 runs data disks on SCSI sizes, and NVMe sizes without data disks', () => {
      expect(pool({ image: PoolImage.EL_9, vmSize: 'Standard_D4s_v5', dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a', fileSystem: DiskFileSystem.XFS }] }).resource().data_disks).toHaveLength(1);
      expect(pool({ image: PoolImage.EL_9, vmSize: 'Standard_D4s_v6' }).resource().vm_size).toBe('Standard_D4s_v6');
    });
  });

  describe('disk encryption and trusted launch follow the VM size', () => {
    test('v6 and later (no Azure Disk Encryption): encryption at host with the temporary-disk target', () => {
      expect(pool({ vmSize: 'Standard_D4s_v6' }).resource()).toMatchObject({
        disk_encryption: [{ disk_encryption_target: 'TemporaryDisk' }],
        security_profile: { host_encryption_enabled: true, security_type: 'trustedLaunch', secure_boot_enabled: true, vtpm_enabled: true },
      });
    });

    test('v5: the temporary disk is encrypted the way Batch chooses, and no encryption at host is asked for', () => {
      expect(pool().resource().security_profile).toEqual({ security_type: 'trustedLaunch', secure_boot_enabled: true, vtpm_enabled: true });
    });

    test('without disk encryption a v6 pool asks for nothing', () => {
      const body = pool({ vmSize: 'Standard_D4s_v6', diskEncryption: false }).resource();
      expect(body.disk_encryption).toBeUndefined();
      expect(body.security_profile).toEqual({ security_type: 'trustedLaunch', secure_boot_enabled: true, vtpm_enabled: true });
    });

    // Learn "Create a pool with disk encryption enabled", Important: a Linux custom image takes disk
    // encryption only with encryption at host.
    test('a Linux custom image with trusted launch asks for encryption at host, as ADE is not on offer for it; without trusted launch Batch chooses', () => {
      const custom = (trustedLaunch: boolean) => PoolImage.custom({ imageId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i', nodeAgentSkuId: 'batch.node.ubuntu 24.04', trustedLaunch });
      expect(pool({ image: custom(true) }).resource().security_profile).toEqual({ host_encryption_enabled: true, security_type: 'trustedLaunch', secure_boot_enabled: true, vtpm_enabled: true });
      expect(pool({ image: custom(false) }).resource().security_profile).toBeUndefined();
      expect(pool({ image: custom(true), diskEncryption: false }).resource().security_profile).toEqual({ security_type: 'trustedLaunch', secure_boot_enabled: true, vtpm_enabled: true });
      expect(errorOf(() => pool({ image: custom(true), encryptionAtHost: false }))).toBe(
        'SimplifiedPool test/Pool: encryptionAtHost false with diskEncryption and trusted launch on a Linux custom image makes Batch use Azure Disk Encryption, which Batch does not offer for Linux custom images (they take disk encryption only with encryption at host); leave encryptionAtHost unset or true, or set diskEncryption: false',
      );
    });

    test('sizes without trusted launch get no security profile by default', () => {
      expect(pool({ vmSize: 'Standard_M128ms' }).resource().security_profile).toBeUndefined();
      // Learn's trusted launch table: ND A100 v4 "currently not supported", unclassified GPU sizes as they are.
      expect(pool({ vmSize: 'Standard_ND96asr_v4', dataDisks: [] }).resource().security_profile).toBeUndefined();
      expect(pool({ vmSize: 'Standard_ND96isr_H100_v5', dataDisks: [] }).resource().security_profile).toMatchObject({ security_type: 'trustedLaunch' });
      // The GRID driver of the RTX PRO 6000 BSE sizes needs Secure Boot off on Linux: off by default there, and a warning when asked for.
      const grid = 'Standard_NC128ds_xl_RTXPRO6000BSE_v6';
      expect(pool({ vmSize: grid, dataDisks: [] }).resource().security_profile).toBeUndefined();
      const asked = pool({ vmSize: grid, dataDisks: [], trustedLaunch: true });
      expect(asked.resource().security_profile).toMatchObject({ security_type: 'trustedLaunch' });
      expect(warningsOf(asked.construct)).toContain(`[GPU] trustedLaunch turns Secure Boot on, and the GRID driver the GPUs of ${grid} take on Linux installs only with it off ("Install NVIDIA GPU drivers on N-series VMs running Linux"); leave trustedLaunch unset, or use an image with the driver installed and signed`);
      expect(pool({ vmSize: grid, dataDisks: [], image: PoolImage.WINDOWS_SERVER_2022 }).resource().security_profile).toMatchObject({ security_type: 'trustedLaunch' });
      expect(pool({ vmSize: 'Standard_M64s' }).resource().security_profile).toBeUndefined();
    });

    test.each<[string, Partial<PoolOptions>, string]>([
      ['disk encryption without encryption at host on a v6 size', { vmSize: 'Standard_D4s_v6', encryptionAtHost: false },
        'encryptionAtHost false with diskEncryption on Standard_D4s_v6 makes Batch use Azure Disk Encryption, which this size does not support (the pool would fail with AzureDiskEncryptionNotSupportedOnVMSize); leave encryptionAtHost unset or true, or choose a v5 or earlier size'],
      ['trusted launch on a GPU size Learn says does not support it yet', { vmSize: 'Standard_ND96amsr_A100_v4', trustedLaunch: true, dataDisks: [] },
        'trustedLaunch true is not supported on VM size Standard_ND96amsr_A100_v4; choose a size that supports trusted launch (e.g. a Dsv5 or Dsv6 size), or leave trustedLaunch unset'],
      ['trusted launch on a size without it', { vmSize: 'Standard_M64s', trustedLaunch: true },
        'trustedLaunch true is not supported on VM size Standard_M64s; choose a size that supports trusted launch (e.g. a Dsv5 or Dsv6 size), or leave trustedLaunch unset'],
    ])('rejects %s', (_, options, message) => {
      expect(errorOf(() => pool(options))).toBe(`SimplifiedPool test/Pool: ${message}`);
    });
  });

  describe('inter-node communication', () => {
    test('is off unless asked for; on, it allows up to 100 nodes in a Batch-service account', () => {
      expect(pool().resource().inter_node_communication).toBe('Disabled');
      expect(pool({ interNodeCommunication: true, scale: PoolScale.fixed({ dedicatedNodes: 100 }) }).resource().inter_node_communication).toBe('Enabled');
      expect(errorOf(() => pool({ interNodeCommunication: true, scale: PoolScale.pendingTasks({ maxNodes: 101 }) }))).toBe(
        'SimplifiedPool test/Pool: scale.maxNodes 101 reaches 101 nodes, but a pool with interNodeCommunication holds at most 100 in a BatchService account; lower the node count or turn interNodeCommunication off',
      );
    });

    test('allows up to 80 nodes in a user-subscription account', () => {
      const vault = { id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-batch', url: 'https://kv-batch.vault.azure.net/' };
      const account = { poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: vault };
      expect(pool({ interNodeCommunication: true, scale: PoolScale.fixed({ dedicatedNodes: 80 }) }, { account }).resource().inter_node_communication).toBe('Enabled');
      expect(errorOf(() => pool({ interNodeCommunication: true, scale: PoolScale.fixed({ dedicatedNodes: 81 }) }, { account }))).toContain('holds at most 80 in a UserSubscription account');
    });

    // Learn "How network security groups filter network traffic", "Intra-Subnet traffic": a deny-all
    // rule stops the VMs of one subnet reaching each other until a rule allows it.
    test('under restrictOutbound, the pool subnet is allowed to itself, once, ahead of Deny-Out-All', () => {
      const stack = newStack();
      const fixture = batchFixture(stack, { network: { restrictOutbound: true } });
      fixture.addPool({ name: 'mpi', interNodeCommunication: true, scale: PoolScale.fixed({ dedicatedNodes: 4 }) });
      fixture.addPool({ name: 'mpi2', interNodeCommunication: true, scale: PoolScale.fixed({ dedicatedNodes: 4 }) });
      const outbound = ruleShapes(fixture.synth()).filter((rule) => rule.direction === 'Outbound');
      const poolSubnet = fixture.network.subnetPrefix;
      expect(poolSubnet).toMatch(/^10\.10\./);
      expect(outbound.filter((rule) => rule.peer === poolSubnet)).toEqual([{ direction: 'Outbound', access: 'Allow', protocol: '*', ports: '*', peer: poolSubnet, priority: 200 }]);
      expect(outbound[outbound.length - 1]).toMatchObject({ access: 'Deny', peer: '*', priority: 4096 });
    });

    test('without restrictOutbound, or without inter-node communication, no rule is added', () => {
      const open = batchFixture(newStack());
      open.addPool({ name: 'mpi', interNodeCommunication: true });
      const restricted = batchFixture(newStack(), { network: { restrictOutbound: true } });
      restricted.addPool({ name: 'work' });
      for (const fixture of [open, restricted]) {
        expect(ruleShapes(fixture.synth()).filter((rule) => rule.peer === fixture.network.subnetPrefix)).toEqual([]);
      }
    });

    test('in an imported subnet of unknown prefix under restrictOutbound, a warning says to allow it', () => {
      const subnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-batch';
      const fixture = batchFixture(newStack(), { importNetwork: (scope, region) => BatchNetwork.fromSubnetId(scope, 'Network', subnetId, { region, restrictOutbound: true, egress: Egress.natGateway() }) });
      const mpi = fixture.addPool({ name: 'mpi', interNodeCommunication: true });
      fixture.synth();
      expect(warningsOf(mpi)).toContain('[EGRESS] restrictOutbound denies traffic between the pool\'s nodes, which interNodeCommunication is for, and the pool subnet\'s prefix is not known here, so no rule allows it; give the imported subnet\'s addressPrefix, or allow it with NetworkRule.allowOutbound(Peer.ipv4(<pool subnet prefix>), Port.allTraffic())');
    });
  });

  test('Spot nodes are refused for Batch-service accounts in Azure China, which never had low-priority nodes', () => {
    expect(errorOf(() => pool({ scale: PoolScale.fixed({ spotNodes: 2 }) }, { region: 'chinanorth3' }))).toBe(
      'SimplifiedPool test/Pool: scale.spotNodes 2 asks for Spot nodes, which a Batch-service account in chinanorth3 cannot get: they were low-priority VMs, never offered in Azure operated by 21Vianet, and Batch documents no Spot there; use dedicated nodes',
    );
    const vault = { id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-batch', url: 'https://kv-batch.vault.azure.cn/' };
    const userSubscription = { poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: vault };
    expect(pool({ scale: PoolScale.fixed({ spotNodes: 2 }) }, { region: 'chinanorth3', account: userSubscription }).resource().fixed_scale).toMatchObject({ target_low_priority_nodes: 2 });
    expect(errorOf(() => pool({ scale: PoolScale.pendingTasks({ maxNodes: 5, spot: true }) }, { region: 'chinanorth3' }))).toContain('scale.autoscaling.formula "$samples');
    expect(errorOf(() => pool({ scale: PoolScale.autoscale({ formula: '$TargetLowPriorityNodes = 3;', maxNodes: 4 }) }, { region: 'chinanorth3' }))).toBe(
      'SimplifiedPool test/Pool: scale.autoscaling.formula "$TargetLowPriorityNodes = 3;" asks for Spot nodes (the formula\'s $TargetLowPriorityNodes is not 0), which a Batch-service account in chinanorth3 cannot get: they were low-priority VMs, never offered in Azure operated by 21Vianet, and Batch documents no Spot there; use dedicated nodes',
    );
    expect(pool({ scale: PoolScale.fixed({ dedicatedNodes: 2 }) }, { region: 'chinanorth3' }).resource().fixed_scale).toMatchObject({ target_low_priority_nodes: 0 });
  });

  test('user-managed public IPs serve 100 nodes each, dedicated and Spot together: fewer IPs than the most nodes need are refused', () => {
    const ips = (count: number) => Array.from({ length: count }, (_, i) => IP.replace('batch-1', `batch-${i + 1}`));
    const withIps = (count: number, scale: PoolScale) => pool({ publicIpMode: PublicIpMode.USER_MANAGED, publicIpIds: ips(count), scale });
    expect(errorOf(() => withIps(2, PoolScale.fixed({ dedicatedNodes: 250 })))).toMatch(
      /publicIpIds \[.* are 2 public IPs, and Batch uses one for every 100 nodes, so the pool's 250 \(dedicated and Spot\) need 3; give 4 \(Learn recommends a buffer of one IP or about 10% more\), or lower the node count$/);
    expect(errorOf(() => withIps(2, PoolScale.fixed({ dedicatedNodes: 150, spotNodes: 100 })))).toContain("so the pool's 250 (dedicated and Spot) need 3;");
    expect(errorOf(() => withIps(1, PoolScale.pendingTasks({ maxNodes: 101, spot: true })))).toContain("so the pool's 101 (dedicated and Spot) need 2;");
    expect(withIps(3, PoolScale.fixed({ dedicatedNodes: 250 })).resource().network_configuration).toMatchObject({ public_ips: ips(3) });
  });

  test('Spot nodes are refused on a promo size, which Azure does not offer for Spot; dedicated ones are not', () => {
    expect(errorOf(() => pool({ vmSize: 'Standard_D2_v2_Promo', scale: PoolScale.fixed({ spotNodes: 2 }) }))).toBe(
      'SimplifiedPool test/Pool: scale.spotNodes 2 asks for Spot nodes, which Standard_D2_v2_Promo, a promo size, cannot be ("Azure Spot Virtual Machines", Limitations: promo versions of any size are not supported); use the size without _Promo, or dedicated nodes',
    );
    expect(errorOf(() => pool({ vmSize: 'Standard_D2_v2_Promo', scale: PoolScale.pendingTasks({ maxNodes: 5, spot: true }) }))).toContain('scale.autoscaling.formula "$samples');
    expect(pool({ vmSize: 'Standard_D2_v2_Promo', scale: PoolScale.fixed({ dedicatedNodes: 2 }) }).resource().vm_size).toBe('Standard_D2_v2_Promo');
  });

  test('container pools need a container-capable image', () => {
    expect(errorOf(() => pool({ container: {} }))).toBe(
      'SimplifiedPool test/Pool: image "canonical:ubuntu-24_04-lts:server" is not an image Batch lists as container-capable (DockerCompatible), which container pools need; use PoolImage.UBUNTU_2404_HPC',
    );
  });

  test('container image names must not be empty', () => {
    expect(errorOf(() => pool({ image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: ['a:1', ' '] } }))).toBe(
      'SimplifiedPool test/Pool: container.imageNames[1] " " is empty; give an image name such as "mcr.microsoft.com/azurelinux/base/core:3.0"',
    );
  });

  test('user strings reach Terraform as literal text', () => {
    const gallery = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/${x}';
    const body = pool({
      image: PoolImage.custom({ imageId: gallery, nodeAgentSkuId: 'batch.node.ubuntu 24.04', containers: true }),
      container: { imageNames: ['registry.example/${image}:%{tag}'] },
      startTaskCommands: ['echo "${AZ_BATCH_NODE_ROOT_DIR}"'],
      scale: PoolScale.autoscale({ formula: '$TargetDedicatedNodes = 1; // ${x}', maxNodes: 1 }),
    }).resource();
    expect((body.container_configuration as { container_image_names: string[] }).container_image_names).toEqual(['registry.example/$${image}:%%{tag}']);
    expect((body.start_task as { command_line: string }).command_line).toContain('echo "$${AZ_BATCH_NODE_ROOT_DIR}"');
    expect((body.auto_scale as { formula: string }).formula).toBe('$TargetDedicatedNodes = 1; // $${x}');
    expect(body.storage_image_reference).toEqual({ id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/$${x}' });
  });

  test('an adopted subnet without endpoints: the pool depends only on what the library created', () => {
    const subnet = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/batch';
    expect(pool({}, { subnetId: subnet }).resource().depends_on).toEqual([
      expect.stringMatching(/^azurerm_subnet_network_security_group_association\./), expect.stringMatching(/^azurerm_network_security_rule\./),
      expect.stringMatching(/^azurerm_role_assignment\.Account_NodeStorageAccess_/),
    ]);
  });

  test('a rule added to the network after the pool is waited for too', () => {
    const { stack } = pool();
    const network = stack.node.findChild('Network') as BatchNetwork;
    network.addRule(NetworkRule.allowOutbound(Peer.ipv4('10.99.0.0/16'), Port.tcp(8443), { name: 'Allow-Out-License' }));
    expect(resourcesOf(synth(stack), 'azurerm_batch_pool')[0].depends_on).toContainEqual(expect.stringMatching(/^azurerm_network_security_rule\.Network_Rules_Allow-Out-License_/));
  });

  describe('end of life', () => {
    // Past the end of life is BATCH-004, a best-practice error that can be suppressed with a reason
    // (test/checks/batch-best-practices.test.ts): the pool itself builds and synthesizes.
    test('a node agent past its end of life is not refused by the pool', () => {
      const { stack, resource } = pool({ image: PoolImage.UBUNTU_2204 }, { today: '2027-07-01' });
      expect(resource()).toMatchObject({ node_agent_sku_id: 'batch.node.ubuntu 22.04', storage_image_reference: { offer: '0001-com-ubuntu-server-jammy' } });
      expect(collectProblems(stack)).toEqual([]);
    });
  });

  test.each<[string, Partial<PoolOptions>, string]>([
    ['duplicate LUNs', { dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a' }, { lun: 0, sizeGb: 8, mountPath: '/data/b' }] },
      'dataDisks[1].lun 0 repeats dataDisks[0].lun; give each disk its own LUN'],
    ['duplicate mount paths', { dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a' }, { lun: 1, sizeGb: 8, mountPath: '/data/a/' }] },
      'dataDisks[1].mountPath "/data/a/" repeats dataDisks[0].mountPath; give each disk its own mount path'],
    ['a LUN out of range', { dataDisks: [{ lun: 64, sizeGb: 8, mountPath: '/data/a' }] },
      'dataDisks[0].lun 64 is out of range; use a whole number from 0 to 63'],
    ['a size out of range', { dataDisks: [{ lun: 0, sizeGb: 40000, mountPath: '/data/a' }] },
      'dataDisks[0].sizeGb 40000 is out of range; use a whole number of GiB from 1 to 32767'],
    ['a system mount path', { dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/var' }] },
      'dataDisks[0].mountPath "/var" would hide a system directory; mount data disks at a path of their own, such as "/data/work"'],
    ['a relative mount path', { dataDisks: [{ lun: 0, sizeGb: 8, mountPath: 'data' }] },
      'dataDisks[0].mountPath "data" is not an absolute path of letters, digits, ".", "_" and "-" of at most 4095 characters; use one such as "/data/work"'],
    ['a bad pool name', { name: 'my pool' },
      'name "my pool" is not a pool name; use 1-57 letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)'],
    ['task slots out of range', { taskSlotsPerNode: 0 }, 'taskSlotsPerNode 0 is out of range; use a whole number from 1 to 16 (4 per vCPU of Standard_D4s_v5, at most 256)'],
    // Learn, taskSlotsPerNode: "the smaller of 4 times the number of cores of the vmSize of the pool or 256".
    ['more task slots than 4 per vCPU', { vmSize: 'Standard_D2s_v5', taskSlotsPerNode: 9 }, 'taskSlotsPerNode 9 is out of range; use a whole number from 1 to 8 (4 per vCPU of Standard_D2s_v5, at most 256)'],
    ['more than 256 task slots', { vmSize: 'Standard_D96s_v5', taskSlotsPerNode: 257 }, 'taskSlotsPerNode 257 is out of range; use a whole number from 1 to 256 (4 per vCPU of Standard_D96s_v5, at most 256)'],
    ['user-managed IPs without IPs', { publicIpMode: PublicIpMode.USER_MANAGED },
      'publicIpIds (missing) is required with PublicIpMode.USER_MANAGED; give the ids of your static public IPs (Standard SKU, same region)'],
    ['IPs without user-managed mode', { publicIpIds: [IP] },
      `publicIpIds ["${IP}"] only applies with PublicIpMode.USER_MANAGED, not NoPublicIPAddresses; remove it or change publicIpMode`],
    ['data disks on Windows', { image: PoolImage.WINDOWS_SERVER_2022, dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a' }] },
      'dataDisks [0] are prepared by a bash start task, which Windows pools cannot run; use a Linux image, or prepare the disks in your own start task'],
    ['trusted launch on an image without it', { image: PoolImage.custom({ imageId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/images/gen1', nodeAgentSkuId: 'batch.node.ubuntu 24.04' }), trustedLaunch: true },
      'trustedLaunch true is not supported by image /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/images/gen1; use a Gen2 image that supports trusted launch, or leave trustedLaunch unset'],
  ])('rejects %s', (_, options, message) => {
    expect(errorOf(() => pool(options))).toBe(`SimplifiedPool test/Pool: ${message}`);
  });

  // Learn "Create an Azure Batch pool across Availability Zones", "Regional support and other requirements".
  test('a zonal pool needs a region with availability zones', () => {
    expect(errorOf(() => pool({ nodePlacement: NodePlacement.ZONAL }, { region: 'westus' }))).toBe(
      'SimplifiedPool test/Pool: nodePlacement "Zonal" is not available in westus, which has no availability zones; use NodePlacement.REGIONAL, or a region with zones',
    );
    expect(pool({ nodePlacement: NodePlacement.ZONAL }, { region: 'eastus' }).resource().node_placement).toEqual([{ policy: 'Zonal' }]);
  });

  describe('Docker\'s bridge is the network\'s check, at synth, for the container pools placed in it', () => {
    const containers: Partial<PoolOptions> = { image: PoolImage.UBUNTU_2404_HPC, container: { runtime: ContainerRuntime.DOCKER_COMPATIBLE } };

    test('a container pool in an overlapping VNet builds, and synth refuses the network\'s address space', () => {
      const { stack } = pool(containers, { addressSpace: '172.16.0.0/12' });
      expect(collectProblems(stack)).toEqual([{
        subject: 'BatchNetwork', constructPath: 'test/Network', path: 'addressSpace', value: '172.16.0.0/12',
        message: expect.stringMatching(/^puts 172\.16\.0\.0\/12 in the VNet of container pool Pool, and it overlaps Docker's default bridge 172\.17\.0\.0\/16/),
      }]);
      expect(errorOf(() => synth(stack))).toContain('BatchNetwork test/Network: addressSpace "172.16.0.0/12" puts 172.16.0.0/12 in the VNet of container pool Pool');
    });

    test('the same VNet with a pool that runs no containers synthesizes', () => {
      const { stack, resource } = pool({ image: PoolImage.UBUNTU_2404_HPC }, { addressSpace: '172.16.0.0/12' });
      expect(resource().network_configuration).toMatchObject({ subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_PoolSubnet_/) });
      expect(collectProblems(stack)).toEqual([]);
    });
  });

  test('rejects regions without simplified node communication', () => {
    expect(errorOf(() => pool({}, { region: 'westindia' }))).toBe(
      'SimplifiedPool test/Pool: account "westindia" is in a region without simplified compute node communication, the only mode since classic retired on 2026-03-31; deploy the pool in another region',
    );
  });

  describe('the network\'s rule set, checked at synth without BatchBestPractices', () => {
    test('a pool behind a network carrying only the classic rules is an error under "network"', () => {
      const { stack } = pool({}, { ruleSet: NodeCommunicationRuleSet.CLASSIC });
      expect(Aspects.of(stack).all).toEqual([]);
      expect(collectProblems(stack)).toEqual([{
        subject: 'SimplifiedPool', constructPath: 'test/Pool', path: 'network', value: 'classic',
        message: 'carries the classic rule set only, and a simplified pool needs outbound 443 over any protocol to BatchNodeManagement.EastUS (seed: "Use simplified compute node communication"); use NodeCommunicationRuleSet.SIMPLIFIED, or NodeCommunicationRuleSet.UNION while classic pools remain',
      }]);
      expect(errorOf(() => synth(stack))).toContain(
        '[test/Pool] SimplifiedPool test/Pool: network "classic" carries the classic rule set only, and a simplified pool needs outbound 443 over any protocol to BatchNodeManagement.EastUS',
      );
    });

    test('an imported subnet with the classic rules is refused too, in its region\'s service tag', () => {
      const subnet = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/batch';
      const { stack } = pool({}, { subnetId: subnet, region: 'westeurope', ruleSet: NodeCommunicationRuleSet.CLASSIC });
      expect(errorOf(() => synth(stack))).toContain('SimplifiedPool test/Pool: network "classic" carries the classic rule set only, and a simplified pool needs outbound 443 over any protocol to BatchNodeManagement.WestEurope');
    });

    test.each([NodeCommunicationRuleSet.SIMPLIFIED, NodeCommunicationRuleSet.UNION])('%s rules let the pool synthesize', (ruleSet) => {
      const { stack, resource } = pool({}, { ruleSet });
      expect(resource().target_node_communication_mode).toBe('Simplified');
      expect(collectProblems(stack)).toEqual([]);
    });
  });

  describe('accounts that exist', () => {
    /** A pool in an account imported by id, in a network created here or imported by `importNetwork`. */
    function inImportedAccount(nodeIdentityId?: string, region = 'eastus', importNetwork?: (scope: Construct, region: AzureRegion) => IBatchNetwork) {
      const stack = new TerraformStack(Testing.app(), 'test');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const network = importNetwork?.(stack, AzureRegion.of(region))
        ?? new BatchNetwork(stack, 'Network', { region: AzureRegion.of(region), resourceGroupName: 'rg-net', addressSpace: '10.10.0.0/16', baseName: 'x' });
      const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: AzureRegion.of('eastus'), nodeIdentityId });
      new SimplifiedPool(stack, 'Pool', { account, network, name: 'work', vmSize: 'Standard_D4s_v5' });
      return resourcesOf(synth(stack), 'azurerm_batch_pool')[0];
    }

    test('the pool joins the account by name, in the account\'s resource group, and waits only for the network', () => {
      const body = inImportedAccount();
      expect(body).toMatchObject({ account_name: 'bashared', resource_group_name: 'rg-shared' });
      expect(body.identity).toBeUndefined();
      expect(body.depends_on).toEqual([
        expect.stringMatching(/^azurerm_subnet_network_security_group_association\.Network_NetworkSecurityGroupAssociation_/),
        expect.stringMatching(/^azurerm_network_security_rule\.Network_Rules_Allow-Out-BatchNodeManagementEastUS-Any-443_/),
      ]);
    });

    test('the account\'s node identity is given to the pool', () => {
      expect(inImportedAccount(IDENTITY).identity).toEqual({ type: 'UserAssigned', identity_ids: [IDENTITY] });
    });

    test('a network in another region than the account is refused', () => {
      expect(errorOf(() => inImportedAccount(undefined, 'westus'))).toBe(
        'SimplifiedPool test/Pool: network "westus" is in another region than the account ("eastus"); use the network of the account\'s region',
      );
    });

    /** The id of subnet "batch" of VNet "vnet-hub" in resource group "rg-hub" of `subscription`. */
    const subnetOf = (subscription: string) => `/subscriptions/${subscription}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/batch`;

    const OTHER_SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
    const refusal = (id: string) => `SimplifiedPool test/Pool: network "${id}" is in subscription ${OTHER_SUBSCRIPTION}, but the account is in 00000000-0000-0000-0000-000000000000; a pool's VNet must be in its Batch account's subscription: use a network of subscription 00000000-0000-0000-0000-000000000000`;

    test('a subnet in another subscription than the account is refused', () => {
      const other = subnetOf(OTHER_SUBSCRIPTION);
      expect(errorOf(() => inImportedAccount(undefined, 'eastus', (scope, region) => BatchNetwork.fromSubnetId(scope, 'Network', other, { region })))).toBe(refusal(other));
    });

    test('a VNet in another subscription than the account is refused, its new subnet known only at deploy time', () => {
      const vnet = subnetOf(OTHER_SUBSCRIPTION).replace(/\/subnets\/batch$/, '');
      expect(errorOf(() => inImportedAccount(undefined, 'eastus', (scope, region) => BatchNetwork.fromVirtualNetworkId(scope, 'Network', vnet, {
        region, resourceGroupName: 'rg-net', poolSubnetPrefix: '10.20.0.0/24', baseName: 'x',
      })))).toBe(refusal(vnet));
    });

    test('an account of your own whose subscription is known only at deploy time is not compared', () => {
      /** An IBatchAccount in the provider's subscription, read from the client config at plan. */
      class AccountInProviderSubscription extends Construct implements IBatchAccount {
        public readonly accountName = 'bashared';
        public readonly resourceGroupName = 'rg-shared';
        public readonly region = AzureRegion.of('eastus');
        public readonly poolAllocationMode = PoolAllocationMode.BATCH_SERVICE;
        public readonly nodeReadiness = [];
        public readonly subscriptionId = new DataAzurermClientConfig(this, 'Client').subscriptionId;
      }
      const stack = newStack();
      const network = BatchNetwork.fromSubnetId(stack, 'Network', subnetOf(OTHER_SUBSCRIPTION), { region: AzureRegion.of('eastus') });
      new SimplifiedPool(stack, 'Pool', { account: new AccountInProviderSubscription(stack, 'Account'), network, name: 'work', vmSize: 'Standard_D4s_v5' });
      expect(resourcesOf(synth(stack), 'azurerm_batch_pool')).toHaveLength(1);
    });

    test('a second pool whose id differs from another\'s of the account only by case is refused, in an account imported again or in another stack too; a pool of other settings or another account is fine', () => {
      const app = Testing.app();
      const inStack = (id: string) => {
        const stack = new TerraformStack(app, id);
        new AzurermProvider(stack, 'azurerm', { features: [{}] });
        return { stack, network: new BatchNetwork(stack, 'Network', { region: AzureRegion.of('eastus'), resourceGroupName: 'rg-net', addressSpace: '10.10.0.0/16', baseName: id }) };
      };
      const { stack, network } = inStack('test');
      const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: AzureRegion.of('eastus') });
      const first = new SimplifiedPool(stack, 'Pool', { account, network, name: 'work', vmSize: 'Standard_D4s_v5' });
      const again = RegionalBatchAccount.fromAccountId(stack, 'AccountAgain', ACCOUNT_ID.replace('rg-shared', 'RG-Shared'), { region: AzureRegion.of('eastus') });
      const clash = `gives the pool id "Work-${first.poolId.split('-')[1]}", and test/Pool, a pool of the same account, has "${first.poolId}": Batch compares pool ids case-insensitively, so the second pool's create would find the first; give each pool of an account its own name`;
      expect(errorOf(() => new SimplifiedPool(stack, 'Capitals', { account: again, network, name: 'Work', vmSize: 'Standard_D4s_v5' }))).toBe(`SimplifiedPool test/Capitals: name "Work" ${clash}`);
      expect(errorOf(() => new SimplifiedPool(stack, 'Same', { account, network, name: 'work', vmSize: 'Standard_D4s_v5' }))).toContain(`SimplifiedPool test/Same: name "work" gives the pool id "${first.poolId}", and test/Pool`);
      const prod = inStack('prod');
      const shared = RegionalBatchAccount.fromAccountId(prod.stack, 'Account', ACCOUNT_ID, { region: AzureRegion.of('eastus') });
      // The prod network's subnet synthesizes as the same reference in its stack, so the pool has the same id.
      expect(errorOf(() => new SimplifiedPool(prod.stack, 'Pool', { account: shared, network: prod.network, name: 'work', vmSize: 'Standard_D4s_v5' }))).toContain(`SimplifiedPool prod/Pool: name "work" gives the pool id "${first.poolId}", and test/Pool`);
      expect(new SimplifiedPool(prod.stack, 'Prod', { account: shared, network: prod.network, name: 'prod', vmSize: 'Standard_D4s_v5' }).poolId).toMatch(/^prod-/);
      const other = RegionalBatchAccount.fromAccountId(stack, 'Other', ACCOUNT_ID.replace('bashared', 'baother'), { region: AzureRegion.of('eastus') });
      expect(new SimplifiedPool(stack, 'Bigger', { account, network, name: 'work', vmSize: 'Standard_D8s_v5' }).poolId).not.toBe(first.poolId);
      expect(new SimplifiedPool(stack, 'Elsewhere', { account: other, network, name: 'work', vmSize: 'Standard_D4s_v5' }).poolId).toBe(first.poolId);
    });

    test('a network in the account\'s subscription, its GUID written in capitals, is taken', () => {
      const sameInCapitals = '/subscriptions/ABCDEF00-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.Batch/batchAccounts/bashared';
      const stack = new TerraformStack(Testing.app(), 'test');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const network = BatchNetwork.fromSubnetId(stack, 'Network', subnetOf('abcdef00-0000-0000-0000-000000000000'), { region: AzureRegion.of('eastus') });
      const account = RegionalBatchAccount.fromAccountId(stack, 'Account', sameInCapitals, { region: AzureRegion.of('eastus') });
      new SimplifiedPool(stack, 'Pool', { account, network, name: 'work', vmSize: 'Standard_D4s_v5' });
      expect(account.subscriptionId).toBe('abcdef00-0000-0000-0000-000000000000');
      expect(resourcesOf(synth(stack), 'azurerm_batch_pool')[0].network_configuration).toMatchObject({ subnet_id: subnetOf('abcdef00-0000-0000-0000-000000000000') });
    });
  });

  describe('problems', () => {
    test('every problem is thrown at once, as a ValidationError carrying each prop path and value', () => {
      let thrown: unknown;
      try {
        pool({ name: 'my pool', taskSlotsPerNode: 0, startTaskCommands: ['echo ready'], dataDiskWaitSeconds: 0, startTaskMaxRetries: 101 });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      const error = thrown as ValidationError;
      const at = { subject: 'SimplifiedPool', constructPath: 'test/Pool' };
      expect(error.problems).toEqual([
        { ...at, path: 'name', value: 'my pool', message: 'is not a pool name; use 1-57 letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)' },
        { ...at, path: 'taskSlotsPerNode', value: 0, message: 'is out of range; use a whole number from 1 to 16 (4 per vCPU of Standard_D4s_v5, at most 256)' },
        { ...at, path: 'dataDiskWaitSeconds', value: 0, message: 'is out of range; use a whole number of seconds from 1 to 3600' },
        { ...at, path: 'startTaskMaxRetries', value: 101, message: 'is out of range; use a whole number from 0 to 100' },
      ]);
      expect(error.problems.every((problem) => problem.ruleId === undefined)).toBe(true);
      expect(error.message).toBe([
        'SimplifiedPool test/Pool: name "my pool" is not a pool name; use 1-57 letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)',
        'SimplifiedPool test/Pool: taskSlotsPerNode 0 is out of range; use a whole number from 1 to 16 (4 per vCPU of Standard_D4s_v5, at most 256)',
        'SimplifiedPool test/Pool: dataDiskWaitSeconds 0 is out of range; use a whole number of seconds from 1 to 3600',
        'SimplifiedPool test/Pool: startTaskMaxRetries 101 is out of range; use a whole number from 0 to 100',
      ].join('\n'));
    });

    test('start-task settings are named by the pool\'s props, with data disks too', () => {
      const disks = [{ lun: 0, sizeGb: 8, mountPath: '/data/a' }];
      expect(errorOf(() => pool({ dataDisks: disks, dataDiskWaitSeconds: 3601 }))).toBe(
        'SimplifiedPool test/Pool: dataDiskWaitSeconds 3601 is out of range; use a whole number of seconds from 1 to 3600',
      );
      expect(errorOf(() => pool({ dataDisks: disks, startTaskMaxRetries: -1 }))).toBe('SimplifiedPool test/Pool: startTaskMaxRetries -1 is out of range; use a whole number from 0 to 100');
    });

    test('start-task settings mean nothing without a start task, and are not checked', () => {
      expect(pool({ dataDiskWaitSeconds: 0, startTaskMaxRetries: 101 }).resource().start_task).toBeUndefined();
    });
  });
});
