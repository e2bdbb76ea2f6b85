import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Testing } from 'cdktf';
import { AzureRegion } from '../lib/catalog/azure-region';
import { Egress } from '../lib/network/egress';
import { NetworkRule } from '../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../lib/network/node-communication-rule-set';
import { Peer } from '../lib/network/peer';
import { Port } from '../lib/network/port';
import { BatchRegionStack, BatchRegionStackProps } from '../lib/region/batch-region-stack';
import { StorageNetworkAccess, StorageReplication } from '../lib/storage/paired-storage-account';
import { PoolImage } from '../lib/catalog/pool-image';
import { PoolScale } from '../lib/pool/pool-scale';
import { newApp } from './helpers';

/**
 * The azurerm 4.55.0 provider's own validation, applied by the shared checker
 * (`../shared/tools/provider-rules/check.mjs`, the provider's rules as data with their source lines)
 * through this repository's wrapper, which adds the rules of the resource types the shared data lacks
 * (`tools/provider-rules/*.json`, read from the provider source), to stacks built with options the
 * deployable app's fixtures do not all reach. Nothing here restates a provider rule: a wrong value
 * fails because the provider's rule says so. CI runs the same checker on every stack it synthesizes.
 */
const SHARED_CHECKER = process.env.PROVIDER_RULES_CHECK ?? resolve(__dirname, '..', '..', 'shared', 'tools', 'provider-rules', 'check.mjs');
const CHECKER = resolve(__dirname, '..', 'tools', 'provider-rules', 'check.mjs');
const available = existsSync(SHARED_CHECKER);
const required = process.env.CI === 'true';

const HUB = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-hub';
const base: BatchRegionStackProps = { deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16' };
const variants: Array<[string, Partial<BatchRegionStackProps>]> = [
  ['defaults with a data disk and Spot nodes, and a container pool', {
    pools: [{
      name: 'work', vmSize: 'Standard_D4s_v5', scale: PoolScale.fixed({ dedicatedNodes: 2, spotNodes: 4 }),
      dataDisks: [{ lun: 0, sizeGb: 256, mountPath: '/data/work' }],
    }, {
      name: 'containers', vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: ['mcr.microsoft.com/azurelinux/base/core:3.0'] },
      startTaskCommands: ['echo "${AZ_BATCH_NODE_ROOT_DIR}" %{if}'], interNodeCommunication: true, scale: PoolScale.fixed({ dedicatedNodes: 100 }),
    }],
    tags: { owner: '${file("/etc/hostname")}' },
  }],
  ['a container pool pulling from a private registry with a managed identity', {
    pools: [{
      name: 'acr', vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC, scale: PoolScale.fixed({ dedicatedNodes: 2 }),
      container: {
        imageNames: ['contoso.azurecr.io/render:1'],
        registries: [{ server: 'contoso.azurecr.io', identityId: `${HUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr-pull` }],
      },
    }],
    egress: Egress.natGateway(),
  }],
  ['NVMe size (v6) with data disks', {
    pools: [{
      name: 'nvme', vmSize: 'Standard_D4s_v6', scale: PoolScale.fixed({ dedicatedNodes: 2 }),
      dataDisks: [{ lun: 0, sizeGb: 256, mountPath: '/data/work' }, { lun: 1, sizeGb: 4096, mountPath: '/data/big' }],
    }],
  }],
  ['union rule set, lockdown, extra rules', {
    ruleSet: NodeCommunicationRuleSet.UNION, restrictOutbound: true,
    networkRules: [NetworkRule.denyInbound(Peer.ipv4('10.99.0.0/16'), Port.udpRange(1000, 2000), { description: 'x'.repeat(140) })],
  }],
  ['public storage and account, locks', {
    storageNetworkAccess: StorageNetworkAccess.PUBLIC, storageReplication: StorageReplication.GZRS,
    accountAllowedIpRanges: ['203.0.113.0/24'], deleteLocks: true,
  }],
  ['private storage in the China cloud', { region: AzureRegion.of('chinanorth3'), storageNetworkAccess: StorageNetworkAccess.PRIVATE }],
  ['NAT gateway egress with three zonal IPs and lockdown', { egress: Egress.natGateway({ publicIpCount: 3, idleTimeoutMinutes: 120, zone: '2' }), restrictOutbound: true }],
  ['default outbound access', { egress: Egress.defaultOutbound() }],
  ['forced tunneling to a new route table, union rule set, hub DNS under lockdown', {
    ruleSet: NodeCommunicationRuleSet.UNION, restrictOutbound: true, egress: Egress.throughHub({ nextHopIpAddress: '10.0.0.4', dnsServers: ['10.0.0.10'] }),
  }],
  ['a landing-zone VNet with the hub\'s route table and DNS zones', {
    addressSpace: undefined,
    landingZone: { virtualNetworkId: `${HUB}/providers/Microsoft.Network/virtualNetworks/vnet-spoke`, poolSubnetPrefix: '10.60.0.0/20', privateEndpointSubnetPrefix: '10.60.16.0/27' },
    egress: Egress.throughHub({ routeTableId: `${HUB}/providers/Microsoft.Network/routeTables/rt-hub` }),
    privateDnsZoneIds: { batch: `${HUB}/providers/Microsoft.Network/privateDnsZones/privatelink.batch.azure.com`, blob: `${HUB}/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net` },
  }],
  ['landing-zone subnets with their NSG', {
    addressSpace: undefined,
    landingZone: {
      subnetId: `${HUB}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pool`, addressPrefix: '10.60.0.0/20',
      networkSecurityGroupId: `${HUB}/providers/Microsoft.Network/networkSecurityGroups/nsg-pool`,
      privateEndpointSubnetId: `${HUB}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-endpoints`,
    },
    egress: Egress.natGateway(),
  }],
];

describe('the provider\'s own rules accept every stack', () => {
  if (!available && !required) {
    test.skip(`the provider-rules checker is not at ${SHARED_CHECKER} (set PROVIDER_RULES_CHECK; CI runs this test)`, () => undefined);
    return;
  }

  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'provider-rules-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test.each(variants)('%s', (name, overrides) => {
    const stack = new BatchRegionStack(newApp(), 'batch-test', { ...base, ...overrides });
    const dir = join(work, name.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'cdk.tf.json'), Testing.synth(stack, true));
    const result = spawnSync(process.execPath, [CHECKER, dir], { encoding: 'utf8' });
    // Violations (and resource types the checker has no rules for) are printed one per line.
    expect(result.stderr.trim()).toBe('');
    expect(result.stdout.trim()).toMatch(/^checked \d+ resources, 0 violations$/);
    expect(result.status).toBe(0);
  });
});
