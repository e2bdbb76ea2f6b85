// README example: the constructs inside your own cdktf stack, with your own resource group and subnet.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AzureRegion,
  BatchNetwork,
  NetworkRule,
  NodeCommunicationRuleSet,
  PairedStorageAccount,
  PoolScale,
  Port,
  RegionalBatchAccount,
  ServiceTag,
  SimplifiedPool,
} from 'cdktf-azure-batch';

class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{ storage: [{ dataPlaneAvailable: false }] }], storageUseAzuread: true });
    const region = AzureRegion.of('westeurope');
    const resourceGroupName = 'rg-platform-westeurope'; // yours, already there

    const network = new BatchNetwork(this, 'BatchNetwork', {
      region,
      resourceGroupName,
      existingSubnet: {
        id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-batch',
        addressPrefix: '10.50.4.0/22',
      },
      ruleSet: NodeCommunicationRuleSet.SIMPLIFIED,
      maxNodeCount: 40,
      restrictOutbound: true,
    });
    // Pools pull images from the regional container registry.
    network.addRule(NetworkRule.allowOutbound(ServiceTag.of(`AzureContainerRegistry.${region.serviceTagSuffix}`), Port.tcp(443)));

    const storageAccount = new PairedStorageAccount(this, 'Storage', { region, resourceGroupName, network, namePrefix: 'platform' });
    const account = new RegionalBatchAccount(this, 'Account', { region, resourceGroupName, storageAccount, network, namePrefix: 'platform' });
    new SimplifiedPool(this, 'RenderPool', {
      account,
      network,
      resourceGroupName,
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
