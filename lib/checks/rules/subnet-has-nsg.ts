import { BestPracticeRule, Severity } from '../rule';
import { isExpression } from '../stack-view';

/**
 * Subnets Azure reserves for services that must not carry an NSG:
 * - GatewaySubnet: learn.microsoft.com "About ExpressRoute virtual network gateways", section "Gateway
 *   subnet" ("NSGs on the gateway subnet aren't supported"; an NSG there may stop VPN and ExpressRoute
 *   gateways working), and Azure Policy's built-in that denies one (Azure/azure-policy,
 *   policyDefinitions/Network/NetworkSecurityGroupOnGatewaySubnet_Deny.json);
 * - AzureFirewallSubnet: "Azure Firewall FAQ", "Are Network Security Groups (NSGs) supported on the
 *   AzureFirewallSubnet?" (subnet-level NSGs are disabled there);
 * - RouteServerSubnet: "Azure Route Server FAQ", "Can I associate a Network Security group (NSG) to the
 *   RouteServerSubnet?" ("No"); read in the page's docs source of 2022-07-31, as the stored copies of
 *   the live page end before that question;
 * - AzureFirewallManagementSubnet: no Learn page says so (neither "Azure Firewall Management NIC" nor
 *   "Azure Firewall forced tunneling"; the FAQ's answer is about AzureFirewallSubnet). PSRule's
 *   Azure.VNET.UseNSGs exempts it with the three above (PSRule.Rules.Azure rules/Azure.VNET.Rule.ps1, and
 *   its rule page: "special purpose subnets that do not support NSGs"), and so does Azure Landing
 *   Zones' NSG policy (Azure/Enterprise-Scale#456, "subnets for internal services which do not support
 *   NSGs, such as GatewaySubnet, AzureFirewallSubnet, and AzureFirewallManagementSubnet"; in PR #630 a
 *   maintainer found it "protected by the platform", 2021-06-28).
 */
const EXEMPT = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'];

/** SEC-017: every subnet has an NSG. */
export const subnetHasNsg: BestPracticeRule = {
  id: 'SEC-017',
  severity: Severity.ERROR,
  title: 'Every subnet is associated with an NSG',
  explanation: 'A subnet without an NSG filters no traffic at all; the Batch rule set and any lockdown live in the NSG. Subnets Azure reserves for gateways, Azure Firewall and Route Server are exempt. When an association\'s subnet is an expression the stack does not resolve (for_each, a function of ids) and no data source\'s, no subnet is judged.',
  source: 'Checkov CKV2_AZURE_31; PSRule Azure.VNET.UseNSGs; exemptions: learn.microsoft.com "About ExpressRoute virtual network gateways" (section "Gateway subnet"), "Azure Firewall FAQ" and "Azure Route Server FAQ" (NSGs on their subnets)',
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
