import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AzureCloud, AzureRegion } from '../../lib/catalog/azure-region';
import { cloudEndpoints } from '../../lib/catalog/cloud-endpoints';
import { batchFixture, resourcesOf } from '../helpers';

/** The azurerm 4.55.0 schema dump (`terraform providers schema -json`) of the shared terraform-validate tool. */
const SCHEMA = process.env.AZURERM_SCHEMA_JSON ?? resolve(__dirname, '..', '..', '..', 'shared', 'tools', 'terraform-validate', 'azurerm-4.55.0-schema.json');

describe('cloudEndpoints', () => {
  /**
   * Microsoft Learn "Azure Private Endpoint private DNS zone values": Azure Batch (batchAccount and
   * nodeManagement) `privatelink.batch.azure.com`, `privatelink.batch.usgovcloudapi.net`,
   * `privatelink.batch.chinacloudapi.cn`; Storage blob `privatelink.blob.core.windows.net`,
   * `privatelink.blob.core.usgovcloudapi.net`, `privatelink.blob.core.chinacloudapi.cn`. Batch account
   * endpoints `<account>.<region>.batch.azure.com` ("Batch service and account endpoints"), and
   * `batch.usgovcloudapi.net` / `batch.chinacloudapi.cn` in the sovereign clouds' endpoint tables.
   * `environment`: the azurerm provider's and Terraform's azurerm backend's names for the clouds.
   * Container registries: `privatelink.azurecr.io` and `.us` from the same page's "Containers" rows, and
   * login servers `<registry>.azurecr.io` / `.us` / `.cn` (the China zone is the weakly sourced one, see
   * lib/catalog/cloud-endpoints.ts). Key Vault URIs `<vault>.vault.azure.net`, `.vault.usgovcloudapi.net`,
   * `.vault.azure.cn` ("Azure Key Vault keys, secrets and certificates overview", "DNS suffixes for object
   * identifiers").
   */
  test.each([
    [AzureCloud.PUBLIC, 'privatelink.batch.azure.com', 'privatelink.blob.core.windows.net', 'batch.azure.com', 'public', 'azurecr.io', true, 'vault.azure.net'],
    [AzureCloud.US_GOVERNMENT, 'privatelink.batch.usgovcloudapi.net', 'privatelink.blob.core.usgovcloudapi.net', 'batch.usgovcloudapi.net', 'usgovernment', 'azurecr.us', false, 'vault.usgovcloudapi.net'],
    [AzureCloud.CHINA, 'privatelink.batch.chinacloudapi.cn', 'privatelink.blob.core.chinacloudapi.cn', 'batch.chinacloudapi.cn', 'china', 'azurecr.cn', false, 'vault.azure.cn'],
  ])('%s: Batch zone %s, blob zone %s, endpoints under %s, environment %s, registries under %s, DNS fallback %s, vaults under %s', (cloud, batchZone, blobZone, batchSuffix, environment, registrySuffix, fallback, vaultSuffix) => {
    expect(cloudEndpoints(cloud)).toEqual({
      batchPrivateDnsZone: batchZone,
      blobPrivateDnsZone: blobZone,
      batchDnsSuffix: batchSuffix,
      providerEnvironment: environment,
      backendEnvironment: environment,
      containerRegistryPrivateDnsZone: `privatelink.${registrySuffix}`,
      containerRegistryDnsSuffix: registrySuffix,
      privateDnsFallback: fallback,
      keyVaultDnsSuffix: vaultSuffix,
    });
  });

  (existsSync(SCHEMA) || process.env.CI === 'true' ? test : test.skip)('the provider environments are the ones the provider\'s own schema lists', () => {
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
    const description: string = schema.provider_schemas['registry.terraform.io/hashicorp/azurerm'].provider.block.attributes.environment.description;
    // "The Cloud Environment which should be used. Possible values are public, usgovernment, and china. ..."
    const possible = /Possible values are ([^.]+)\./.exec(description)?.[1].split(/,\s*(?:and\s+)?|\s+and\s+/).map((value) => value.trim());
    expect(possible?.sort()).toEqual(Object.values(AzureCloud).map((cloud) => cloudEndpoints(cloud).providerEnvironment).sort());
  });

  test.each([
    ['chinanorth3', 'privatelink.batch.chinacloudapi.cn', 'privatelink.blob.core.chinacloudapi.cn', 'chinacloudapi.cn', undefined],
    ['usgovvirginia', 'privatelink.batch.usgovcloudapi.net', 'privatelink.blob.core.usgovcloudapi.net', 'usgovcloudapi.net', undefined],
    ['westeurope', 'privatelink.batch.azure.com', 'privatelink.blob.core.windows.net', 'azure.com', 'NxDomainRedirect'],
  ])('a deployment in %s gets its cloud\'s private DNS zones, their links\' fallback and the account host name', (location, batchZone, blobZone, domain, resolutionPolicy) => {
    const fixture = batchFixture(undefined, { region: AzureRegion.of(location) });
    const json = fixture.synth();
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map((zone) => zone.name).sort()).toEqual([batchZone, blobZone]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link').map((link) => link.resolution_policy)).toEqual([resolutionPolicy, resolutionPolicy]);
    expect(fixture.account.accountHostName).toBe(`${fixture.account.physicalName}.${location}.batch.${domain}`);
  });
});
