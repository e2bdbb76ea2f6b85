import { BestPracticeRule, Severity } from '../rule';
import { openRules, portsOf, subnetNamesOf } from '../nsg';

/** SEC-018: nothing allows inbound traffic from the Internet. */
export const nsgNoInboundInternet: BestPracticeRule = {
  id: 'SEC-018',
  severity: Severity.ERROR,
  title: 'No NSG rule allows inbound traffic from the Internet',
  explanation: 'Simplified mode needs no inbound rule at all; an inbound allow from */Internet exposes every node. Azure Bastion\'s subnet is the exception: its NSG takes HTTPS (TCP 443) from the Internet.',
  source: 'seeds/simplified-compute-node-communication.md "Benefits of simplified mode"; the NSG Internet-ingress checks of Checkov (SSH/RDP/HTTP) and Trivy; learn.microsoft.com "Working with NSG access and Azure Bastion", section "AzureBastionSubnet" (ingress on 443 from the Internet)',
  fix: 'Allow inbound only from specific ranges or service tags, or not at all.',
  // Azure Bastion needs inbound 443 from the Internet on its subnet's NSG (learn.microsoft.com "Working with
  // NSG access and Azure Bastion", section "AzureBastionSubnet", "Ingress Traffic from public internet").
  check: (stack) => openRules(stack, 'Inbound')
    .filter(({ nsg, rule }) => {
      const subnets = nsg ? subnetNamesOf(stack, nsg) : [];
      const bastion = subnets.length > 0 && subnets.every((name) => name?.toLowerCase() === 'azurebastionsubnet');
      const ports = portsOf(rule, 'destination').map(String);
      const https = ['tcp', '*'].includes(String(rule.protocol).toLowerCase()) && ports.length > 0 && ports.every((port) => port === '443' || port === '443-443');
      return !(bastion && https);
    })
    .map(({ resource, name }) => ({ resource, message: `rule ${name} allows inbound traffic from the Internet` })),
};
