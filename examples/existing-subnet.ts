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

    // The hub team's subnet; the library adds the rule set's rules to a new NSG associated with it.
    const network = BatchNetwork.fromSubnetId(this, 'HubSubnet',
      `${subscription}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-batch`, {
        region,
        resourceGroupName: 'rg-platform-westeurope',
        addressPrefix: '10.50.4.0/22',
        ruleSet: NodeCommunicationRuleSet.SIMPLIFIED,
        restrictOutbound: true,
      });
    // Pools pull images from the regional container registry.
    network.addRule(NetworkRule.allowOutbound(ServiceTag.of(`AzureContainerRegistry.${region.serviceTagSuffix}`), Port.tcp(443)));

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
