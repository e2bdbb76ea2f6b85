import { BestPracticeRule, Severity } from '../rule';
import { isExpression } from '../stack-view';

/** Subnets Azure reserves for services that must not carry an NSG. */
const EXEMPT = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'];

/** SEC-017: every subnet has an NSG. */
export const subnetHasNsg: BestPracticeRule = {
  id: 'SEC-017',
  severity: Severity.ERROR,
  title: 'Every subnet is associated with an NSG',
  explanation: 'A subnet without an NSG has only Azure\'s default rules; the Batch rule set and any lockdown live in the NSG.',
  source: 'Checkov CKV2_AZURE_31; PSRule Azure.VNET.UseNSGs',
  fix: 'Associate an NSG with the subnet (BatchNetwork does for every subnet it creates).',
  check: (stack) => {
    // An association whose subnet the stack does not show (for_each, a function of ids) may be any
    // subnet's: then none is judged.
    const associations = stack.ofType('azurerm_subnet_network_security_group_association');
    if (associations.some((association) => isExpression(association.attributes.subnet_id) && stack.target(association.attributes.subnet_id, 'azurerm_subnet') === undefined)) return [];
    return stack.ofType('azurerm_subnet')
      .filter((subnet) => !EXEMPT.includes(subnet.attributes.name))
      .filter((subnet) => stack.pointingAt(subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id').length === 0)
      .map((subnet) => ({ resource: subnet, message: `subnet ${subnet.attributes.name} has no NSG association` }));
  },
};
