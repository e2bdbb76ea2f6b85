import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { block, isExpression, list, StackView } from '../../lib/checks/stack-view';
import { App } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeploymentConfig } from '../../stacks/config';
import { buildDeployment } from '../../stacks/deployment';
import { batchFixture, newStack, synth } from '../helpers';

/** A fixture with one pool, its view and its synthesized JSON. */
function viewed() {
  const fixture = batchFixture();
  const pool = fixture.addPool();
  return { fixture, pool, view: StackView.of(fixture.stack), json: fixture.synth() };
}

describe('StackView.of', () => {
  test('holds every resource the stack synthesizes, under its Terraform address, with the synthesized attributes', () => {
    const { view, json } = viewed();
    const synthesized = Object.entries(json.resource ?? {}).flatMap(([type, bodies]) => Object.entries(bodies).map(([logicalId, body]) => {
      const attributes = { ...body };
      delete attributes['//'];
      return { type, address: `${type}.${logicalId}`, attributes };
    }));
    expect(view.resources.map(({ type, address, attributes }) => ({ type, address, attributes }))).toEqual(expect.arrayContaining(synthesized));
    expect(view.resources).toHaveLength(synthesized.length);
  });

  test('sees overrides, as synth writes them', () => {
    const { pool, fixture } = viewed();
    pool.resource.addOverride('fixed_scale.target_dedicated_nodes', 7);
    const [view] = StackView.of(fixture.stack).ofType('azurerm_batch_pool');
    expect(block(view.attributes.fixed_scale)?.target_dedicated_nodes).toBe(7);
    expect(view.construct).toBe(pool.resource);
  });

  test('leaves out data sources and providers', () => {
    const stack = newStack();
    new DataAzurermClientConfig(stack, 'Current');
    expect(StackView.of(stack).resources).toEqual([]);
  });
});

describe('StackView.fromSynthesized', () => {
  /** Every region stack of a config file, synthesized by the app's own code into a fresh folder. */
  function synthesizedStacks(file: string) {
    const outdir = mkdtempSync(join(tmpdir(), 'stack-view-'));
    const app = new App({ outdir, skipValidation: true });
    const built = buildDeployment(app, readDeploymentConfig(JSON.parse(readFileSync(file, 'utf8')), file), { deferBestPractices: true });
    expect(built.problems).toEqual([]);
    app.synth();
    const stacks = built.stacks.map((stack) => ({ stack, json: JSON.parse(readFileSync(join(outdir, app.manifest.forStack(stack).synthesizedStackPath), 'utf8')) }));
    rmSync(outdir, { recursive: true, force: true });
    return stacks;
  }
  const shape = (view: StackView) => view.resources.map(({ type, address, attributes, construct }) => ({ type, address, attributes, path: construct.node.path }));

  test.each(['full.json', 'union-three-regions.json', 'us-government.json', 'landing-zone.json'])('holds, from the cdk.tf.json of test/fixtures/%s, the very view resolving the tree gives', (fixture) => {
    const stacks = synthesizedStacks(join(__dirname, '..', 'fixtures', fixture));
    expect(stacks.length).toBeGreaterThan(0);
    for (const { stack, json } of stacks) {
      const fromJson = StackView.fromSynthesized(stack, json);
      expect(fromJson.resources.length).toBeGreaterThan(20);
      expect(shape(fromJson)).toEqual(shape(StackView.of(stack)));
    }
  });
});

