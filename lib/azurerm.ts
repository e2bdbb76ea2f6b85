/**
 * The seam to the azurerm provider bindings: every provider class the library and its app use comes
 * from here, and no other file of lib/ or stacks/ names the bindings package (ESLint enforces it).
 * Deep paths only, never the package root (the barrel costs ~1.8 s and ~420 MB per process). The names
 * are listed one by one: this is what the library uses of the bindings, and what another engine's
 * bindings must provide.
 *
 * The cdktf flavour reads `@cdktf/provider-azurerm` (azurerm 4.55.0); the cdktn flavour is compiled
 * from this source with these paths read from `@cdktn/provider-azurerm` (azurerm 4.73.0), which has
 * the same classes at the same paths (see scripts/build-flavour.js and the README, "Engine").
 * @packageDocumentation
 */
export { BatchAccount } from '@cdktf/provider-azurerm/lib/batch-account';
export { BatchApplication } from '@cdktf/provider-azurerm/lib/batch-application';
export { BatchPool } from '@cdktf/provider-azurerm/lib/batch-pool';
export type { BatchPoolConfig, BatchPoolStartTask, BatchPoolStorageImageReference } from '@cdktf/provider-azurerm/lib/batch-pool';
export { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
export { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
export { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
export { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
export { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
export { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
export { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
export { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
export { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
export { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
export { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
export { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
export { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
export { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
export { Route } from '@cdktf/provider-azurerm/lib/route';
export { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
export { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
export { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
export { StorageObjectReplication } from '@cdktf/provider-azurerm/lib/storage-object-replication';
export { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
export { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
export { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
export { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
export { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
export { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
