import { AzureRegion } from '../../lib/catalog/azure-region';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { collectProblems } from '../../lib/private/problems';
import { TODAY_CONTEXT_KEY } from '../../lib/private/today';
import { BatchRegion, BatchRegionProps } from '../../lib/region/batch-region';
import { BatchRegionStack } from '../../lib/region/batch-region-stack';
import { PairedStorageAccount } from '../../lib/storage/paired-storage-account';
import { PoolScale } from '../../lib/pool/pool-scale';
import { newStack, warningsOf } from '../helpers';
import { Testing } from 'cdktf';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
function region(props: Partial<BatchRegionProps> = {}) {
  const stack = newStack();
  const construct = new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: AzureRegion.of('westeurope'), addressSpace: '10.30.0.0/16', ...props });
  return { stack, construct };
}
test('probe', () => {
  const out: unknown[] = [];
  const log = (x: unknown) => out.push(x);
  const err = (fn: () => unknown) => { try { fn(); return 'NO ERROR'; } catch (e) { return (e as Error).message; } };
  {
    const { stack } = region({ ruleSet: NodeCommunicationRuleSet.CLASSIC, pools: [{ name: 'a', vmSize: 'Standard_D2s_v5' }, { name: 'a', vmSize: 'Standard_D2s_v5' }] });
    log(collectProblems(stack));
  }
  {
    const stack = newStack();
    const storage = PairedStorageAccount.fromStorageAccountId(stack, 'Data', `${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata`, { region: AzureRegion.of('westus') });
    log(err(() => new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: AzureRegion.of('westeurope'), addressSpace: '10.30.0.0/16', storage })));
  }
  {
    const { stack } = region({ applications: [{ name: 'x' }, { name: 'bad app' }, { name: 'X' }] });
    log(collectProblems(stack));
  }
  {
    const app = Testing.app({ context: { [TODAY_CONTEXT_KEY]: '2026-11-21' } });
    const s = new BatchRegionStack(app, 'batch-uksouth', { deploymentName: 'contoso', region: AzureRegion.of('uksouth'), addressSpace: '10.40.0.0/16', subscriptionId: '00000000-0000-0000-0000-000000000000',
      pools: [{ name: 'one', vmSize: 'Standard_D2s_v5', scale: PoolScale.fixed({ dedicatedNodes: 1 }) }] });
    (s.batchRegion.storage as PairedStorageAccount).resource.addOverride('allow_nested_items_to_be_public', true);
    log(collectProblems(s));
    log(warningsOf(s));
    log(err(() => Testing.synth(s, true)));
    const s2 = new BatchRegionStack(Testing.app(), 'batch-uksouth', { deploymentName: 'contoso', region: AzureRegion.of('uksouth'), addressSpace: '10.40.0.0/16', bestPractices: false, subscriptionId: '00000000-0000-0000-0000-000000000000',
      pools: [{ name: 'one', vmSize: 'Standard_D2s_v5', scale: PoolScale.fixed({ dedicatedNodes: 1 }) }] });
    (s2.batchRegion.storage as PairedStorageAccount).resource.addOverride('allow_nested_items_to_be_public', true);
    log(collectProblems(s2));
    log(warningsOf(s2));
  }
  console.log(JSON.stringify(out, null, 1));
});
