import { NodeCommunicationRuleSet, RegionRole } from '../lib';
import type { DeploymentConfigInput } from './config';

/**
 * The deployment synthesized when `BATCH_DEPLOYMENT_CONFIG` is unset: two paired regions, the simplified
 * rule set and one small pool with one data disk — enough to see every piece without any set-up.
 */
export const DEFAULT_DEPLOYMENT_CONFIG: DeploymentConfigInput = {
  name: 'contoso',
  nodeCommunication: NodeCommunicationRuleSet.SIMPLIFIED,
  regions: [
    { location: 'eastus', addressSpace: '10.10.0.0/16', role: RegionRole.PRIMARY },
    { location: 'westus', addressSpace: '10.20.0.0/16', role: RegionRole.STANDBY },
  ],
  pools: [
    {
      name: 'work',
      vmSize: 'Standard_D4s_v5',
      dedicatedNodes: 2,
      dataDisks: [{ lun: 0, sizeGb: 256, mountPath: '/data/work' }],
    },
  ],
};
