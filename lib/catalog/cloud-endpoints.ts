import { AzureCloud } from './azure-region';

/** DNS suffixes and provider settings that differ between Azure clouds. */
export interface CloudEndpoints {
  /** Private DNS zone of Batch private endpoints (`batchAccount` and `nodeManagement`). */
  readonly batchPrivateDnsZone: string;
  /** Private DNS zone of blob private endpoints. */
  readonly blobPrivateDnsZone: string;
  /** The azurerm provider's `environment` for the cloud. */
  readonly providerEnvironment: string;
  /**
   * The azurerm state backend's `environment` for the cloud: Terraform's `internal/backend/remote-state/azure`
   * (1.11 and later) accepts `public`, `usgovernment` and `china` among its names, as the provider does.
   */
  readonly backendEnvironment: string;
  /** DNS suffix of Batch account endpoints: `<account>.<region>.<suffix>`. */
  readonly batchDnsSuffix: string;
  /**
   * DNS suffix of Key Vault vault URIs: `https://<vault>.<suffix>/`. Source: Learn "Azure Key Vault keys,
   * secrets and certificates overview", "DNS suffixes for object identifiers" (`.vault.azure.net`,
   * `.vault.azure.cn`, `.vault.usgovcloudapi.net`).
   */
  readonly keyVaultDnsSuffix: string;
  /** Private DNS zone of container registry private endpoints (sub-resource `registry`). */
  readonly containerRegistryPrivateDnsZone: string;
  /** DNS suffix of container registry login servers: `<registry>.<suffix>`. */
  readonly containerRegistryDnsSuffix: string;
  /**
   * Whether the library's privatelink zone links fall back to public resolution for names the zone has no
   * record of (`resolution_policy = "NxDomainRedirect"`). Learn's "Fallback to internet for Azure Private
   * DNS zones" (learn.microsoft.com/azure/dns/private-dns-fallback) describes it for Azure; it says
   * nothing of Azure Government or Azure China, so links there keep the default.
   */
  readonly privateDnsFallback: boolean;
}

/**
 * Per cloud. Source: "Azure Private Endpoint private DNS zone values" (Azure Batch: `privatelink.batch.azure.com`,
 * `.usgovcloudapi.net`, `.chinacloudapi.cn`; Storage blob: `privatelink.blob.core.*`; Containers:
 * `privatelink.azurecr.io`, `privatelink.azurecr.us`), and the azurerm provider's `environment` argument
 * (`public`, `usgovernment`, `china`). The China container registry zone `privatelink.azurecr.cn` is not in
 * that page's China "Containers" table (empty in the copies read). It comes from the China docs' own source
 * (docs.azure.cn "Connect privately to an Azure container registry using Azure Private Link", section
 * "Configure the private DNS zone": the zone "must be named privatelink.azurecr.cn", with the data
 * endpoint's `<registry>.<region>.data` records in the same zone; and the China DNS zone table, row
 * "Azure Container Registry (Microsoft.ContainerRegistry/registries)/registry"), read in copies of the
 * zh-CN source dated 2020 (docs/notes/issue-13-networking.md §4); the live docs.azure.cn page was not
 * read in full.
 */
const ENDPOINTS: Record<AzureCloud, CloudEndpoints> = {
  [AzureCloud.PUBLIC]: {
    batchPrivateDnsZone: 'privatelink.batch.azure.com',
    blobPrivateDnsZone: 'privatelink.blob.core.windows.net',
    providerEnvironment: 'public',
    backendEnvironment: 'public',
    batchDnsSuffix: 'batch.azure.com',
    keyVaultDnsSuffix: 'vault.azure.net',
    containerRegistryPrivateDnsZone: 'privatelink.azurecr.io',
    containerRegistryDnsSuffix: 'azurecr.io',
    privateDnsFallback: true,
  },
  [AzureCloud.US_GOVERNMENT]: {
    batchPrivateDnsZone: 'privatelink.batch.usgovcloudapi.net',
    blobPrivateDnsZone: 'privatelink.blob.core.usgovcloudapi.net',
    providerEnvironment: 'usgovernment',
    backendEnvironment: 'usgovernment',
    batchDnsSuffix: 'batch.usgovcloudapi.net',
    keyVaultDnsSuffix: 'vault.usgovcloudapi.net',
    containerRegistryPrivateDnsZone: 'privatelink.azurecr.us',
    containerRegistryDnsSuffix: 'azurecr.us',
    privateDnsFallback: false,
  },
  [AzureCloud.CHINA]: {
    batchPrivateDnsZone: 'privatelink.batch.chinacloudapi.cn',
    blobPrivateDnsZone: 'privatelink.blob.core.chinacloudapi.cn',
    providerEnvironment: 'china',
    backendEnvironment: 'china',
    batchDnsSuffix: 'batch.chinacloudapi.cn',
    keyVaultDnsSuffix: 'vault.azure.cn',
    containerRegistryPrivateDnsZone: 'privatelink.azurecr.cn',
    containerRegistryDnsSuffix: 'azurecr.cn',
    privateDnsFallback: false,
  },
};

/** The endpoints of `cloud`. */
export function cloudEndpoints(cloud: AzureCloud): CloudEndpoints {
  return ENDPOINTS[cloud];
}

/**
 * The registry name of an Azure Container Registry login server in any cloud (`contoso` for
 * `contoso.azurecr.io` or `Contoso.azurecr.us`), lower case; `undefined` for any other host.
 */
export function containerRegistryName(host: string): string | undefined {
  const [name, ...rest] = host.toLowerCase().split('.');
  const suffix = rest.join('.');
  return Object.values(ENDPOINTS).some((endpoints) => endpoints.containerRegistryDnsSuffix === suffix) ? name : undefined;
}
