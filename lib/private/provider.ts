import { AzurermProvider } from '../azurerm';
import type { Construct } from 'constructs';
import type { AzureCloud } from '../catalog/azure-region';
import { cloudEndpoints } from '../catalog/cloud-endpoints';

/** The azurerm provider every stack of the library configures the same way (id `azurerm`). */
export function azurermProvider(scope: Construct, cloud: AzureCloud, subscriptionId: string | undefined): AzurermProvider {
  return new AzurermProvider(scope, 'azurerm', {
    // The storage account denies shared keys and its public endpoint by default: data-plane calls
    // use Entra ID, and the provider does not read data-plane properties it cannot reach.
    features: [{ storage: [{ dataPlaneAvailable: false }] }],
    storageUseAzuread: true,
    environment: cloudEndpoints(cloud).providerEnvironment,
    // Unset, the provider takes ARM_SUBSCRIPTION_ID or the Azure CLI login at plan time.
    subscriptionId,
  });
}
