// The floor: the same resources as the library's region stacks, written with the provider's classes
// and no library logic (no validation, no rule values, no naming), for the library's overhead to be
// measured against.
'use strict';
const { LocalBackend, TerraformStack } = require('cdktf');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group');
const { VirtualNetwork } = require('@cdktf/provider-azurerm/lib/virtual-network');
const { Subnet } = require('@cdktf/provider-azurerm/lib/subnet');
const { NetworkSecurityGroup } = require('@cdktf/provider-azurerm/lib/network-security-group');
const { NetworkSecurityRule } = require('@cdktf/provider-azurerm/lib/network-security-rule');
const { SubnetNetworkSecurityGroupAssociation } = require('@cdktf/provider-azurerm/lib/subnet-network-security-group-association');

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
    new SubnetNetworkSecurityGroupAssociation(stack, 'Association', { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
    new NetworkSecurityRule(stack, 'Rule', {
      name: 'Allow-Out-BatchNodeManagement', resourceGroupName: group.name, networkSecurityGroupName: nsg.name, priority: 100,
      direction: 'Outbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '443',
      sourceAddressPrefix: '*', destinationAddressPrefix: 'BatchNodeManagement.X', description: 'Batch simplified node communication',
    });
  }
};
