import type { Construct } from 'constructs';
import { AzureRegion } from '../lib/catalog/azure-region';
import { BatchBestPractices } from '../lib/checks/batch-best-practices';
import { PoolImage } from '../lib/catalog/pool-image';
import { PoolScale } from '../lib/pool/pool-scale';
import { PublicIpMode, PoolOptions } from '../lib/pool/simplified-pool';
import { BatchRegionStack } from '../lib/region/batch-region-stack';
import { RegionRole } from '../lib/region/region-role';
import { StateBackend } from '../lib/state/state-backend';
import type { DeploymentConfig } from './config';

type ConfiguredPool = DeploymentConfig['pools'][number];

/** The scale of a configured pool in a region of `role`: standby regions keep `standbyNodes`. */
function poolScale(pool: ConfiguredPool, role: RegionRole): PoolScale {
  if (pool.autoscale) {
    const { maxNodes, formula, spot, evaluationIntervalMinutes } = pool.autoscale;
    return formula === undefined
      ? PoolScale.pendingTasks({ maxNodes, spot, evaluationIntervalMinutes })
      : PoolScale.autoscale({ formula, maxNodes, evaluationIntervalMinutes });
  }
  return role === RegionRole.PRIMARY
    ? PoolScale.fixed({ dedicatedNodes: pool.dedicatedNodes, spotNodes: pool.spotNodes })
    : PoolScale.fixed({ dedicatedNodes: pool.standbyNodes });
}

/** The library's pool options for a configured pool in a region of `role`. */
export function poolOptions(pool: ConfiguredPool, role: RegionRole = RegionRole.PRIMARY): PoolOptions {
  return {
    name: pool.name,
    vmSize: pool.vmSize,
    image: PoolImage.fromName(pool.image),
    scale: poolScale(pool, role),
    taskSlotsPerNode: pool.taskSlotsPerNode,
    interNodeCommunication: pool.interNodeCommunication,
    publicIpMode: pool.publicIpMode === 'batchManaged' ? PublicIpMode.BATCH_MANAGED : PublicIpMode.NONE,
    container: pool.containerImages ? { imageNames: pool.containerImages } : undefined,
    dataDisks: pool.dataDisks,
    startTaskCommands: pool.startTaskCommands,
  };
}

function backendOf(config: DeploymentConfig): StateBackend {
  const backend = config.backend;
  return backend.type === 'local' ? StateBackend.local() : StateBackend.azurerm(backend);
}

/**
 * One `batch-<location>` stack per configured region, each with every pool and application (standby
 * regions at their standby size). Stacks share nothing.
 */
export function buildDeployment(scope: Construct, config: DeploymentConfig): BatchRegionStack[] {
  return config.regions.map((entry) => {
    const region = AzureRegion.of(entry.location);
    const stack = new BatchRegionStack(scope, BatchRegionStack.stackName(region), {
      deploymentName: config.name,
      region,
      role: entry.role,
      addressSpace: entry.addressSpace,
      ruleSet: config.nodeCommunication,
      restrictOutbound: config.restrictOutbound,
      pools: config.pools.map((pool) => poolOptions(pool, entry.role)),
      applications: config.applications,
      accountAllowedIpRanges: config.account.allowedIpRanges,
      storageNetworkAccess: config.storage.networkAccess,
      storageReplication: config.storage.replication,
      logAnalyticsWorkspaceId: config.diagnostics.logAnalyticsWorkspaceId,
      deleteLocks: config.locks,
      uniqueSuffix: config.uniqueSuffix,
      subscriptionId: config.subscriptionId,
      tags: config.tags,
      backend: backendOf(config),
    });
    for (const { rule, reason } of config.suppressions) BatchBestPractices.suppress(stack, rule, reason);
    return stack;
  });
}

/** What client applications read to find each region: roles, account endpoints, pool ids. */
export interface DeploymentManifest {
  readonly deployment: string;
  readonly regions: ReadonlyArray<{
    readonly location: string;
    readonly role: RegionRole;
    readonly stack: string;
    readonly accountName: string;
    readonly accountEndpoint: string;
    readonly pools: { readonly [name: string]: string };
  }>;
}

/** The manifest of built stacks; deterministic, so it can be committed or published with each deploy. */
export function deploymentManifest(config: DeploymentConfig, stacks: readonly BatchRegionStack[]): DeploymentManifest {
  return {
    deployment: config.name,
    regions: stacks.map((stack) => {
      const region = stack.batchRegion;
      return {
        location: region.region.name,
        role: region.role,
        stack: stack.node.id,
        accountName: region.account.accountName,
        accountEndpoint: `https://${region.account.accountHostName}`,
        pools: Object.fromEntries(region.pools.map((pool) => [pool.name, pool.poolId])),
      };
    }),
  };
}
