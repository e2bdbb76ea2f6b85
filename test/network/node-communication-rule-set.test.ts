import { readFileSync } from 'node:fs';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchNetwork } from '../../lib/network/batch-network';
import { NetworkRule } from '../../lib/network/network-rule';
import {
  nodeCommunicationRules,
  NodeCommunicationRuleSet,
  withoutDuplicates,
} from '../../lib/network/node-communication-rule-set';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { newStack, resourcesOf, ruleShape, RuleShape, sortRuleShapes, synth } from '../helpers';

/** Published `BatchNodeManagement.<Region>` names by cloud and region (source in the file's `_source`). */
const PUBLISHED = JSON.parse(readFileSync('test/fixtures/azure/published-service-tags.json', 'utf8')) as Record<string, { BatchNodeManagement: Record<string, string> }>;

/** The published node-management tag of `region`, when Microsoft's files list it. */
function publishedTag(region: AzureRegion): string | undefined {
  return PUBLISHED[region.cloud]?.BatchNodeManagement[region.name];
}

/**
 * The DESIGN table, written out independently of the library: the tags are the published names (a
 * region's tags share one suffix, so Storage's comes from the published node-management tag).
 */
function designTable(ruleSet: NodeCommunicationRuleSet, batch: string): RuleShape[] {
  const suffix = batch.slice('BatchNodeManagement.'.length);
  const classicInbound = { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', ports: '29876-29877', peer: batch, priority: 100 };
  const simplifiedOutbound = { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '443', peer: batch, priority: 100 };
  const classicBatchOutbound = { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: batch, priority: 110 };
  const classicStorageOutbound = { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: `Storage.${suffix}`, priority: 120 };
  switch (ruleSet) {
    case NodeCommunicationRuleSet.CLASSIC:
      return [classicInbound, classicBatchOutbound, classicStorageOutbound];
    case NodeCommunicationRuleSet.SIMPLIFIED:
      return [simplifiedOutbound];
    case NodeCommunicationRuleSet.UNION:
      // classic ∪ simplified; classic's TCP 443 to BatchNodeManagement is inside simplified's 443 over Any.
      return [classicInbound, simplifiedOutbound, classicStorageOutbound];
  }
}

describe('NodeCommunicationRuleSet', () => {
  describe.each(Object.values(NodeCommunicationRuleSet))('%s, for every region of the catalog', (ruleSet) => {
    test('a BatchNetwork synthesizes exactly the DESIGN table\'s NSG rules', () => {
      const stack = newStack();
      const regions = AzureRegion.all();
      for (const region of regions) {
        new BatchNetwork(stack, region.name, { region, resourceGroupName: 'rg', addressSpace: '10.0.0.0/16', ruleSet });
      }
      const byNsg = new Map<unknown, RuleShape[]>();
      for (const rule of resourcesOf(synth(stack), 'azurerm_network_security_rule')) {
        expect(rule).toMatchObject({ source_port_range: '*' });
        expect(rule[rule.direction === 'Inbound' ? 'destination_address_prefix' : 'source_address_prefix']).toBe('*');
        const shapes = byNsg.get(rule.network_security_group_name) ?? [];
        shapes.push(ruleShape(rule));
        byNsg.set(rule.network_security_group_name, shapes);
      }
      expect(byNsg.size).toBe(regions.length);
      const published = regions.filter((region) => publishedTag(region) !== undefined);
      // UK North and UK South 2 are published but not in the catalog; every catalog region but a handful is published.
      expect(published.length).toBeGreaterThan(60);
      for (const region of published) {
        const key = `\${azurerm_network_security_group.${region.name}_NetworkSecurityGroup_`;
        const [, shapes] = [...byNsg.entries()].find(([name]) => String(name).startsWith(key))!;
        expect({ region: region.name, rules: sortRuleShapes(shapes) }).toEqual({ region: region.name, rules: designTable(ruleSet, publishedTag(region)!) });
      }
    });
  });

  test('no set allows inbound traffic from the Internet', () => {
    for (const ruleSet of Object.values(NodeCommunicationRuleSet)) {
      for (const rule of nodeCommunicationRules(ruleSet, AzureRegion.of('eastus'))) {
        expect(rule.peer.isAnyAddress).toBe(false);
      }
    }
  });

  test('priorities start at firstPriority and keep their offsets', () => {
    const rules = nodeCommunicationRules(NodeCommunicationRuleSet.CLASSIC, AzureRegion.of('westeurope'), 1000);
    expect(rules.map((rule) => `${rule.name}@${rule.priority}`)).toEqual([
      'Allow-In-BatchNodeManagement.WestEurope-Tcp-29876-29877@1000',
      'Allow-Out-BatchNodeManagement.WestEurope-Tcp-443@1010',
      'Allow-Out-Storage.WestEurope-Tcp-443@1020',
    ]);
  });

  test('withoutDuplicates drops equal rules and rules shadowed by an earlier, wider one', () => {
    const region = AzureRegion.of('eastus');
    const wide = NetworkRule.allowOutbound(ServiceTag.batchNodeManagement(region), Port.anyProtocol(443), { priority: 100 });
    const narrow = NetworkRule.allowOutbound(ServiceTag.batchNodeManagement(region), Port.tcp(443), { priority: 110 });
    const other = NetworkRule.allowOutbound(ServiceTag.storage(region), Port.tcp(443), { priority: 120 });
    expect(withoutDuplicates([wide, narrow, other, other])).toEqual([wide, other]);
    // A wider rule evaluated after the narrow one does not make it dead.
    const late = NetworkRule.allowOutbound(ServiceTag.batchNodeManagement(region), Port.anyProtocol(443), { priority: 300 });
    expect(withoutDuplicates([narrow, late])).toEqual([narrow, late]);
  });
});
