import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import type { TerraformStack } from 'cdktf';
import { nsgRules, openRules } from '../../lib/checks/nsg';
import { StackView } from '../../lib/checks/stack-view';
import { batchFixture, newStack } from '../helpers';

type RuleProps = Pick<NetworkSecurityRuleConfig, 'direction' | 'access' | 'sourceAddressPrefix' | 'sourceAddressPrefixes' | 'destinationAddressPrefix' | 'destinationAddressPrefixes'>;

/** A separate rule resource of `nsg`, by reference. */
function rule(stack: TerraformStack, nsg: NetworkSecurityGroup, name: string, props: RuleProps, priority: number): NetworkSecurityRule {
  return new NetworkSecurityRule(stack, name, {
    name, resourceGroupName: 'rg', networkSecurityGroupName: nsg.name, priority, protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '22',
    ...(props.sourceAddressPrefixes ? {} : { sourceAddressPrefix: props.sourceAddressPrefix ?? '10.0.0.0/8' }),
    ...(props.destinationAddressPrefixes ? {} : { destinationAddressPrefix: props.destinationAddressPrefix ?? '*' }),
    ...props,
  });
}

/** An NSG with inline rules and separate ones, some open to anywhere, and a second NSG. */
function stackWithRules() {
  const stack = newStack();
  const nsg = new NetworkSecurityGroup(stack, 'Nsg', {
    name: 'nsg', resourceGroupName: 'rg', location: 'eastus',
    securityRule: [{
      name: 'inline-ssh-internet', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
      sourcePortRange: '*', destinationPortRange: '22', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*',
    }, {
      name: 'inline-egress-vnet', priority: 110, direction: 'Outbound', access: 'Allow', protocol: '*',
      sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: 'VirtualNetwork',
    }],
  });
  const other = new NetworkSecurityGroup(stack, 'Other', { name: 'nsg-other', resourceGroupName: 'rg', location: 'eastus' });
  rule(stack, nsg, 'in-any', { direction: 'Inbound', access: 'Allow', sourceAddressPrefix: '*' }, 200);
  rule(stack, nsg, 'in-zero', { direction: 'Inbound', access: 'Allow', sourceAddressPrefixes: ['10.0.0.0/8', '0.0.0.0/0'] }, 210);
  rule(stack, nsg, 'in-deny-internet', { direction: 'Inbound', access: 'Deny', sourceAddressPrefix: 'Internet' }, 220);
  rule(stack, nsg, 'in-office', { direction: 'Inbound', access: 'Allow', sourceAddressPrefix: '203.0.113.0/24' }, 230);
  rule(stack, nsg, 'out-internet', { direction: 'Outbound', access: 'Allow', destinationAddressPrefix: 'Internet' }, 240);
  rule(stack, other, 'other-out-any', { direction: 'Outbound', access: 'Allow', destinationAddressPrefix: '*' }, 100);
  return StackView.of(stack);
}

describe('nsgRules', () => {
  test('an NSG\'s rules are its separate rule resources and its inline blocks, and no other NSG\'s', () => {
    const view = stackWithRules();
    const [nsg, other] = ['nsg', 'nsg-other'].map((name) => view.ofType('azurerm_network_security_group').find((candidate) => candidate.attributes.name === name)!);
    expect(nsgRules(view, nsg).map((found) => found.name).sort()).toEqual([
      'in-any', 'in-deny-internet', 'in-office', 'in-zero', 'inline-egress-vnet', 'inline-ssh-internet', 'out-internet',
    ]);
    expect(nsgRules(view, other).map((found) => found.name)).toEqual(['other-out-any']);
  });

  // Two NSGs called `nsg` in different resource groups each keep their own rules (BATCH-003 reads them).
  test('rules naming their NSG literally belong to the NSG of their own resource group', () => {
    const stack = newStack();
    const nsgs = ['rg-a', 'rg-b'].map((group) => new NetworkSecurityGroup(stack, `Nsg-${group}`, { name: 'nsg', resourceGroupName: group, location: 'eastus' }));
    ['rg-a', 'rg-b'].forEach((group, i) => new NetworkSecurityRule(stack, `Rule-${group}`, {
      name: `rule-${group}`, resourceGroupName: group, networkSecurityGroupName: 'nsg', priority: 100 + i, direction: 'Outbound', access: 'Allow',
      protocol: '*', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: '*', destinationAddressPrefix: 'BatchNodeManagement.EastUS',
    }));
    const view = StackView.of(stack);
    const [a, b] = nsgs.map((nsg) => view.ofType('azurerm_network_security_group').find((candidate) => candidate.construct === nsg)!);
    expect([nsgRules(view, a).map((found) => found.name), nsgRules(view, b).map((found) => found.name)]).toEqual([['rule-rg-a'], ['rule-rg-b']]);
  });

  test('the library\'s own NSG carries the rule set\'s rules as separate resources', () => {
    const fixture = batchFixture();
    const view = StackView.of(fixture.stack);
    const [nsg] = view.ofType('azurerm_network_security_group');
    expect(nsgRules(view, nsg).map((found) => [found.direction, found.protocol, found.destination_port_range, found.destination_address_prefix])).toEqual([
      ['Outbound', '*', '443', 'BatchNodeManagement.EastUS'],
    ]);
  });
});

describe('openRules', () => {
  test('inbound: allow rules from anywhere, by a single prefix or in a list, inline or separate; not denies, not named ranges', () => {
    const open = openRules(stackWithRules(), 'Inbound').map((found) => found.name).sort();
    expect(open).toEqual(['in-any', 'in-zero', 'inline-ssh-internet']);
  });

  test('outbound: allow rules to anywhere, whichever NSG they belong to', () => {
    const open = openRules(stackWithRules(), 'Outbound').map((found) => found.name).sort();
    expect(open).toEqual(['other-out-any', 'out-internet']);
  });

  test('a rule is reported on the resource that holds it: the rule, or the NSG for an inline block', () => {
    const open = openRules(stackWithRules(), 'Inbound');
    expect(open.find((found) => found.name === 'inline-ssh-internet')?.resource.type).toBe('azurerm_network_security_group');
    expect(open.find((found) => found.name === 'in-any')?.resource.type).toBe('azurerm_network_security_rule');
  });

  test('the library\'s defaults open nothing to anywhere, in either direction', () => {
    const fixture = batchFixture();
    fixture.addPool();
    const view = StackView.of(fixture.stack);
    expect([...openRules(view, 'Inbound'), ...openRules(view, 'Outbound')]).toEqual([]);
  });
});
