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

  // Every variant is synthesized into a folder of its own and the checker runs once on all of them
  // (each violation or warning line names its file), so it starts once, not once per variant.
  interface Checked { readonly stdout: string; readonly stderr: string; readonly status: number | null; readonly dirs: ReadonlyMap<string, string | Error>; readonly resources: number }
  let checked: Checked | undefined;
  function checkAll(): Checked {
    if (checked) return checked;
    const dirs = new Map<string, string | Error>();
    let resources = 0;
    for (const [name, overrides] of variants) {
      try {
        const stack = new BatchRegionStack(newApp(), 'batch-test', { ...base, ...overrides });
        const json = Testing.synth(stack, true);
        const dir = join(work, name.replace(/[^a-z0-9]+/gi, '-'));
        mkdirSync(dir);
        writeFileSync(join(dir, 'cdk.tf.json'), json);
        resources += Object.values(JSON.parse(json).resource as Record<string, object>).reduce((n, bodies) => n + Object.keys(bodies).length, 0);
        dirs.set(name, dir);
      } catch (error) {
        dirs.set(name, error as Error);
      }
    }
    const written = [...dirs.values()].filter((dir): dir is string => typeof dir === 'string');
    const result = spawnSync(process.execPath, [CHECKER, ...written], { encoding: 'utf8' });
    checked = { stdout: result.stdout, stderr: result.stderr, status: result.status, dirs, resources };
    return checked;
  }

  test('the checker checks every resource of every variant, and finds nothing', () => {
    const { stdout, stderr, status, resources } = checkAll();
    // Violations (and resource types the checker has no rules for) are printed one per line.
    expect(stderr.trim()).toBe('');
    expect(stdout.trim()).toBe(`checked ${resources} resources, 0 violations`);
    expect(status).toBe(0);
  });

  test.each(variants.map(([name]) => name))('%s', (name) => {
    const { stdout, stderr, dirs } = checkAll();
    const dir = dirs.get(name)!;
    if (dir instanceof Error) throw dir;
    expect([...stdout.split('\n'), ...stderr.split('\n')].filter((line) => line.includes(`${dir}/`))).toEqual([]);
  });
});
