import { Fn, Token } from 'cdktf';
import { errorOf } from '../helpers';
import { AzureCloud, AzureRegion } from '../../lib/catalog/azure-region';
import regionsJson = require('../../lib/catalog/regions.json');
import published = require('../fixtures/azure/published-service-tags.json');

/** `[ARM name, published BatchNodeManagement tag]` of every cloud, from Microsoft's service-tag files (see the fixture's `_source`). */
const PUBLISHED_BATCH_TAGS: Array<[string, string]> = Object.values(AzureCloud).flatMap((cloud) => Object.entries(published[cloud].BatchNodeManagement));

describe('AzureRegion', () => {
  test('the catalog holds every region of regions.json, in every cloud', () => {
    expect(AzureRegion.all().map((region) => region.name)).toEqual(regionsJson.map((record) => record.name));
    expect(new Set(AzureRegion.all().map((region) => region.cloud))).toEqual(
      new Set([AzureCloud.PUBLIC, AzureCloud.US_GOVERNMENT, AzureCloud.CHINA]),
    );
    for (const region of AzureRegion.all()) {
      expect(Object.values(AzureCloud)).toContain(region.cloud);
    }
  });

  test.each([
    ['eastus', 'EastUS'],
    ['westus3', 'WestUS3'],
    ['southeastasia', 'SoutheastAsia'],
    ['uaenorth', 'UAENorth'],
    ['usgovvirginia', 'USGovVirginia'],
    ['usdodeast', 'USDoDEast'],
    ['chinanorth2', 'ChinaNorth2'],
    ['australiacentral2', 'AustraliaCentral2'],
    ['eastus2euap', 'EastUS2EUAP'],
  ])('%s has the published service-tag suffix %s', (name, suffix) => {
    expect(AzureRegion.of(name).serviceTagSuffix).toBe(suffix);
  });

  test('every region Microsoft publishes a BatchNodeManagement tag for has that tag\'s suffix, casing included', () => {
    const inCatalog = PUBLISHED_BATCH_TAGS.filter(([name]) => AzureRegion.isKnown(name));
    const actual = inCatalog.map(([name]) => [name, `BatchNodeManagement.${AzureRegion.of(name).serviceTagSuffix}`]);
    expect(actual).toEqual(inCatalog);
    // 55 public (two of them staging regions), 6 US Government, 6 China: the comparison covers every cloud.
    expect(inCatalog.map(([name]) => AzureRegion.of(name).cloud).filter((cloud) => cloud === AzureCloud.PUBLIC)).toHaveLength(55);
    expect(inCatalog.filter(([name]) => AzureRegion.of(name).cloud !== AzureCloud.PUBLIC)).toHaveLength(12);
  });

  test('the published tags name no region the catalog lacks but UK North and UK South 2, which Microsoft does not list for customers', () => {
    expect(PUBLISHED_BATCH_TAGS.filter(([name]) => !AzureRegion.isKnown(name)).map(([name]) => name)).toEqual(['uknorth', 'uksouth2']);
  });

  test('every service-tag suffix is a single word of letters and digits', () => {
    for (const region of AzureRegion.all()) expect(region.serviceTagSuffix).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
  });

  test('simplified node communication is missing exactly in West India, China North/East 1, USDoD and retired USGov Iowa', () => {
    const unsupported = AzureRegion.all().filter((region) => !region.supportsSimplifiedNodeCommunication).map((region) => region.name);
    expect(unsupported.sort()).toEqual(['chinaeast', 'chinanorth', 'usdodcentral', 'usdodeast', 'usgoviowa', 'westindia']);
  });

  test('looks regions up by ARM name or display name, case-insensitively', () => {
    expect(AzureRegion.of('EastUS').name).toBe('eastus');
    expect(AzureRegion.of('East US 2').name).toBe('eastus2');
    expect(AzureRegion.of('eastus')).toBe(AzureRegion.of('East US'));
  });

  test('exposes pairs, clouds and flags', () => {
    const eastus = AzureRegion.of('eastus');
    expect(eastus.displayName).toBe('East US');
    expect(eastus.pairedRegion?.name).toBe('westus');
    expect(eastus.cloud).toBe(AzureCloud.PUBLIC);
    expect(AzureRegion.of('austriaeast').pairedRegion).toBeUndefined();
    // One way: Central India's pair is South India.
    expect([AzureRegion.of('indiasouthcentral').pairedRegion?.name, AzureRegion.of('centralindia').pairedRegion?.name]).toEqual(['centralindia', 'southindia']);
    expect(AzureRegion.of('usgovvirginia').cloud).toBe(AzureCloud.US_GOVERNMENT);
    expect(AzureRegion.of('chinanorth3').cloud).toBe(AzureCloud.CHINA);
    expect(AzureRegion.of('usgoviowa').retired).toBe(true);
    expect(AzureRegion.of('swedensouth').restricted).toBe(true);
    expect(eastus.restricted).toBe(false);
  });

  test('every paired region named in the catalog is itself in the catalog', () => {
    for (const region of AzureRegion.all()) {
      if (region.pairedRegionName !== undefined) expect(region.pairedRegion?.name).toBe(region.pairedRegionName);
    }
  });

  test('a region known only at deploy time is refused: what the library builds depends on the region', () => {
    expect(errorOf(() => AzureRegion.of(Token.asString(Fn.lower('EastUS'))))).toBe(
      'AzureRegion.of: name (a Terraform expression) is known only at deploy time, but a region\'s service tags, capabilities and limits are chosen from its name at synth; give the name, e.g. "eastus"',
    );
  });

  test('an unknown region names the closest valid names', () => {
    expect(() => AzureRegion.of('eastuss')).toThrow(
      'AzureRegion.of: name "eastuss" is not an Azure region; did you mean "eastus", "eastus2" or "eastus3"?',
    );
    expect(() => AzureRegion.of('westeurop')).toThrow('AzureRegion.of: name "westeurop" is not an Azure region; did you mean "westeurope"?');
    expect(() => AzureRegion.of('mars')).toThrow(
      'AzureRegion.of: name "mars" is not an Azure region; use the ARM name of a region, e.g. "eastus" (see AzureRegion.all())',
    );
    expect(AzureRegion.isKnown('mars')).toBe(false);
  });

  test('availability zones and Spot nodes per region', () => {
    expect(AzureRegion.of('eastus').availabilityZones).toBe(true);
    expect(AzureRegion.of('westus').availabilityZones).toBe(false);
    expect(AzureRegion.of('usgovvirginia').availabilityZones).toBe(true);
    expect(AzureRegion.of('usgovtexas').availabilityZones).toBe(false);
    expect(AzureRegion.all().filter((region) => region.cloud === AzureCloud.CHINA && region.availabilityZones).map((region) => region.name)).toEqual(['chinanorth3']);
    expect(AzureRegion.all().filter((region) => !region.spotNodes).every((region) => region.cloud === AzureCloud.CHINA)).toBe(true);
    expect(AzureRegion.of('chinanorth3').spotNodes).toBe(false);
    expect(AzureRegion.of('eastus').spotNodes).toBe(true);
  });
});
