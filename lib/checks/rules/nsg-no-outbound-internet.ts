import { BestPracticeRule, Severity } from '../rule';
import { openRules } from '../nsg';

/** SEC-019: nothing allows outbound traffic to the whole Internet. */
export const nsgNoOutboundInternet: BestPracticeRule = {
  id: 'SEC-019',
  severity: Severity.WARNING,
  title: 'No NSG rule allows outbound traffic to the whole Internet',
  explanation: 'Simplified mode removes the need for outbound Internet; an explicit allow to */Internet defeats outbound restriction and data-exfiltration control.',
  source: 'seeds/simplified-compute-node-communication.md "Benefits of simplified mode" (exfiltration control)',
  fix: 'Allow outbound only to the service tags or ranges your tasks need.',
  check: (stack) => openRules(stack, 'Outbound').map(({ resource, name }) => ({ resource, message: `rule ${name} allows outbound traffic to the Internet` })),
};
