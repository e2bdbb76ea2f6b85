import type { Construct } from 'constructs';
import { AzureRegion } from '../lib/catalog/azure-region';
import { PoolImage } from '../lib/catalog/pool-image';
import { PoolScale } from '../lib/pool/pool-scale';
import type { PoolOptions } from '../lib/pool/simplified-pool';
import { BatchRegionStack } from '../lib/region/batch-region-stack';
import type { DeploymentConfig } from './config';

/** The library's pool options for a configured pool. */
export function poolOptions(pool: DeploymentConfig['pools'][number]): PoolOptions {
  return {
    name: pool.name,
    vmSize: pool.vmSize,
    image: PoolImage.fromName(pool.image),
    scale: PoolScale.fixed({ dedicatedNodes: pool.dedicatedNodes, spotNodes: pool.spotNodes }),
    taskSlotsPerNode: pool.taskSlotsPerNode,
    dataDisks: pool.dataDisks,
    startTaskCommands: pool.startTaskCommands,
  };
}

/** Builds one `batch-<location>` stack per configured region, each with every pool. Stacks share nothing. */
export function buildDeployment(scope: Construct, config: DeploymentConfig): BatchRegionStack[] {
  return config.regions.map((entry) => {
    const region = AzureRegion.of(entry.location);
    return new BatchRegionStack(scope, BatchRegionStack.stackName(region), {
      deploymentName: config.name,
      region,
      role: entry.role,
      addressSpace: entry.addressSpace,
      ruleSet: config.nodeCommunication,
      pools: config.pools.map(poolOptions),
    });
  });
}
