import type { Construct } from 'constructs';
import { AzureRegion } from '../lib/catalog/azure-region';
import { BatchRegionStack } from '../lib/region/batch-region-stack';
import type { DeploymentConfig } from './config';

/** Builds one `batch-<location>` stack per configured region. Stacks share nothing. */
export function buildDeployment(scope: Construct, config: DeploymentConfig): BatchRegionStack[] {
  const maxNodeCount = config.pools.reduce((sum, pool) => sum + pool.dedicatedNodes + pool.spotNodes, 0);
  return config.regions.map((entry) => {
    const region = AzureRegion.of(entry.location);
    return new BatchRegionStack(scope, BatchRegionStack.stackName(region), {
      deploymentName: config.name,
      region,
      role: entry.role,
      addressSpace: entry.addressSpace,
      ruleSet: config.nodeCommunication,
      maxNodeCount,
    });
  });
}
