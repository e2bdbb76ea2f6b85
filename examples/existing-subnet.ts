// README example: the constructs inside your own cdktf stack, with your own resource group and subnet.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AzureRegion,
  BatchNetwork,
  NetworkRule,
  NodeCommunicationRuleSet,
  Port,
  ServiceTag,
} from 'cdktf-azure-batch';

class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const region = AzureRegion.of('westeurope');

    const network = new BatchNetwork(this, 'BatchNetwork', {
      region,
      resourceGroupName: 'rg-platform-westeurope',
      existingSubnet: {
        id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-batch',
        addressPrefix: '10.50.4.0/22',
      },
      ruleSet: NodeCommunicationRuleSet.SIMPLIFIED,
      maxNodeCount: 200,
      restrictOutbound: true,
    });
    // Pools pull images from the regional container registry.
    network.addRule(NetworkRule.allowOutbound(ServiceTag.of(`AzureContainerRegistry.${region.serviceTagSuffix}`), Port.tcp(443)));
  }
}

const app = new App();
new PlatformStack(app, 'platform');
app.synth();
