import { AzureCloud, AzureRegion } from '../../lib/catalog/azure-region';
import { NetworkRule } from '../../lib/network/network-rule';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { batchFixture, errorOf, resourcesOf } from '../helpers';
import published = require('../fixtures/azure/published-service-tags.json');

/** `[ARM name, tag name]` as Microsoft publishes them (see the fixture's `_source`). */
const publishedTags = (cloud: AzureCloud, service: 'BatchNodeManagement' | 'Storage'): Array<[string, string]> =>
  Object.entries((published[cloud] as Record<string, Record<string, string> | undefined>)[service] ?? {});

describe('ServiceTag', () => {
  test.each([AzureCloud.PUBLIC, AzureCloud.US_GOVERNMENT, AzureCloud.CHINA])('BatchNodeManagement tags of %s regions are the published names', (cloud) => {
    const tags = publishedTags(cloud, 'BatchNodeManagement').filter(([name]) => AzureRegion.isKnown(name));
    expect(tags.length).toBeGreaterThanOrEqual(6);
    expect(tags.map(([name]) => [name, ServiceTag.batchNodeManagement(AzureRegion.of(name)).name])).toEqual(tags);
  });

  test.each([AzureCloud.US_GOVERNMENT, AzureCloud.CHINA])('Storage tags of %s regions are the published names', (cloud) => {
    const tags = publishedTags(cloud, 'Storage');
    expect(tags.length).toBeGreaterThanOrEqual(5);
    expect(tags.map(([name]) => [name, ServiceTag.storage(AzureRegion.of(name)).name])).toEqual(tags);
  });

  test('a tag is its own address prefix and prints as its name', () => {
    const tag = ServiceTag.batchNodeManagement(AzureRegion.of('uaenorth'));
    expect([tag.name, tag.addressPrefix, `${tag}`]).toEqual(['BatchNodeManagement.UAENorth', 'BatchNodeManagement.UAENorth', 'BatchNodeManagement.UAENorth']);
  });

  // "Virtual network service tags": Internet is the address space outside the VNet reachable by the
  // public Internet; VirtualNetwork is the VNet, its peerings and connected on-premises space.
  test('only Internet stands for every address', () => {
    expect([ServiceTag.INTERNET.name, ServiceTag.INTERNET.isAnyAddress]).toEqual(['Internet', true]);
    expect([ServiceTag.VIRTUAL_NETWORK.name, ServiceTag.VIRTUAL_NETWORK.isAnyAddress]).toEqual(['VirtualNetwork', false]);
    expect(ServiceTag.storage(AzureRegion.of('eastus')).isAnyAddress).toBe(false);
    expect(ServiceTag.of('AzureCloud').isAnyAddress).toBe(false);
  });

  test.each(['AzureContainerRegistry.EastUS', 'AzureCloud', 'AzureMonitor', 'Sql.WestEurope', 'EventHub.USGovVirginia'])('of(%j) takes a published name as it is', (name) => {
    expect(ServiceTag.of(name).name).toBe(name);
  });

  test.each(['Storage EastUS', 'Storage.', '.EastUS', 'Storage.East.US', 'Storage-EastUS', '1Storage', ''])('of(%j) is refused', (name) => {
    expect(errorOf(() => ServiceTag.of(name))).toBe(
      `ServiceTag.of: name ${JSON.stringify(name)} is not a service tag name; use the exact published name, e.g. "AzureContainerRegistry.EastUS"`,
    );
  });

  test('a rule to a tag writes the tag as the NSG rule\'s destination', () => {
    const region = AzureRegion.of('usgovvirginia');
    const fixture = batchFixture(undefined, { region });
    fixture.network.addRule(NetworkRule.allowOutbound(ServiceTag.storage(region), Port.tcp(443)));
    const rule = resourcesOf(fixture.synth(), 'azurerm_network_security_rule').find((candidate) => candidate.name === 'Allow-Out-Storage.USGovVirginia-Tcp-443');
    expect(rule).toMatchObject({ direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination_port_range: '443', destination_address_prefix: 'Storage.USGovVirginia' });
  });
});
