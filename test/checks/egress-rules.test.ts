import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { Route } from '@cdktf/provider-azurerm/lib/route';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { TerraformStack } from 'cdktf';
import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { poolWayOut } from '../../lib/checks/egress';
import { StackView } from '../../lib/checks/stack-view';
import { BatchNetwork, IBatchNetwork } from '../../lib/network/batch-network';
import { ContainerRegistryEndpoint } from '../../lib/network/container-registry-endpoint';
import { Egress } from '../../lib/network/egress';
import { PoolContainerOptions, PoolOptions, PublicIpMode, SimplifiedPool } from '../../lib/pool/simplified-pool';
import { BatchRegionStack, BatchRegionStackProps } from '../../lib/region/batch-region-stack';
import { newStack, synth, warningsOf } from '../helpers';
import { compliantStack, findings, Reported, WORK_POOL } from './helpers';

/**
 * The checks of a pool subnet's way out: poolWayOut, BATCH-015 (container images without a path to their
 * registry), BATCH-017 (start tasks that download without a way out), and the [EGRESS] warning of an
 * imported subnet the library cannot see into.
 */

const eastus = AzureRegion.of('eastus');
const SUBSCRIPTION = '/subscriptions/5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f';
const registryId = (name: string) => `${SUBSCRIPTION}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/${name}`;
const ACR_PULL = `${SUBSCRIPTION}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr-pull`;
const VNET_ID = `${SUBSCRIPTION}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke`;
const SUBNET_ID = `${VNET_ID}/subnets/snet-batch`;
const ENDPOINT_SUBNET_ID = `${VNET_ID}/subnets/snet-endpoints`;
const HUB_ROUTE_TABLE = `${SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-hub`;
const NAT_GATEWAY_ID = `${SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/natGateways/ng-hub`;
const ACCOUNT_ID = `${SUBSCRIPTION}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchcontoso`;
const PUBLIC_IP_ID = `${SUBSCRIPTION}/resourceGroups/rg-ips/providers/Microsoft.Network/publicIPAddresses/pip-batch-1`;
/** The compliant stack's pool subnet. */
const POOL_SUBNET = 'snet-contoso-eastus-pool';
const NO_WAY_OUT = 'has no way out (no default outbound access, NAT gateway or route to a firewall)';

/** A container pool `web` (the compliant work pool's settings, an image that runs containers). */
const webPool = (container: PoolContainerOptions, extra: Partial<PoolOptions> = {}): PoolOptions => ({ ...WORK_POOL, name: 'web', image: PoolImage.UBUNTU_2404_HPC, container, ...extra });

/** The compliant work pool with `startTaskCommands`. */
const startingPool = (...startTaskCommands: string[]): PoolOptions => ({ ...WORK_POOL, startTaskCommands });

/** The findings of rule `id` on a compliant stack with `overrides`. */
function reported(id: string, overrides: Partial<BatchRegionStackProps>): Reported[] {
  return findings(compliantStack(overrides)).filter((finding) => finding.id === id);
}

/** Egress choices that give the pool subnet a way out, and what poolWayOut calls it. */
const WAYS_OUT: Array<{ label: string; egress: Egress; way: string }> = [
  { label: 'Egress.natGateway()', egress: Egress.natGateway(), way: 'NAT gateway' },
  { label: 'Egress.defaultOutbound()', egress: Egress.defaultOutbound(), way: 'default outbound access' },
  { label: 'Egress.throughHub({ nextHopIpAddress })', egress: Egress.throughHub({ nextHopIpAddress: '10.0.1.4' }), way: 'route table rt-contoso-eastus-pool' },
  { label: 'Egress.throughHub({ routeTableId })', egress: Egress.throughHub({ routeTableId: HUB_ROUTE_TABLE }), way: 'route table rt-hub' },
];

/** Pool options that give nodes public IPs of their own, a way out of any subnet. */
const PUBLIC_IPS: Array<{ label: string; ips: Partial<PoolOptions> }> = [
  { label: 'PublicIpMode.BATCH_MANAGED', ips: { publicIpMode: PublicIpMode.BATCH_MANAGED } },
  { label: 'PublicIpMode.USER_MANAGED', ips: { publicIpMode: PublicIpMode.USER_MANAGED, publicIpIds: [PUBLIC_IP_ID] } },
];

/** A landing-zone subnet of the region (imported: the stack does not show its way out). */
const landingZone: Partial<BatchRegionStackProps> = {
  addressSpace: undefined,
  landingZone: { subnetId: SUBNET_ID, addressPrefix: '10.50.0.0/22', privateEndpointSubnetId: ENDPOINT_SUBNET_ID, privateEndpointSubnetPrefix: '10.50.8.0/27' },
};

