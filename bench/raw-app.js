// The floor: the same resources as the library's region stacks (network, paired storage, Batch
// account, private endpoints, DNS, diagnostics, pools with data disks and start tasks), written with
// the provider's classes and no library logic (no validation, no rule values, no naming), for the
// library's overhead to be measured against.
'use strict';
const { LocalBackend, TerraformOutput, TerraformStack } = require('cdktf');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group');
const { VirtualNetwork } = require('@cdktf/provider-azurerm/lib/virtual-network');
const { Subnet } = require('@cdktf/provider-azurerm/lib/subnet');
const { NetworkSecurityGroup } = require('@cdktf/provider-azurerm/lib/network-security-group');
const { NetworkSecurityRule } = require('@cdktf/provider-azurerm/lib/network-security-rule');
const { SubnetNetworkSecurityGroupAssociation } = require('@cdktf/provider-azurerm/lib/subnet-network-security-group-association');
const { StorageAccount } = require('@cdktf/provider-azurerm/lib/storage-account');
const { BatchAccount } = require('@cdktf/provider-azurerm/lib/batch-account');
const { RoleAssignment } = require('@cdktf/provider-azurerm/lib/role-assignment');
const { UserAssignedIdentity } = require('@cdktf/provider-azurerm/lib/user-assigned-identity');
const { PrivateDnsZone } = require('@cdktf/provider-azurerm/lib/private-dns-zone');
const { PrivateDnsZoneVirtualNetworkLink } = require('@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link');
const { PrivateEndpoint } = require('@cdktf/provider-azurerm/lib/private-endpoint');
const { LogAnalyticsWorkspace } = require('@cdktf/provider-azurerm/lib/log-analytics-workspace');
const { MonitorDiagnosticSetting } = require('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting');
const { BatchPool } = require('@cdktf/provider-azurerm/lib/batch-pool');

// The start task the library writes: its disk script gzipped and base64-encoded, computed once.
const SCRIPT = require('node:zlib').gzipSync(require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'lib', 'pool', 'data-disks.sh')), { level: 9 }).toString('base64');
const startTask = (mountPath) => `/bin/bash -c 'set -euo pipefail; printf %s ${SCRIPT} | base64 -d | gzip -dc | bash -s -- 0:${mountPath}:ext4'`;