describe('StackView lookups', () => {
  test('ofType lists the resources of one type', () => {
    const { view, json } = viewed();
    expect(view.ofType('azurerm_subnet').map((subnet) => subnet.address).sort()).toEqual(Object.keys(json.resource?.azurerm_subnet ?? {}).map((id) => `azurerm_subnet.${id}`).sort());
    expect(view.ofType('azurerm_kubernetes_cluster')).toEqual([]);
  });

  test('target follows a reference to the resource of the expected type', () => {
    const { view } = viewed();
    const [pool] = view.ofType('azurerm_batch_pool');
    const account = view.target(pool.attributes.account_name, 'azurerm_batch_account');
    expect(account?.type).toBe('azurerm_batch_account');
    expect(pool.attributes.account_name).toBe(`\${${account?.address}.name}`);
    const subnet = view.target(block(pool.attributes.network_configuration)?.subnet_id, 'azurerm_subnet');
    expect(subnet?.attributes.name).toBe('snet-contoso-pool');
    // The same reference asked for another type points at nothing.
    expect(view.target(pool.attributes.account_name, 'azurerm_storage_account')).toBeUndefined();
  });

  test('target finds a resource of this stack by its literal name or ARM id, and nothing for values it cannot follow', () => {
    const { view } = viewed();
    const id = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-contoso/subnets/snet-contoso-pool';
    expect(view.target(id, 'azurerm_subnet')?.attributes.name).toBe('snet-contoso-pool');
    expect(view.target('snet-contoso-pool', 'azurerm_subnet')?.attributes.name).toBe('snet-contoso-pool');
    expect(view.target('snet-elsewhere', 'azurerm_subnet')).toBeUndefined();
    expect(view.target('${data.azurerm_subnet.hub.id}', 'azurerm_subnet')).toBeUndefined();
    expect(view.target('${azurerm_subnet.NotInThisStack.id}', 'azurerm_subnet')).toBeUndefined();
    expect(view.target(undefined, 'azurerm_subnet')).toBeUndefined();
    expect(view.target(42, 'azurerm_subnet')).toBeUndefined();
  });

  test('pointingAt finds the resources whose attribute refers to a target', () => {
    const { view } = viewed();
    const subnet = view.ofType('azurerm_subnet').find((candidate) => candidate.attributes.name === 'snet-contoso-pool')!;
    const associations = view.pointingAt(subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id');
    expect(associations).toHaveLength(1);
    expect(view.target(associations[0].attributes.network_security_group_id, 'azurerm_network_security_group')?.attributes.name).toBe('nsg-contoso-pool');
    const [account] = view.ofType('azurerm_batch_account');
    expect(view.pointingAt(account, 'azurerm_batch_pool', 'account_name')).toEqual(view.ofType('azurerm_batch_pool'));
    expect(view.pointingAt(account, 'azurerm_subnet', 'virtual_network_name')).toEqual([]);
  });

  /**
   * Two VNets of one stack, each with a subnet called `default` (Azure's own default name), and two NSGs
   * called `nsg` in different resource groups, referred to by literal name as raw deployments do.
   */
  function twoOfEach() {
    const stack = newStack();
    for (const [id, group] of [['A', 'rg-a'], ['B', 'rg-b']]) {
      new VirtualNetwork(stack, `Vnet${id}`, { name: `vnet-${id.toLowerCase()}`, resourceGroupName: group, location: 'eastus', addressSpace: [id === 'A' ? '10.1.0.0/16' : '10.2.0.0/16'] });
      new Subnet(stack, `Subnet${id}`, { name: 'default', resourceGroupName: group, virtualNetworkName: `vnet-${id.toLowerCase()}`, addressPrefixes: [id === 'A' ? '10.1.0.0/24' : '10.2.0.0/24'] });
      new NetworkSecurityGroup(stack, `Nsg${id}`, { name: 'nsg', resourceGroupName: group, location: 'eastus' });
      new NetworkSecurityRule(stack, `Rule${id}`, {
        name: `rule-${id}`, resourceGroupName: group, networkSecurityGroupName: 'nsg', priority: 100, direction: 'Outbound', access: 'Allow',
        protocol: '*', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: '*', destinationAddressPrefix: 'AzureCloud',
      });
    }
    synth(stack);
    return StackView.of(stack);
  }

  // A literal ARM id names its resource group and VNet, and the match uses them: rules that follow a
  // pool's literal subnet id (BATCH-003, BATCH-007, SEC-008, ...) judge that subnet's NSG, not a namesake's.
  test('target resolves a literal subnet id to the subnet of the VNet it names', () => {
    const view = twoOfEach();
    const id = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-b/providers/Microsoft.Network/virtualNetworks/vnet-b/subnets/default';
    expect(view.target(id, 'azurerm_subnet')?.address).toBe(view.ofType('azurerm_subnet').find((subnet) => subnet.attributes.virtual_network_name === 'vnet-b')?.address);
  });

  // An NSG rule's `network_security_group_name` is unique only together with its `resource_group_name`.
  test('a rule given by literal NSG name belongs to the NSG of its own resource group', () => {
    const view = twoOfEach();
    const ruleB = view.ofType('azurerm_network_security_rule').find((rule) => rule.attributes.name === 'rule-B')!;
    expect(view.target(ruleB.attributes.network_security_group_name, 'azurerm_network_security_group', { resourceGroupName: ruleB.attributes.resource_group_name })
      ?.attributes.resource_group_name).toBe('rg-b');
  });
});

describe('block values', () => {
  test('list takes a block as synthesized, object or list, and nothing as empty', () => {
    expect(list({ a: 1 })).toEqual([{ a: 1 }]);
    expect(list([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(list(undefined)).toEqual([]);
    expect(list(null)).toEqual([]);
  });

  test('block is the first block, or undefined', () => {
    expect(block([{ a: 1 }, { a: 2 }])).toEqual({ a: 1 });
    expect(block({ a: 1 })).toEqual({ a: 1 });
    expect(block([])).toBeUndefined();
  });

  test('isExpression tells values known only at apply time', () => {
    const { view } = viewed();
    const [pool] = view.ofType('azurerm_batch_pool');
    expect(isExpression(pool.attributes.account_name)).toBe(true);
    expect(isExpression(pool.attributes.vm_size)).toBe(false);
    expect(isExpression(443)).toBe(false);
  });
});