/** poolWayOut of the one pool of `stack`. */
function wayOut(stack: TerraformStack) {
  const view = StackView.of(stack);
  const pools = view.ofType('azurerm_batch_pool');
  if (pools.length !== 1) throw new Error(`expected one pool, found ${pools.length}`);
  return poolWayOut(view, pools[0]);
}

/** The compliant stack's network (created by the region). */
function networkOf(stack: BatchRegionStack): BatchNetwork {
  const network = stack.batchRegion.network;
  if (!(network instanceof BatchNetwork)) throw new Error('the compliant stack creates its network');
  return network;
}

/** Every construct of `type` in `stack`. */
function all<T>(stack: TerraformStack, type: new (...args: any[]) => T): T[] {
  return stack.node.findAll().filter((node): node is T & typeof node => node instanceof type) as T[];
}

describe('poolWayOut', () => {
  test('the default private pool subnet: known, no way out', () => {
    expect(wayOut(compliantStack())).toEqual({ subnet: POOL_SUBNET, known: true });
  });

  test.each(WAYS_OUT)('$label: the way out is "$way"', ({ egress, way }) => {
    expect(wayOut(compliantStack({ egress }))).toEqual({ subnet: POOL_SUBNET, wayOut: way, known: true });
  });

  test('an imported subnet: its id, and not known, unless something in the stack associates a way out with it', () => {
    expect(wayOut(compliantStack(landingZone))).toEqual({ subnet: SUBNET_ID, known: false });
    expect(wayOut(compliantStack({ ...landingZone, egress: Egress.natGateway() }))).toEqual({ subnet: SUBNET_ID, wayOut: 'NAT gateway', known: true });
    // The hub's table is taken to serve the imported subnet already: nothing in the stack shows it.
    expect(wayOut(compliantStack({ ...landingZone, egress: Egress.throughHub({ routeTableId: HUB_ROUTE_TABLE }) }))).toEqual({ subnet: SUBNET_ID, known: false });
  });

  test('a route table without a default route, or one whose default route drops traffic, is no way out', () => {
    const narrow = compliantStack({ egress: Egress.throughHub({ nextHopIpAddress: '10.0.1.4' }) });
    all(narrow, Route).forEach((route) => route.addOverride('address_prefix', '10.0.0.0/8'));
    expect(wayOut(narrow)).toEqual({ subnet: POOL_SUBNET, known: true });
    const dropped = compliantStack({ egress: Egress.throughHub({ nextHopIpAddress: '10.0.1.4' }) });
    all(dropped, Route).forEach((route) => {
      route.addOverride('next_hop_type', 'None');
      route.addOverride('next_hop_in_ip_address', null);
    });
    expect(wayOut(dropped)).toEqual({ subnet: POOL_SUBNET, known: true });
  });

  test('ways out built by hand count: a NAT gateway association, a route table with an inline default route', () => {
    const nat = compliantStack();
    new SubnetNatGatewayAssociation(nat, 'Nat', { subnetId: networkOf(nat).subnetId, natGatewayId: NAT_GATEWAY_ID });
    expect(wayOut(nat)).toEqual({ subnet: POOL_SUBNET, wayOut: 'NAT gateway', known: true });
    const routed = compliantStack();
    const table = new RouteTable(routed, 'Table', {
      name: 'rt-firewall', location: 'eastus', resourceGroupName: 'rg-hub',
      route: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopInIpAddress: '10.0.1.4' }],
    });
    new SubnetRouteTableAssociation(routed, 'TableAssociation', { subnetId: networkOf(routed).subnetId, routeTableId: table.id });
    expect(wayOut(routed)).toEqual({ subnet: POOL_SUBNET, wayOut: 'route table rt-firewall', known: true });
  });
});

describe('poolWayOut: nodes with public IPs of their own', () => {
  test.each(PUBLIC_IPS)('$label in the default private subnet: the way out is "node public IPs"', ({ ips }) => {
    expect(wayOut(compliantStack({ pools: [{ ...WORK_POOL, ...ips }] }))).toEqual({ subnet: POOL_SUBNET, wayOut: 'node public IPs', known: true });
  });

  test.each(PUBLIC_IPS)('$label in an imported subnet: known, though the stack shows nothing of the subnet', ({ ips }) => {
    expect(wayOut(compliantStack({ ...landingZone, pools: [{ ...WORK_POOL, ...ips }] }))).toEqual({ subnet: SUBNET_ID, wayOut: 'node public IPs', known: true });
  });

  test('they count before the subnet\'s own way out', () => {
    expect(wayOut(compliantStack({ egress: Egress.natGateway(), pools: [{ ...WORK_POOL, publicIpMode: PublicIpMode.BATCH_MANAGED }] })))
      .toEqual({ subnet: POOL_SUBNET, wayOut: 'node public IPs', known: true });
  });

  test('PublicIpMode.NONE, written out, is no way out', () => {
    expect(wayOut(compliantStack({ pools: [{ ...WORK_POOL, publicIpMode: PublicIpMode.NONE }] }))).toEqual({ subnet: POOL_SUBNET, known: true });
  });
});

