import { nameProblem, NameRule, NameRules } from '../../private/names';
import { BestPracticeRule, Severity } from '../rule';

const POOL: NameRule = { resource: 'pool id', minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9_-]+$/, charset: 'letters, digits, hyphens and underscores' };
const RULES: Record<string, NameRule> = {
  azurerm_batch_account: NameRules.batchAccount,
  azurerm_storage_account: NameRules.storageAccount,
  azurerm_batch_pool: POOL,
  azurerm_virtual_network: NameRules.virtualNetwork,
  azurerm_subnet: NameRules.subnet,
  azurerm_network_security_group: NameRules.networkSecurityGroup,
  azurerm_nat_gateway: NameRules.natGateway,
  azurerm_route_table: NameRules.routeTable,
  azurerm_public_ip: NameRules.publicIp,
  azurerm_log_analytics_workspace: NameRules.logAnalyticsWorkspace,
};

/** BATCH-011: physical names follow Azure's rules. */
export const namesValid: BestPracticeRule = {
  id: 'BATCH-011',
  severity: Severity.ERROR,
  title: 'Physical names are valid for their resource',
  explanation: 'Azure rejects invalid names only at deploy time, after other resources were created; Batch account and storage names are part of DNS names.',
  source: 'DESIGN.md "Names"; azure/batch-facts.md (d)',
  fix: 'Use the generated names, or override with a name that follows the rule in the message.',
  check: (stack) => stack.resources.flatMap((resource) => {
    const rule = RULES[resource.type];
    const name = resource.attributes.name;
    if (!rule || typeof name !== 'string' || name.includes('${')) return [];
    const problem = nameProblem(rule, name);
    return problem ? [{ resource, message: `name "${name}" ${problem}` }] : [];
  }),
};
