import { AzureCloud, AzureRegion } from '../../catalog/azure-region';
import { VmSize } from '../../catalog/vm-size';
import { CAPACITY_RESTRICTIONS_BEGIN } from '../../catalog/vm-size-retirement';
import { daysUntil } from '../../private/today';
import { endOfLifeFindings } from '../end-of-life';
import { BestPracticeRule, Severity } from '../rule';
import { isExpression } from '../stack-view';

/** BATCH-020: the pool's VM size is of a series Azure has not retired, and is not retiring soon. */
export const poolVmSizeRetirement: BestPracticeRule = {
  id: 'BATCH-020',
  severity: Severity.ERROR,
  title: 'The pool\'s VM size is of a series Azure still provisions',
  explanation: 'A retired VM size series "can\'t be provisioned", and on its retirement date Azure deallocates the VMs left in it, so a pool of it gets no nodes. Within the end-of-life horizon a retirement is a warning, and so is a series under the capacity growth restrictions that began in July 2026, under which new subscriptions cannot deploy it and more quota is not approved (Learn does not say how they apply to the subscriptions Batch allocates service-managed pools in).',
  source: 'learn.microsoft.com/azure/virtual-machines/sizes/lifecycle/retirements-and-capacity-restrictions (ms.date 2026-09-24), "Retired and retiring VM size series" and "Impacted VM series"; the older series\' own retirement notices; lib/catalog/vm-size-retirement.ts',
  fix: 'Move the pool to a current series of the same kind, e.g. Dsv5 or Dsv6 for D, Esv5 or Esv6 for E, a v6 F size for Fsv2 (Learn\'s "Modernization guide" for the series names them); a new VM size replaces the pool (README, "Replacing a pool").',
  check: (stack, context) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const name = pool.attributes.vm_size;
    if (typeof name !== 'string' || isExpression(name)) return [];
    const retirement = VmSize.of(name).retirement;
    if (retirement === undefined) return [];
    if (retirement.publicCloudOnly) {
      const location = stack.locationOf(stack.accountOf(pool)?.attributes.location);
      const cloud = typeof location === 'string' && AzureRegion.isKnown(location) ? AzureRegion.of(location).cloud : undefined;
      if (cloud !== AzureCloud.PUBLIC) return [];
    }
    const of = `${name} is of the ${retirement.series}`;
    const retiring = endOfLifeFindings(pool, retirement.date, context,
      (date) => `${of}, which Azure retired on ${date}: it provisions no VMs of it`, (date, when) => `${of}, which Azure retires on ${date}, ${when}`);
    if (retiring.length > 0 || !retirement.capacityRestricted || daysUntil(CAPACITY_RESTRICTIONS_BEGIN.date, context.today) > 0) return retiring;
    return [{
      resource: pool,
      severity: Severity.WARNING,
      message: `${of}, whose capacity growth Azure restricts since ${CAPACITY_RESTRICTIONS_BEGIN.text} (new subscriptions cannot deploy it, more quota is not approved) and which retires on ${retirement.date.toISOString().slice(0, 10)}`,
    }];
  }),
};