describe('BATCH-015: container pools can reach their registry', () => {
  const IMAGE = 'contosoacr.azurecr.io/render:1';
  const MCR = 'mcr.microsoft.com/azurelinux/base/core:3.0';

  test('warns for a container pool in the default private subnet, naming the images and the subnet', () => {
    expect(reported('BATCH-015', { pools: [webPool({ imageNames: [IMAGE, MCR] })] })).toEqual([{
      id: 'BATCH-015', severity: 'warning', address: expect.stringMatching(/^azurerm_batch_pool\.Region_Pool-web_[A-F0-9]+$/),
      message: `pulls ${IMAGE}, ${MCR} at node start, but its subnet ${POOL_SUBNET} ${NO_WAY_OUT} and no registry private endpoint serves them`,
    }]);
  });

  test.each(WAYS_OUT)('quiet with $label', ({ egress }) => {
    expect(reported('BATCH-015', { egress, pools: [webPool({ imageNames: [IMAGE, MCR] })] })).toEqual([]);
  });

  test.each(PUBLIC_IPS)('quiet for a pool whose nodes have public IPs ($label)', ({ ips }) => {
    expect(reported('BATCH-015', { pools: [webPool({ imageNames: [IMAGE, MCR] }, ips)] })).toEqual([]);
  });

  test('quiet when a registry private endpoint in the stack serves the image\'s registry', () => {
    expect(reported('BATCH-015', { containerRegistryIds: [registryId('contosoacr')], pools: [webPool({ imageNames: [IMAGE] })] })).toEqual([]);
    // Registry names and login servers compare case-insensitively.
    expect(reported('BATCH-015', { containerRegistryIds: [registryId('ContosoAcr')], pools: [webPool({ imageNames: ['CONTOSOACR.azurecr.io/render:1'] })] })).toEqual([]);
  });

  test('still warns for the images of other registries in the same pool, naming only those', () => {
    expect(reported('BATCH-015', {
      containerRegistryIds: [registryId('contosoacr')], pools: [webPool({ imageNames: [IMAGE, MCR, 'ubuntu:24.04', 'fabrikamacr.azurecr.io/tool:2'] })],
    }).map((finding) => finding.message)).toEqual([
      `pulls ${MCR}, ubuntu:24.04, fabrikamacr.azurecr.io/tool:2 at node start, but its subnet ${POOL_SUBNET} ${NO_WAY_OUT} and no registry private endpoint serves them`,
    ]);
    expect(reported('BATCH-015', { containerRegistryIds: [registryId('contosoacr')], pools: [webPool({ imageNames: [IMAGE, MCR] })] }).map((finding) => finding.message))
      .toEqual([`pulls ${MCR} at node start, but its subnet ${POOL_SUBNET} ${NO_WAY_OUT} and no registry private endpoint serves it`]);
  });

  test('a registry login (container.registries) is no path to the registry: the endpoint is', () => {
    expect(reported('BATCH-015', { pools: [webPool({ imageNames: [IMAGE], registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }] })] })
      .map((finding) => finding.message)).toEqual([`pulls ${IMAGE} at node start, but its subnet ${POOL_SUBNET} ${NO_WAY_OUT} and no registry private endpoint serves it`]);
  });

  test('quiet for a pool in an imported subnet, whose way out the stack does not show (the network warns instead)', () => {
    expect(reported('BATCH-015', { ...landingZone, pools: [webPool({ imageNames: [IMAGE, MCR] })] })).toEqual([]);
  });

  test('quiet for a container pool without images to pre-fetch, and for pools without containers', () => {
    expect(reported('BATCH-015', { pools: [webPool({}), WORK_POOL] })).toEqual([]);
  });
});

