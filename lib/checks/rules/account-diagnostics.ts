import { BestPracticeRule, Severity } from '../rule';
import { list } from '../stack-view';

/** SEC-005: Batch accounts send all their logs somewhere. */
export const accountDiagnostics: BestPracticeRule = {
  id: 'SEC-005',
  severity: Severity.WARNING,
  title: 'Batch accounts have diagnostic settings with all logs',
  explanation: 'Service and audit logs are what an incident investigation starts from; without a diagnostic setting they are not kept.',
  source: 'Microsoft cloud security benchmark, Azure Batch security baseline LT-3 (logging); the diagnostic-settings checks of Checkov and PSRule',
  fix: 'Add a monitor diagnostic setting for the account with enabled_log { category_group = "allLogs" }.',
  check: (stack) => stack.ofType('azurerm_batch_account').flatMap((account) => {
    const settings = stack.pointingAt(account, 'azurerm_monitor_diagnostic_setting', 'target_resource_id');
    const allLogs = settings.some((setting) => list(setting.attributes.enabled_log).some((log: any) => log.category_group === 'allLogs' || log.category_group === 'audit'));
    return allLogs ? [] : [{ resource: account, message: settings.length === 0 ? 'has no diagnostic setting' : 'has no diagnostic setting sending allLogs' }];
  }),
};