module.exports = function build(app, config) {
  for (const region of config.regions) {
    const id = `batch-${region.location}`;
    const stack = new TerraformStack(app, id);
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new LocalBackend(stack, { path: `../../../terraform.${id}.tfstate` });
    const tags = { deployment: config.name, region: region.location, role: region.role };
    const group = new ResourceGroup(stack, 'ResourceGroup', { name: `rg-bench-${region.location}`, location: region.location, tags });
    const vnet = new VirtualNetwork(stack, 'Vnet', {
      name: `vnet-bench-${region.location}`, resourceGroupName: group.name, location: region.location, addressSpace: [region.addressSpace], tags,
    });
    const subnet = new Subnet(stack, 'Subnet', {
      name: `snet-bench-${region.location}-pool`, resourceGroupName: vnet.resourceGroupName, virtualNetworkName: vnet.name,
      addressPrefixes: [region.addressSpace.replace('/16', '/17')], defaultOutboundAccessEnabled: false,
    });
    const nsg = new NetworkSecurityGroup(stack, 'Nsg', { name: `nsg-bench-${region.location}-pool`, resourceGroupName: group.name, location: region.location, tags });
    const association = new SubnetNetworkSecurityGroupAssociation(stack, 'Association', { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
    const endpoints = new Subnet(stack, 'EndpointSubnet', {
      name: `snet-bench-${region.location}-endpoints`, resourceGroupName: vnet.resourceGroupName, virtualNetworkName: vnet.name,
      addressPrefixes: [region.addressSpace.replace('.0.0/16', '.128.0/26')], defaultOutboundAccessEnabled: false,
    });
    new SubnetNetworkSecurityGroupAssociation(stack, 'EndpointAssociation', { subnetId: endpoints.id, networkSecurityGroupId: nsg.id });
    const storage = new StorageAccount(stack, 'Storage', {
      name: `stbench${region.location}`.slice(0, 24), resourceGroupName: group.name, location: region.location, accountKind: 'StorageV2',
      accountTier: 'Standard', accountReplicationType: 'LRS', minTlsVersion: 'TLS1_2', httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false, sharedAccessKeyEnabled: false, infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false, defaultToOauthAuthentication: true, localUserEnabled: false, publicNetworkAccessEnabled: false, sftpEnabled: false,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      blobProperties: { deleteRetentionPolicy: { days: 7 }, containerDeleteRetentionPolicy: { days: 7 } }, tags,
    });
    const nodeIdentity = new UserAssignedIdentity(stack, 'NodeIdentity', { name: `id-bench-${region.location}-nodes`, resourceGroupName: group.name, location: region.location, tags });
    const nodeAccess = new RoleAssignment(stack, 'NodeStorageAccess', {
      description: 'Batch pool nodes read application packages from auto-storage', scope: storage.id, roleDefinitionName: 'Storage Blob Data Reader', principalId: nodeIdentity.principalId, principalType: 'ServicePrincipal',
    });
    const account = new BatchAccount(stack, 'Account', {
      name: `babench${region.location}`.slice(0, 24), resourceGroupName: group.name, location: region.location,
      identity: { type: 'SystemAssigned' }, storageAccountId: storage.id, storageAccountAuthenticationMode: 'BatchAccountManagedIdentity',
      storageAccountNodeIdentity: nodeIdentity.id, allowedAuthenticationModes: ['AAD'], publicNetworkAccessEnabled: false, poolAllocationMode: 'BatchService', tags,
    });
    new RoleAssignment(stack, 'AutoStorageAccess', {
      description: 'Batch account identity manages application packages in its auto-storage', scope: storage.id, roleDefinitionName: 'Storage Blob Data Contributor', principalId: account.identity.principalId, principalType: 'ServicePrincipal',
    });
    const zones = {};
    const links = {};
    for (const [zoneId, zoneName] of [['BatchZone', 'privatelink.batch.azure.com'], ['BlobZone', 'privatelink.blob.core.windows.net']]) {
      const zone = new PrivateDnsZone(stack, zoneId, { name: zoneName, resourceGroupName: group.name, tags });
      links[zoneId] = new PrivateDnsZoneVirtualNetworkLink(stack, `${zoneId}Link`, { name: 'vnet-link', privateDnsZoneName: zone.name, resourceGroupName: group.name, virtualNetworkId: vnet.id, registrationEnabled: false, tags });
      zones[zoneId] = zone.id;
    }
    const endpointsById = {};
    for (const [id, resourceId, subresource, zone] of [
      ['BatchEndpoint', account.id, 'batchAccount', zones.BatchZone], ['NodeEndpoint', account.id, 'nodeManagement', zones.BatchZone],
      ['BlobEndpoint', storage.id, 'blob', zones.BlobZone],
    ]) {
      endpointsById[id] = new PrivateEndpoint(stack, id, {
        name: `pe-${id}`, customNetworkInterfaceName: `pe-${id}-nic`, location: region.location, resourceGroupName: group.name, subnetId: endpoints.id,
        privateServiceConnection: { name: id, privateConnectionResourceId: resourceId, subresourceNames: [subresource], isManualConnection: false },
        privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [zone] }, tags,
      });
    }
    const workspace = new LogAnalyticsWorkspace(stack, 'Workspace', { name: `log-bench-${region.location}`, resourceGroupName: group.name, location: region.location, sku: 'PerGB2018', retentionInDays: 30, tags });
    new MonitorDiagnosticSetting(stack, 'Diagnostics', { name: 'batch', targetResourceId: account.id, logAnalyticsWorkspaceId: workspace.id, enabledLog: [{ categoryGroup: 'allLogs' }], enabledMetric: [{ category: 'AllMetrics' }] });
    new MonitorDiagnosticSetting(stack, 'NsgDiagnostics', { name: 'nsg', targetResourceId: nsg.id, logAnalyticsWorkspaceId: workspace.id, enabledLog: [{ categoryGroup: 'allLogs' }] });
    const rule = new NetworkSecurityRule(stack, 'Rule', {
      name: 'Allow-Out-BatchNodeManagement', resourceGroupName: group.name, networkSecurityGroupName: nsg.name, priority: 100,
      direction: 'Outbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '443',
      sourceAddressPrefix: '*', destinationAddressPrefix: 'BatchNodeManagement.X', description: 'Batch simplified node communication: nodes reach BatchNodeManagement.X on 443',
    });
    for (const pool of config.pools) {
      new BatchPool(stack, `Pool-${pool.name}`, {
        name: `${pool.name}-000000`, displayName: pool.name, accountName: account.name, resourceGroupName: group.name,
        vmSize: pool.vmSize, nodeAgentSkuId: 'batch.node.ubuntu 24.04', targetNodeCommunicationMode: 'Simplified',
        storageImageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
        interNodeCommunication: 'Disabled', maxTasksPerNode: 1, taskSchedulingPolicy: [{ nodeFillType: 'Spread' }], nodePlacement: [{ policy: 'Regional' }],
        networkConfiguration: { subnetId: subnet.id, publicAddressProvisioningType: 'NoPublicIPAddresses' },
        fixedScale: { targetDedicatedNodes: pool.dedicatedNodes, targetLowPriorityNodes: 0, resizeTimeout: 'PT15M', nodeDeallocationMethod: 'TaskCompletion' },
        dataDisks: pool.dataDisks.map((disk) => ({ lun: disk.lun, diskSizeGb: disk.sizeGb, caching: 'ReadOnly', storageAccountType: 'Premium_LRS' })),
        startTask: {
          commandLine: startTask(pool.dataDisks[0].mountPath), waitForSuccess: true, taskRetryMaximum: 3, commonEnvironmentProperties: { DATA_DISK_WAIT_SECONDS: '300' },
          userIdentity: { autoUser: { elevationLevel: 'Admin', scope: 'Pool' } },
        },
        diskEncryption: [{ diskEncryptionTarget: 'TemporaryDisk' }],
        securityProfile: { securityType: 'trustedLaunch', secureBootEnabled: true, vtpmEnabled: true },
        identity: { type: 'UserAssigned', identityIds: [nodeIdentity.id] },
        dependsOn: [association, rule, nodeAccess, endpointsById.NodeEndpoint, links.BatchZone],
        lifecycle: { createBeforeDestroy: true },
      });
    }
    new TerraformOutput(stack, 'account_name', { value: account.name, description: 'Batch account name' });
    new TerraformOutput(stack, 'account_endpoint', { value: account.accountEndpoint, description: 'Batch account endpoint for clients' });
    new TerraformOutput(stack, 'storage_account_id', { value: storage.id, description: 'Auto-storage account id' });
    new TerraformOutput(stack, 'pool_ids', {
      value: Object.fromEntries(config.pools.map((pool) => [pool.name, `${pool.name}-000000`])), description: 'Pool id by pool name; ids change when a pool is replaced',
    });
  }
};
