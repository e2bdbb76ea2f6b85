import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolScale } from '../../lib/pool/pool-scale';
import { BatchRegion } from '../../lib/region/batch-region';
import { RegionRole } from '../../lib/region/region-role';
import { findings } from '../checks/helpers';
import { newStack, resourcesOf, synth } from '../helpers';

/** A region with one single-node pool, in `role` (or the default). */
function singleNodeRegion(role?: RegionRole) {
  const stack = newStack();
  const region = new BatchRegion(stack, 'Region', {
    deploymentName: 'contoso', region: AzureRegion.of('westus'), addressSpace: '10.20.0.0/16', role,
    pools: [{ name: 'work', vmSize: 'Standard_D4s_v5', scale: PoolScale.fixed({ dedicatedNodes: 1 }) }],
  });
  return { stack, region };
}

describe('RegionRole', () => {
  test('its values are the roles the deployment config writes (DESIGN, "role": "primary" | "standby")', () => {
    expect(Object.values(RegionRole).sort()).toEqual(['primary', 'standby']);
  });

  test('a region is primary unless told otherwise, and every resource it creates is tagged with its role', () => {
    for (const [role, tag] of [[undefined, 'primary'], [RegionRole.STANDBY, 'standby']] as const) {
      const { stack, region } = singleNodeRegion(role);
      expect(region.role).toBe(tag);
      const json = synth(stack);
      for (const type of ['azurerm_resource_group', 'azurerm_virtual_network', 'azurerm_storage_account', 'azurerm_batch_account']) {
        const roles = resourcesOf(json, type).map((resource: any) => resource.tags?.role);
        expect([type, roles.length > 0, new Set(roles)]).toEqual([type, true, new Set([tag])]);
      }
    }
  });

  test('a single-node pool is reported in the primary region only: standby capacity is pre-created, not relied on', () => {
    const reported = (role?: RegionRole) => findings(singleNodeRegion(role).stack).filter((finding) => finding.id === 'BATCH-006').map((finding) => finding.message);
    expect(reported()).toEqual(['has 1 dedicated node(s) outside a standby region']);
    expect(reported(RegionRole.PRIMARY)).toHaveLength(1);
    expect(reported(RegionRole.STANDBY)).toEqual([]);
  });
});
