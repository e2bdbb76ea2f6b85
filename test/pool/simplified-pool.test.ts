import { App, Testing } from 'cdktf';
import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchNetwork } from '../../lib/network/batch-network';
import { DiskCaching, DiskStorageType } from '../../lib/pool/data-disk-start-task';
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
import { TODAY_CONTEXT_KEY } from '../../lib/private/today';
import { TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { errorOf, resourcesOf, synth } from '../helpers';

const IP = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-batch-1';
const IDENTITY = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-nodes';

function pool(options: Partial<PoolOptions> = {}, settings: { today?: string; addressSpace?: string; region?: string } = {}) {
  const app: App = Testing.app({ context: settings.today ? { [TODAY_CONTEXT_KEY]: settings.today } : {} });
  const stack = new TerraformStack(app, 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const region = AzureRegion.of(settings.region ?? 'eastus');
  const network = new BatchNetwork(stack, 'Network', { region, resourceGroupName: 'rg', addressSpace: settings.addressSpace ?? '10.10.0.0/16', baseName: 'x' });
  const storageAccount = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: 'x' });
  const account = new RegionalBatchAccount(stack, 'Account', { region, resourceGroupName: 'rg', storageAccount, network, namePrefix: 'x' });
  const construct = new SimplifiedPool(stack, 'Pool', { account, network, resourceGroupName: 'rg', name: 'work', vmSize: 'Standard_D4s_v5', ...options });
  return { stack, construct, resource: () => resourcesOf(synth(stack), 'azurerm_batch_pool')[0] };
}

