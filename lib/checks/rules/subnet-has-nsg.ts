import { BestPracticeRule, Severity } from '../rule';
import { isExpression } from '../stack-view';

/**
 * Subnets Azure reserves for services that must not carry an NSG: gateways, Azure Firewall and Route
 * Server. Sources: Azure Policy's built-in "Gateway subnets should not be configured with a network
 * security group" (Azure/azure-policy, policyDefinitions/Network/NetworkSecurityGroupOnGatewaySubnet_Deny.json:
 * an NSG "will cause the gateway to stop functioning"), and PSRule's Azure.VNET.UseNSGs, which exempts
 * GatewaySubnet, AzureFirewallSubnet and AzureFirewallManagementSubnet (PSRule.Rules.Azure 1.13.4,
 * rules/Azure.VNET.Rule.ps1). RouteServerSubnet has no source recorded here yet.
 */
const EXEMPT = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'];

/** SEC-017: every subnet has an NSG. */
export const subnetHasNsg: BestPracticeRule = {
  id: 'SEC-017',
  severity: Severity.ERROR,
  title: 'Every subnet is associated with an NSG',
  explanation: 'A subnet without an NSG filters no traffic at all; the Batch rule set and any lockdown live in the NSG. Subnets Azure reserves for gateways, Azure Firewall and Route Server are exempt. When an association\'s subnet is an expression the stack does not resolve (for_each, a function of ids) and no data source\'s, no subnet is judged.',
  source: 'Checkov CKV2_AZURE_31; PSRule Azure.VNET.UseNSGs',
  fix: 'Associate an NSG with the subnet (BatchNetwork does for every subnet it creates).',
  check: (stack) => {
    // An association whose subnet the stack does not show (for_each, a function of ids) may be any
    // subnet's: then none is judged. One on a data source's subnet is on a subnet that exists already.
    const associations = stack.ofType('azurerm_subnet_network_security_group_association');
    const unknown = (id: unknown) => isExpression(id) && !String(id).startsWith('${data.') && stack.target(id, 'azurerm_subnet') === undefined;
    if (associations.some((association) => unknown(association.attributes.subnet_id))) return [];
    return stack.ofType('azurerm_subnet')
      .filter((subnet) => typeof subnet.attributes.name === 'string' && !isExpression(subnet.attributes.name))
      .filter((subnet) => !EXEMPT.some((name) => name.toLowerCase() === String(subnet.attributes.name).toLowerCase()))
      .filter((subnet) => stack.pointingAt(subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id').length === 0)
      .map((subnet) => ({ resource: subnet, message: `subnet ${subnet.attributes.name} has no NSG association` }));
  },
};