describe('BATCH-017: start tasks that download can reach the Internet', () => {
  const message = (command: string) => `start task runs ${command}, but its subnet ${POOL_SUBNET} ${NO_WAY_OUT}`;

  // Each command becomes one single-quoted argument of the start task's bash line, so it follows a quote.
  test.each([
    ['apt-get install -y jq', 'apt-get'],
    ['apt install -y jq', 'apt'],
    ['curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz', 'curl'],
    ['wget -q https://example.com/tool.tar.gz', 'wget'],
    ['pip install numpy', 'pip'],
    ['python3 -m pip install numpy', 'pip'],
    ['git clone https://github.com/contoso/tools /opt/tools', 'git clone'],
    ['mkdir -p /opt/tools && git clone https://github.com/contoso/tools /opt/tools', 'git clone'],
    ['cd /tmp&&curl -O https://example.com/x', 'curl'],
    ['bash -c "apt-get update"', 'apt-get'],
    ['echo "$(curl -s https://example.com/version)"', 'curl'],
    ['sudo dnf install -y jq', 'dnf'],
    ['docker pull mcr.microsoft.com/azurelinux/base/core:3.0', 'docker pull'],
  ])('warns for %j, naming %s', (command, fetch) => {
    expect(reported('BATCH-017', { pools: [startingPool(command)] })).toEqual([{
      id: 'BATCH-017', severity: 'warning', address: expect.stringMatching(/^azurerm_batch_pool\.Region_Pool-work_[A-F0-9]+$/), message: message(fetch),
    }]);
  });

  test('names the first download of several commands', () => {
    expect(reported('BATCH-017', { pools: [startingPool('echo start', 'pip install numpy', 'curl -O https://example.com/x')] }).map((finding) => finding.message))
      .toEqual([message('pip')]);
  });

  // The rule matches a known command word standing as a word: preceded by the start, a space, ; & | ( ` ' or ",
  // and followed by a space or the end. A command ending in the word ("echo apt") is quiet only because the
  // quote that closes it in the start task's command line follows the word.
  test.each([
    'echo apt',
    'echo aptitude',
    'cat /etc/apt/sources.list',
    'echo "pipeline ready" > /tmp/ready',
    'mkdir -p /opt/wget-cache /opt/curl-cache',
    'git status',
    'ls -l /mnt',
    'export PIP_NO_INPUT=1',
  ])('quiet for %j, which downloads nothing', (command) => {
    expect(reported('BATCH-017', { pools: [startingPool(command)] })).toEqual([]);
  });

  test('a heuristic: a command word as an argument followed by more text reads as the command', () => {
    expect(reported('BATCH-017', { pools: [startingPool('echo use apt or yum')] }).map((finding) => finding.message)).toEqual([message('apt')]);
  });

  test('a download by the command\'s full path is reported as the bare command is', () => {
    expect(reported('BATCH-017', { pools: [startingPool('/usr/bin/curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz')] }).map((finding) => finding.message))
      .toEqual([message('curl')]);
  });

  test('quiet for the library\'s own data-disk step and for pools without a start task', () => {
    expect(reported('BATCH-017', { pools: [WORK_POOL, { name: 'bare', vmSize: 'Standard_D4s_v5' }] })).toEqual([]);
  });

  test.each(WAYS_OUT)('quiet with $label', ({ egress }) => {
    expect(reported('BATCH-017', { egress, pools: [startingPool('apt-get install -y jq')] })).toEqual([]);
  });

  test.each(PUBLIC_IPS)('quiet for a pool whose nodes have public IPs ($label)', ({ ips }) => {
    expect(reported('BATCH-017', { pools: [{ ...startingPool('apt-get install -y jq'), ...ips }] })).toEqual([]);
  });

  test('a pool with public IPs beside one without: only the one without is reported', () => {
    expect(reported('BATCH-017', {
      pools: [{ ...startingPool('apt-get install -y jq'), name: 'open', publicIpMode: PublicIpMode.BATCH_MANAGED }, startingPool('apt-get install -y jq')],
    })).toEqual([{ id: 'BATCH-017', severity: 'warning', address: expect.stringMatching(/^azurerm_batch_pool\.Region_Pool-work_[A-F0-9]+$/), message: message('apt-get') }]);
  });

  test('quiet in an imported subnet, whose way out the stack does not show', () => {
    expect(reported('BATCH-017', { ...landingZone, pools: [startingPool('apt-get install -y jq')] })).toEqual([]);
  });
});

