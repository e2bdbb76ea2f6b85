import type { TerraformStack } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchNetwork } from '../../lib/network/batch-network';
import { NetworkRule } from '../../lib/network/network-rule';
import { Peer } from '../../lib/network/peer';
import { IBatchNetwork, networkSecurityGroupNameProblems } from '../../lib/network/pool-network';
import { Port } from '../../lib/network/port';
import { batchFixture, newStack, resolved, resourcesOf, synth } from '../helpers';

const HUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network';
const eastus = AzureRegion.of('eastus');

/** Every way to get a network of pools: created, or imported with or without an NSG of its own. */
const NETWORKS: Array<[string, (stack: TerraformStack) => IBatchNetwork, boolean]> = [
  ['a created network', (stack) => new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'contoso' }), true],
  ['an imported subnet', (stack) => BatchNetwork.fromSubnetId(stack, 'Network', `${HUB}/virtualNetworks/vnet-hub/subnets/snet-batch`, { region: eastus, addressPrefix: '10.0.4.0/22' }), true],
  ['an imported subnet with its NSG', (stack) => BatchNetwork.fromSubnetId(stack, 'Network', `${HUB}/virtualNetworks/vnet-hub/subnets/snet-batch`, {
    region: eastus, addressPrefix: '10.0.4.0/22', networkSecurityGroupId: `${HUB}/networkSecurityGroups/nsg-hub`,
  }), false],
  ['subnets in an imported VNet', (stack) => BatchNetwork.fromVirtualNetworkId(stack, 'Network', `${HUB}/virtualNetworks/vnet-hub`, {
    region: eastus, resourceGroupName: 'rg', poolSubnetPrefix: '10.0.8.0/22',
  }), true],
];

describe('every network of pools (IBatchNetwork)', () => {
  test.each(NETWORKS)('%s carries the rule set on its NSG, at the first priority', (_, make) => {
    const stack = newStack();
    const network = make(stack);
    const json = synth(stack);
    expect(network.rules.map((rule) => [rule.name, rule.priority])).toEqual([['Allow-Out-BatchNodeManagement.EastUS-Any-443', 100]]);
    expect(resourcesOf(json, 'azurerm_network_security_rule').map((rule) => rule.name)).toEqual(['Allow-Out-BatchNodeManagement.EastUS-Any-443']);
  });

  test.each(NETWORKS)('%s: pools wait for the NSG association (when created here) and every rule, even rules added after the pool', (_, make, createsNsg) => {
    const fixture = batchFixture(undefined, { importNetwork: (stack) => make(stack) });
    fixture.addPool();
    const late = fixture.network.addRule(NetworkRule.allowOutbound(Peer.ipv4('10.99.0.0/16'), Port.tcp(5432)));
    const json = fixture.synth();
    const dependsOn = resourcesOf(json, 'azurerm_batch_pool')[0].depends_on as string[];
    const readiness = fixture.network.nodeReadiness.map((resource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`);
    // The rule added after the pool is among what it waits for.
    const lateAddress = Object.entries(json.resource?.azurerm_network_security_rule ?? {}).find(([, rule]) => rule.name === late.name)?.[0];
    expect(dependsOn).toContain(`azurerm_network_security_rule.${lateAddress}`);
    expect(dependsOn).toEqual(expect.arrayContaining(readiness));
    expect(readiness.some((address) => address.startsWith('azurerm_subnet_network_security_group_association.'))).toBe(createsNsg);
    expect(fixture.network.rules).toContain(late);
    expect(readiness).toHaveLength(fixture.network.rules.length + (createsNsg ? 1 : 0));
  });

  test.each(NETWORKS)('%s: the NSG is the one created here, or the one given by id', (_, make, createsNsg) => {
    const stack = newStack();
    const network = make(stack);
    if (createsNsg) {
      expect(network.networkSecurityGroup).toBeDefined();
      expect(resolved(stack, network.networkSecurityGroupId)).toMatch(/^\$\{azurerm_network_security_group\.Network_NetworkSecurityGroup_[A-F0-9]+\.id\}$/);
    } else {
      expect(network.networkSecurityGroup).toBeUndefined();
      expect(network.networkSecurityGroupId).toBe(`${HUB}/networkSecurityGroups/nsg-hub`);
      expect(resourcesOf(synth(stack), 'azurerm_network_security_group')).toEqual([]);
    }
  });
});

describe('networkSecurityGroupNameProblems', () => {
  test('a bad name is reported on the prop that gave it, a bad derived one on the stem', () => {
    expect(networkSecurityGroupNameProblems('nsg-a.', 'nsg-a.', undefined)).toEqual([{
      path: 'networkSecurityGroupName', value: 'nsg-a.',
      message: 'is not a valid network security group name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore',
    }]);
    expect(networkSecurityGroupNameProblems(`nsg-${'x'.repeat(80)}-pool`, undefined, 'x'.repeat(80))).toEqual([expect.objectContaining({ path: 'baseName', value: 'x'.repeat(80) })]);
    expect(networkSecurityGroupNameProblems('nsg-contoso-pool', undefined, 'contoso')).toEqual([]);
  });
});