describe('SimplifiedPool', () => {
  test('defaults: simplified mode, Ubuntu 24.04, no public IPs, encrypted temporary disk, trusted launch, no user accounts or certificates', () => {
    const { resource, construct } = pool();
    expect(resource()).toEqual({
      name: construct.poolId,
      display_name: 'work',
      account_name: expect.stringMatching(/^\$\{azurerm_batch_account\.Account_[A-F0-9]+\.name\}$/),
      resource_group_name: 'rg',
      vm_size: 'Standard_D4s_v5',
      node_agent_sku_id: 'batch.node.ubuntu 24.04',
      storage_image_reference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
      target_node_communication_mode: 'Simplified',
      max_tasks_per_node: 1,
      task_scheduling_policy: [{ node_fill_type: 'Spread' }],
      node_placement: [{ policy: 'Regional' }],
      network_configuration: {
        subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_PoolSubnet_[A-F0-9]+\.id\}$/),
        public_address_provisioning_type: 'NoPublicIPAddresses',
      },
      fixed_scale: { target_dedicated_nodes: 0, target_low_priority_nodes: 0, resize_timeout: 'PT15M', node_deallocation_method: 'TaskCompletion' },
      disk_encryption: [{ disk_encryption_target: 'TemporaryDisk' }],
      security_profile: { security_type: 'trustedLaunch', secure_boot_enabled: true, vtpm_enabled: true },
      lifecycle: { create_before_destroy: true },
    });
    expect(construct.poolId).toMatch(/^work-[0-9a-f]{6}$/);
  });

  test('every option lands in the pool', () => {
    const { resource } = pool({
      image: PoolImage.EL_9,
      scale: PoolScale.fixed({ dedicatedNodes: 4, spotNodes: 10, resizeTimeoutMinutes: 30, nodeDeallocation: NodeDeallocation.REQUEUE }),
      taskSlotsPerNode: 8, nodeFillType: NodeFillType.PACK, nodePlacement: NodePlacement.ZONAL,
      publicIpMode: PublicIpMode.USER_MANAGED, publicIpIds: [IP], encryptionAtHost: true,
      userAssignedIdentityIds: [IDENTITY], container: { imageNames: ['mcr.microsoft.com/azurelinux/base/core:3.0'] },
      dataDisks: [{ lun: 1, sizeGb: 512, mountPath: '/data/scratch', caching: DiskCaching.NONE, storageType: DiskStorageType.PREMIUM_SSD }],
      startTaskCommands: ['echo ready'],
    });
    expect(resource()).toMatchObject({
      node_agent_sku_id: 'batch.node.el 9',
      storage_image_reference: { publisher: 'almalinux', offer: 'almalinux-x86_64', sku: '9-gen2' },
      fixed_scale: { target_dedicated_nodes: 4, target_low_priority_nodes: 10, resize_timeout: 'PT30M', node_deallocation_method: 'Requeue' },
      max_tasks_per_node: 8,
      task_scheduling_policy: [{ node_fill_type: 'Pack' }],
      node_placement: [{ policy: 'Zonal' }],
      network_configuration: { public_address_provisioning_type: 'UserManaged', public_ips: [IP] },
      security_profile: { host_encryption_enabled: true, security_type: 'trustedLaunch' },
      identity: { type: 'UserAssigned', identity_ids: [IDENTITY] },
      container_configuration: { type: 'DockerCompatible', container_image_names: ['mcr.microsoft.com/azurelinux/base/core:3.0'] },
      data_disks: [{ lun: 1, disk_size_gb: 512, caching: 'None', storage_account_type: 'Premium_LRS' }],
      start_task: {
        wait_for_success: true, task_retry_maximum: 3,
        user_identity: { auto_user: { elevation_level: 'Admin', scope: 'Pool' } },
        common_environment_properties: { DATA_DISK_WAIT_SECONDS: '300' },
        command_line: expect.stringMatching(/^\/bin\/bash -c 'set -euo pipefail; printf %s [A-Za-z0-9+/=]+ \| base64 -d \| gzip -dc \| bash -s -- 1:\/data\/scratch:ext4; echo ready'$/),
      },
    });
  });

  test('autoscale with the pending-tasks helper never kills running tasks', () => {
    const { resource, construct } = pool({ scale: PoolScale.pendingTasks({ maxNodes: 50, spot: true }) });
    const autoScale = resource().auto_scale as { formula: string; evaluation_interval: string };
    expect(autoScale.evaluation_interval).toBe('PT15M');
    expect(autoScale.formula).toContain('$TargetLowPriorityNodes = min(50, $tasks);');
    expect(autoScale.formula).toContain('$TargetDedicatedNodes = 0;');
    expect(autoScale.formula).toContain('$NodeDeallocationOption = taskcompletion;');
    expect(resource().fixed_scale).toBeUndefined();
    expect(construct.maxNodes).toBe(50);
  });

  test('Batch-managed public IPs', () => {
    expect(pool({ publicIpMode: PublicIpMode.BATCH_MANAGED }).resource().network_configuration).toMatchObject({ public_address_provisioning_type: 'BatchManaged' });
  });

  test('Windows pools encrypt OS and temporary disks', () => {
    expect(pool({ image: PoolImage.WINDOWS_SERVER_2022 }).resource().disk_encryption).toEqual([
      { disk_encryption_target: 'OsDisk' }, { disk_encryption_target: 'TemporaryDisk' },
    ]);
  });

  describe('pool replacement', () => {
    test('a setting that forces replacement gives a new pool id; scale and start-task changes do not', () => {
      const base = pool().construct.poolId;
      expect(pool({ vmSize: 'Standard_D8s_v5' }).construct.poolId).not.toBe(base);
      expect(pool({ image: PoolImage.UBUNTU_2204 }).construct.poolId).not.toBe(base);
      expect(pool({ dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data/a' }] }).construct.poolId).not.toBe(base);
      expect(pool({ taskSlotsPerNode: 2 }).construct.poolId).not.toBe(base);
      expect(pool({ scale: PoolScale.fixed({ dedicatedNodes: 9 }) }).construct.poolId).toBe(base);
      expect(pool({ startTaskCommands: ['echo hi'] }).construct.poolId).toBe(base);
      expect(pool().construct.poolId).toBe(base);
    });
  });

  describe('end of life', () => {
    test('a node agent past its end of life is an error', () => {
      expect(errorOf(() => pool({ image: PoolImage.UBUNTU_2204 }, { today: '2027-07-01' }))).toBe(
        'SimplifiedPool test/Pool: image "canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2" uses node agent "batch.node.ubuntu 22.04", whose support ended on 2027-06-30; Batch refuses new pools with it — use PoolImage.UBUNTU_2404 or another supported image',
      );
    });
  });

  test.each<[string, Partial<PoolOptions>, string]>([
    ['duplicate LUNs', { dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a' }, { lun: 0, sizeGb: 8, mountPath: '/data/b' }] },
      'dataDisks[1].lun 0 repeats dataDisks[0].lun; give each disk its own LUN'],
    ['duplicate mount paths', { dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a' }, { lun: 1, sizeGb: 8, mountPath: '/data/a/' }] },
      'dataDisks[1].mountPath "/data/a" repeats dataDisks[0].mountPath; give each disk its own mount path'],
    ['a LUN out of range', { dataDisks: [{ lun: 64, sizeGb: 8, mountPath: '/data/a' }] },
      'dataDisks[0].lun 64 is out of range; use a whole number from 0 to 63'],
    ['a size out of range', { dataDisks: [{ lun: 0, sizeGb: 40000, mountPath: '/data/a' }] },
      'dataDisks[0].sizeGb 40000 is out of range; use a whole number of GiB from 1 to 32767'],
    ['a system mount path', { dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/var' }] },
      'dataDisks[0].mountPath "/var" would hide a system directory; mount data disks at a path of their own, such as "/data/work"'],
    ['a relative mount path', { dataDisks: [{ lun: 0, sizeGb: 8, mountPath: 'data' }] },
      'dataDisks[0].mountPath "data" is not an absolute path of letters, digits, ".", "_" and "-"; use one such as "/data/work"'],
    ['a bad pool name', { name: 'my pool' },
      'name "my pool" is not a pool name; use 1-57 letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)'],
    ['task slots out of range', { taskSlotsPerNode: 0 }, 'taskSlotsPerNode 0 is out of range; use a whole number from 1 to 256 (at most 4 per vCPU)'],
    ['user-managed IPs without IPs', { publicIpMode: PublicIpMode.USER_MANAGED },
      'publicIpIds (missing) is required with PublicIpMode.USER_MANAGED; give the ids of your static public IPs (Standard SKU, same region)'],
    ['IPs without user-managed mode', { publicIpIds: [IP] },
      `publicIpIds ["${IP}"] only applies with PublicIpMode.USER_MANAGED, not NoPublicIPAddresses; remove it or change publicIpMode`],
    ['data disks on Windows', { image: PoolImage.WINDOWS_SERVER_2022, dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/data/a' }] },
      'dataDisks [0] are prepared by a bash start task, which Windows pools cannot run; use a Linux image, or prepare the disks in your own start task'],
    ['trusted launch on an image without it', { image: PoolImage.custom({ imageId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/images/gen1', nodeAgentSkuId: 'batch.node.ubuntu 24.04' }), trustedLaunch: true },
      'trustedLaunch true is not supported by image /subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/images/gen1; use a Gen2 image that supports trusted launch, or leave trustedLaunch unset'],
  ])('rejects %s', (_, options, message) => {
    expect(errorOf(() => pool(options))).toBe(`SimplifiedPool test/Pool: ${message}`);
  });

  test('rejects a container pool whose subnet overlaps Docker\'s bridge', () => {
    expect(errorOf(() => pool({ container: { runtime: ContainerRuntime.DOCKER_COMPATIBLE } }, { addressSpace: '172.16.0.0/12' }))).toBe(
      'SimplifiedPool test/Pool: container "172.16.0.0/13" runs on subnet 172.16.0.0/13, which overlaps Docker\'s default bridge 172.17.0.0/16; move the pool subnet outside it',
    );
  });

  test('rejects regions without simplified node communication', () => {
    expect(errorOf(() => pool({}, { region: 'westindia' }))).toBe(
      'SimplifiedPool test/Pool: account "westindia" is in a region without simplified compute node communication, the only mode since classic retired on 2026-03-31; deploy the pool in another region',
    );
  });
});
