import { Testing } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchRegionStack } from '../../lib/region/batch-region-stack';
import { newApp } from '../helpers';

describe('BatchRegionStack', () => {
  const props = { deploymentName: 'contoso', region: AzureRegion.of('uksouth'), addressSpace: '10.40.0.0/16' };

  test('holds one region with its own azurerm provider and a relative local backend', () => {
    const stack = new BatchRegionStack(newApp(), 'batch-uksouth', props);
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.provider).toEqual({ azurerm: [{ features: [{}] }] });
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.batch-uksouth.tfstate' } });
    expect(json.terraform.required_providers.azurerm).toEqual({ source: 'azurerm', version: '4.55.0' });
    expect(stack.batchRegion.network.region.name).toBe('uksouth');
  });

  test('takes a subscription and a state path', () => {
    const stack = new BatchRegionStack(newApp(), 'batch-uksouth', { ...props, subscriptionId: '00000000-0000-0000-0000-000000000000', localStatePath: 'state/uksouth.tfstate' });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.provider.azurerm[0].subscription_id).toBe('00000000-0000-0000-0000-000000000000');
    expect(json.terraform.backend.local.path).toBe('state/uksouth.tfstate');
  });

  test('names stacks batch-<location>', () => {
    expect(BatchRegionStack.stackName(AzureRegion.of('East US 2'))).toBe('batch-eastus2');
  });
});
