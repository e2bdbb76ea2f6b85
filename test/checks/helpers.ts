import { App, Testing } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { ALL_RULES } from '../../lib/checks/rules';
import { Severity } from '../../lib/checks/rule';
import { StackView } from '../../lib/checks/stack-view';
import { PoolScale } from '../../lib/pool/pool-scale';
import { PoolOptions } from '../../lib/pool/simplified-pool';
import { TODAY_CONTEXT_KEY } from '../../lib/private/today';
import { BatchRegionStack, BatchRegionStackProps } from '../../lib/region/batch-region-stack';
import type { TerraformStack } from 'cdktf';

/** A finding as tests compare it. */
export interface Reported {
  readonly id: string;
  readonly severity: Severity;
  readonly address: string;
  readonly message: string;
}

/** Runs every rule on `stack` directly (no aspect), as of `today`. */
export function findings(stack: TerraformStack, today = '2026-11-21'): Reported[] {
  const view = StackView.of(stack);
  const context = { today: new Date(`${today}T00:00:00Z`), endOfLifeWarningDays: 180 };
  return ALL_RULES.flatMap((rule) => rule.check(view, context).map((finding) => ({
    id: rule.id, severity: finding.severity ?? rule.severity, address: finding.resource.address, message: finding.message,
  })));
}

/** The ids `stack` is reported for. */
export function ids(stack: TerraformStack, today?: string): string[] {
  return [...new Set(findings(stack, today).map((finding) => finding.id))].sort();
}

export const WORK_POOL: PoolOptions = {
  name: 'work', vmSize: 'Standard_D4s_v5', scale: PoolScale.fixed({ dedicatedNodes: 2 }),
  dataDisks: [{ lun: 0, sizeGb: 256, mountPath: '/data/work' }],
};

/** A region stack built with the library's defaults: compliant with every rule. */
export function compliantStack(overrides: Partial<BatchRegionStackProps> = {}, context: Record<string, string> = {}): BatchRegionStack {
  const app: App = Testing.app({ context: { [TODAY_CONTEXT_KEY]: '2026-11-21', ...context } });
  return new BatchRegionStack(app, 'batch-eastus', {
    deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16', pools: [WORK_POOL], bestPractices: false, ...overrides,
  });
}
