// README example: a region in your own landing zone — your resource group, your hub's subnet and NSG,
// your storage account — with the library's Batch account and pools.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AzureRegion,
  BatchNetwork,
  BatchRegion,
  NetworkRule,
  NodeCommunicationRuleSet,
  PairedStorageAccount,
  Peer,
  PoolScale,
  Port,
  ServiceTag,
  StorageNetworkAccess,
} from 'cdktf-azure-batch';

const subscription = '/subscriptions/00000000-0000-0000-0000-000000000000';

class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{ storage: [{ dataPlaneAvailable: false }] }], storageUseAzuread: true });
    const region = AzureRegion.of('westeurope');

    // The hub team's subnet and its NSG; the library adds the rule set's rules to that NSG.
    const network = BatchNetwork.fromSubnetId(this, 'HubSubnet',
      `${subscription}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-batch`, {
        region,
        networkSecurityGroupId: `${subscription}/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-batch`,
        addressPrefix: '10.50.4.0/22',
        dnsServers: [], // the VNet uses Azure's DNS
        ruleSet: NodeCommunicationRuleSet.SIMPLIFIED,
        restrictOutbound: true,
      });
    // Pools pull images from the regional container registry, and reach the storage below at its endpoint.
    network.addRule(NetworkRule.allowOutbound(ServiceTag.of(`AzureContainerRegistry.${region.serviceTagSuffix}`), Port.tcp(443)));
    network.addRule(NetworkRule.allowOutbound(Peer.ipv4('10.60.0.4'), Port.tcp(443), { description: 'The data team\'s storage endpoint' }));

    // A storage account the data team already runs, behind its own private endpoint.
    const storage = PairedStorageAccount.fromStorageAccountId(this, 'DataStorage',
      `${subscription}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdatawesteurope`, {
        region,
        networkAccess: StorageNetworkAccess.PRIVATE,
      });

    const batch = new BatchRegion(this, 'Batch', {
      deploymentName: 'platform',
      region,
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroupName: 'rg-platform-westeurope', // yours, already there
      network,
      storage,
      // The hub's zones, already linked to its VNet: a second zone of one name cannot be linked to it.
      privateDnsZoneIds: { batch: `${subscription}/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.batch.azure.com` },
    });
    batch.addPool({
      name: 'render',
      vmSize: 'Standard_D8s_v5',
      scale: PoolScale.fixed({ dedicatedNodes: 2, spotNodes: 8 }),
      dataDisks: [{ lun: 0, sizeGb: 512, mountPath: '/data/scenes' }],
    });
  }
}

const app = new App();
new PlatformStack(app, 'platform');
app.synth();
