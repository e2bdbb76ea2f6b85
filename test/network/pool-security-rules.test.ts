import { AzureRegion } from '../../lib/catalog/azure-region';
import { NetworkRule } from '../../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { Peer } from '../../lib/network/peer';
import { PoolSecurityRules, PoolSecurityRulesProps } from '../../lib/network/pool-security-rules';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { ValidationError } from '../../lib/private/problems';
import { errorOf, newStack, resourcesOf, ruleShapes, synth, terraformString } from '../helpers';

const westeurope = AzureRegion.of('westeurope');
const acr = ServiceTag.of('AzureContainerRegistry.WestEurope');

function rules(props: Partial<PoolSecurityRulesProps> = {}) {
  const stack = newStack();
  const construct = new PoolSecurityRules(stack, 'Rules', {
    region: westeurope, networkSecurityGroupName: 'nsg-pool', networkSecurityGroupResourceGroupName: 'rg-sec', ...props,
  });
  return { stack, construct };
}

function validationErrorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, but none was thrown');
}

describe('PoolSecurityRules', () => {
  test('puts the rule set\'s rules, in the region\'s service tags, into the NSG named', () => {
    const { stack, construct } = rules();
    expect(construct.ruleSet).toBe(NodeCommunicationRuleSet.SIMPLIFIED);
    expect(resourcesOf(synth(stack), 'azurerm_network_security_rule')).toEqual([{
      name: 'Allow-Out-BatchNodeManagement.WestEurope-Any-443',
      network_security_group_name: 'nsg-pool',
      resource_group_name: 'rg-sec',
      priority: 100,
      direction: 'Outbound',
      access: 'Allow',
      protocol: '*',
      source_port_range: '*',
      destination_port_range: '443',
      source_address_prefix: '*',
      destination_address_prefix: 'BatchNodeManagement.WestEurope',
      description: 'Batch simplified node communication: nodes reach BatchNodeManagement.WestEurope on 443',
    }]);
  });

  test('inbound rules match their peer as source, outbound rules as destination', () => {
    const { stack } = rules({
      rules: [NetworkRule.allowInbound(Peer.ipv4('10.99.0.0/16'), Port.tcp(22)), NetworkRule.denyOutbound(Peer.ipv4('10.98.0.0/16'), Port.allTraffic())],
    });
    const byName = Object.fromEntries(resourcesOf(synth(stack), 'azurerm_network_security_rule').map((rule) => [rule.name, rule]));
    expect(byName['Allow-In-10.99.0.0_16-Tcp-22']).toMatchObject({ source_address_prefix: '10.99.0.0/16', destination_address_prefix: '*', destination_port_range: '22' });
    expect(byName['Deny-Out-10.98.0.0_16-Any-All']).toMatchObject({ source_address_prefix: '*', destination_address_prefix: '10.98.0.0/16', destination_port_range: '*', protocol: '*' });
  });

  test('derived priorities go from the end of the band in steps of 10, each direction on its own, around pinned ones', () => {
    const { stack, construct } = rules({
      rules: [
        NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 210 }),
        NetworkRule.allowOutbound(ServiceTag.of('AzureMonitor'), Port.tcp(443)),
        NetworkRule.allowOutbound(ServiceTag.of('AzureKeyVault.WestEurope'), Port.tcp(443)),
        NetworkRule.allowInbound(Peer.ipv4('10.99.0.0/16'), Port.tcp(22)),
      ],
    });
    expect(construct.addRule(NetworkRule.allowOutbound(Peer.ipv4('10.97.0.0/16'), Port.tcp(8080))).priority).toBe(230);
    expect(ruleShapes(synth(stack)).map((rule) => `${rule.direction} ${rule.peer} ${rule.priority}`)).toEqual([
      'Inbound 10.99.0.0/16 200',
      'Outbound BatchNodeManagement.WestEurope 100',
      'Outbound AzureMonitor 200',
      'Outbound AzureContainerRegistry.WestEurope 210',
      'Outbound AzureKeyVault.WestEurope 220',
      'Outbound 10.97.0.0/16 230',
    ]);
  });

  test('rules lists every rule in the order added, with its priority; resources one per rule', () => {
    const { construct } = rules({ ruleSet: NodeCommunicationRuleSet.CLASSIC, rules: [NetworkRule.allowOutbound(acr, Port.tcp(443))] });
    expect(construct.rules.map(String)).toEqual([
      'Allow-In-BatchNodeManagement.WestEurope-Tcp-29876-29877 (priority 100)',
      'Allow-Out-BatchNodeManagement.WestEurope-Tcp-443 (priority 110)',
      'Allow-Out-Storage.WestEurope-Tcp-443 (priority 120)',
      'Allow-Out-AzureContainerRegistry.WestEurope-Tcp-443 (priority 200)',
    ]);
    expect(construct.resources).toHaveLength(4);
  });

  describe('covered rules', () => {
    test('a rule equal to one present is skipped, whatever its priority, and the present one returned', () => {
      const { stack, construct } = rules({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443))] });
      const again = construct.addRule(NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 3000 }));
      expect(again.toString()).toBe('Allow-Out-AzureContainerRegistry.WestEurope-Tcp-443 (priority 200)');
      expect(resourcesOf(synth(stack), 'azurerm_network_security_rule')).toHaveLength(2);
    });

    test('a rule a broader one evaluated first covers is skipped', () => {
      const { stack, construct } = rules({ rules: [NetworkRule.allowOutbound(acr, Port.tcpRange(400, 500))] });
      expect(construct.addRule(NetworkRule.allowOutbound(acr, Port.tcp(443))).name).toBe('Allow-Out-AzureContainerRegistry.WestEurope-Tcp-400-500');
      // Port.anyProtocol(443) of the rule set covers TCP 443 to the same tag.
      expect(construct.addRule(NetworkRule.allowOutbound(ServiceTag.batchNodeManagement(westeurope), Port.tcp(443))).priority).toBe(100);
      expect(resourcesOf(synth(stack), 'azurerm_network_security_rule')).toHaveLength(2);
    });

    test('a rule that only looks covered is kept: other access, other direction, or evaluated before the broader rule', () => {
      const { stack, construct } = rules({ rules: [NetworkRule.allowOutbound(acr, Port.tcpRange(400, 500), { priority: 300 })] });
      expect(construct.addRule(NetworkRule.denyOutbound(acr, Port.tcp(443))).priority).toBe(200);
      expect(construct.addRule(NetworkRule.allowOutbound(acr, Port.udp(443))).priority).toBe(210);
      // Pinned before the broader rule, so Azure evaluates it first: not dead.
      expect(construct.addRule(NetworkRule.allowOutbound(acr, Port.tcp(450), { priority: 250 })).priority).toBe(250);
      expect(resourcesOf(synth(stack), 'azurerm_network_security_rule')).toHaveLength(5);
    });
  });

  describe('refusals, at the rules prop', () => {
    test('a priority already taken in the same direction', () => {
      const { construct } = rules({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 300 })] });
      const error = validationErrorOf(() => construct.addRule(NetworkRule.allowOutbound(ServiceTag.of('AzureMonitor'), Port.tcp(443), { priority: 300 })));
      expect(error.problems).toEqual([{
        subject: 'PoolSecurityRules', constructPath: 'test/Rules', path: 'rules', value: 'Allow-Out-AzureMonitor-Tcp-443',
        message: 'has priority 300, already taken by Allow-Out-AzureContainerRegistry.WestEurope-Tcp-443 (outbound); pin another priority, or leave it unset to take the next free slot from 200',
      }]);
    });

    test('a name already taken', () => {
      const { construct } = rules({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { name: 'Registry' })] });
      expect(errorOf(() => construct.addRule(NetworkRule.allowInbound(Peer.ipv4('10.1.0.0/16'), Port.tcp(22), { name: 'Registry' })))).toBe(
        'PoolSecurityRules test/Rules: rules "Registry" is the name of Registry (priority 200) already; give the new rule another name',
      );
    });

    test('a priority inside the band, or before a moved band', () => {
      expect(errorOf(() => rules({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 199 })] }))).toBe(
        'PoolSecurityRules test/Rules: rules "Allow-Out-AzureContainerRegistry.WestEurope-Tcp-443" pins priority 199, inside 100-199, the band kept for the node-communication rules; pin 200 or more, or leave it unset',
      );
      expect(errorOf(() => rules({ firstPriority: 1000, rules: [NetworkRule.denyInbound(Peer.ipv4('10.1.0.0/16'), Port.tcp(22), { priority: 999 })] }))).toBe(
        'PoolSecurityRules test/Rules: rules "Deny-In-10.1.0.0_16-Tcp-22" pins priority 999, before 1000-1099, the band kept for the node-communication rules; pin 1100 or more, or leave it unset',
      );
      expect(rules({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 200 })] }).construct.rules[1].priority).toBe(200);
    });

    test('a direction whose priorities are all taken', () => {
      const { construct } = rules();
      // From 200 to 4090 in steps of 10: 390 derived slots.
      for (let port = 1; port <= 390; port++) construct.addRule(NetworkRule.allowOutbound(acr, Port.tcp(port)));
      expect(construct.rules.at(-1)!.priority).toBe(4090);
      expect(errorOf(() => construct.addRule(NetworkRule.allowOutbound(acr, Port.tcp(391))))).toBe(
        'PoolSecurityRules test/Rules: rules "Outbound" has no free priority left below 4096; pin priorities or merge rules',
      );
      // A pinned slot between the steps is still free, and the other direction is untouched.
      expect(construct.addRule(NetworkRule.allowOutbound(acr, Port.tcp(391), { priority: 4091 })).priority).toBe(4091);
      expect(construct.addRule(NetworkRule.allowInbound(Peer.ipv4('10.1.0.0/16'), Port.tcp(22))).priority).toBe(200);
    });

    test.each([99, 3996, 150.5])('firstPriority %p', (firstPriority) => {
      expect(errorOf(() => rules({ firstPriority }))).toBe(
        `PoolSecurityRules test/Rules: firstPriority ${firstPriority} is out of range; use an integer from 100 to 3995 so the rule set's band of 100 fits below 4096`,
      );
    });

    test('the edges of firstPriority are accepted', () => {
      expect(rules({ firstPriority: 100 }).construct.rules[0].priority).toBe(100);
      expect(rules({ firstPriority: 3995 }).construct.rules[0].priority).toBe(3995);
    });
  });

  describe('restrictOutbound', () => {
    test('allows the endpoints\' prefix on 443 just before denying everything else', () => {
      const { stack } = rules({ restrictOutbound: true, privateEndpointPrefix: '10.10.128.0/26' });
      const json = synth(stack);
      expect(ruleShapes(json)).toEqual([
        { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '443', peer: 'BatchNodeManagement.WestEurope', priority: 100 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: '10.10.128.0/26', priority: 4095 },
        { direction: 'Outbound', access: 'Deny', protocol: '*', ports: '*', peer: '*', priority: 4096 },
      ]);
      expect(resourcesOf(json, 'azurerm_network_security_rule').map((rule) => rule.name)).toContain('Deny-Out-All');
    });

    test('without an endpoints\' prefix, only denies', () => {
      expect(ruleShapes(synth(rules({ restrictOutbound: true }).stack)).map((rule) => rule.priority)).toEqual([100, 4096]);
    });

    test('off by default: the endpoints\' prefix alone adds nothing', () => {
      expect(ruleShapes(synth(rules({ privateEndpointPrefix: '10.10.128.0/26' }).stack)).map((rule) => rule.priority)).toEqual([100]);
    });

    test('a narrower deny is kept, since it sits before the lockdown\'s deny', () => {
      const { construct } = rules({ restrictOutbound: true, rules: [NetworkRule.denyOutbound(Peer.anyAddress(), Port.tcp(25))] });
      expect(construct.rules.map((rule) => rule.name)).toContain('Deny-Out-Any-Tcp-25');
    });
  });

  test('descriptions are literal text, even with template syntax', () => {
    const { stack } = rules({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { description: 'images for ${var.app} %{if x}' })] });
    const rule = resourcesOf(synth(stack), 'azurerm_network_security_rule').find((r) => r.name === 'Allow-Out-AzureContainerRegistry.WestEurope-Tcp-443')!;
    expect(terraformString(rule.description as string)).toBe('images for ${var.app} %{if x}');
  });
});