describe('[EGRESS] an imported subnet declared with Egress.none() and its container pools', () => {
  /** An imported subnet (Egress.none()) with its endpoint subnet. */
  function imported(stack: TerraformStack): IBatchNetwork {
    return BatchNetwork.fromSubnetId(stack, 'Network', SUBNET_ID, {
      region: eastus, addressPrefix: '10.50.4.0/22', privateEndpointSubnetId: ENDPOINT_SUBNET_ID, privateEndpointSubnetPrefix: '10.50.8.0/27', baseName: 'contoso',
    });
  }

  /** Container pools (id `Pool-<name>`) of an account that exists, in `network`. */
  function pools(network: IBatchNetwork, containers: Record<string, PoolContainerOptions>): void {
    const stack = TerraformStack.of(network);
    const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: eastus });
    for (const [name, container] of Object.entries(containers)) {
      new SimplifiedPool(stack, `Pool-${name}`, { account, network, name, vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC, container });
    }
  }

  /** A registry endpoint for `name` in `network`. */
  const endpointFor = (network: IBatchNetwork, name: string) => new ContainerRegistryEndpoint(TerraformStack.of(network), `Registry-${name}`, {
    network, registryId: registryId(name), resourceGroupName: 'rg-batch',
  });

  /** The [EGRESS] warnings of the synthesized stack. */
  function egressWarnings(stack: TerraformStack): string[] {
    synth(stack);
    // The pool's own warning that it sees no nodeManagement endpoint of its imported account is pool-egress.test.ts's.
    return warningsOf(stack).filter((warning) => warning.startsWith('[EGRESS]') && !warning.startsWith('[EGRESS] the network has no way out (Egress.none())'));
  }

  const warning = (pools: string) => `[EGRESS] ${pools} images at node start, but the imported subnet is declared with Egress.none() and the library cannot see another way out; ` +
    'declare the egress it has (Egress.natGateway(), Egress.throughHub(...), Egress.defaultOutbound()) or reach the registry through a private endpoint';

  test('quiet when a registry endpoint in the network serves every registry of the pool: its images\' and its logins\'', () => {
    const stack = newStack();
    const network = imported(stack);
    endpointFor(network, 'contosoacr');
    endpointFor(network, 'fabrikamacr');
    pools(network, {
      images: { imageNames: ['contosoacr.azurecr.io/render:1', 'ContosoAcr.azurecr.io/tool:2'] },
      logins: { registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }, { server: 'FabrikamAcr.azurecr.io', identityId: ACR_PULL }] },
      both: { imageNames: ['fabrikamacr.azurecr.io/sim:3'], registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }] },
    });
    expect(egressWarnings(stack)).toEqual([]);
  });

  test('the endpoint may come after the pools: the check runs on the complete tree', () => {
    const stack = newStack();
    const network = imported(stack);
    pools(network, { images: { imageNames: ['contosoacr.azurecr.io/render:1'] } });
    endpointFor(network, 'contosoacr');
    expect(egressWarnings(stack)).toEqual([]);
  });

  test('names only the pools with a registry no endpoint serves', () => {
    const stack = newStack();
    const network = imported(stack);
    endpointFor(network, 'contosoacr');
    pools(network, {
      served: { imageNames: ['contosoacr.azurecr.io/render:1'] },
      mixed: { imageNames: ['contosoacr.azurecr.io/render:1', 'mcr.microsoft.com/azurelinux/base/core:3.0'] },
      login: { registries: [{ server: 'fabrikamacr.azurecr.io', identityId: ACR_PULL }] },
    });
    expect(egressWarnings(stack)).toEqual([warning('container pools Pool-mixed, Pool-login pull')]);
  });

  test('an endpoint of another registry serves nothing of the pool\'s', () => {
    const stack = newStack();
    const network = imported(stack);
    endpointFor(network, 'fabrikamacr');
    pools(network, { images: { imageNames: ['contosoacr.azurecr.io/render:1'] } });
    expect(egressWarnings(stack)).toEqual([warning('container pool Pool-images pulls')]);
  });

  test('an endpoint in another network serves nothing in this one', () => {
    const stack = newStack();
    const network = imported(stack);
    endpointFor(new BatchNetwork(stack, 'Other', { region: eastus, resourceGroupName: 'rg-batch', addressSpace: '10.20.0.0/16', baseName: 'other' }), 'contosoacr');
    pools(network, { images: { imageNames: ['contosoacr.azurecr.io/render:1'] } });
    expect(egressWarnings(stack)).toEqual([warning('container pool Pool-images pulls')]);
  });

  test('in a BatchRegion on a landing-zone subnet: its containerRegistryIds serve its pools', () => {
    const served = compliantStack({ ...landingZone, containerRegistryIds: [registryId('contosoacr')], pools: [webPool({ imageNames: ['contosoacr.azurecr.io/render:1'] })] });
    expect(egressWarnings(served)).toEqual([]);
    const unserved = compliantStack({ ...landingZone, pools: [webPool({ imageNames: ['contosoacr.azurecr.io/render:1'] })] });
    expect(egressWarnings(unserved)).toEqual([warning('container pool Pool-web pulls')]);
  });
});
