import { poolWayOut } from '../egress';
import { nsgDecision, poolSubnetSecurity } from '../nsg';
import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/**
 * Commands that fetch from outside the VNet: package managers, downloaders, clones and pulls. A start
 * task is shell text, so this is a heuristic: a command it does not know is not reported.
 */
const FETCHES = /(?:^|[\s;&|(`'"/])(apt-get|apt|yum|dnf|tdnf|zypper|apk|curl|wget|pip3?|conda|npm|git\s+clone|docker\s+pull|snap\s+install|az\s+\S+)(?=\s|$)/m;

/**
 * Of those, the ones that fetch from public repositories (distribution mirrors, PyPI, npm, the Snap
 * store, Git hosts), over HTTP or HTTPS: only an NSG rule that lets the Internet through serves them.
 * What curl, wget, az and docker pull reach depends on their arguments, which may be Azure services.
 */
const FROM_PUBLIC_REPOSITORIES = /^(?:apt-get|apt|yum|dnf|tdnf|zypper|apk|pip3?|conda|npm|snap\s+install|git\s+clone)$/;

/** BATCH-017: start tasks that download have a way out. */
export const startTaskReachesInternet: BestPracticeRule = {
  id: 'BATCH-017',
  severity: Severity.WARNING,
  title: 'Start tasks that download can reach the Internet',
  explanation: 'A start task that installs packages or downloads files needs a path out of the VNet. In a private pool subnet (the library\'s default, Egress.none()) with no NAT gateway and no route through a firewall, or behind an NSG that denies the Internet (restrictOutbound\'s Deny-Out-All) to a package manager or a git clone, the command fails on every node, and with wait_for_success the nodes never take tasks: once its retries are spent, Batch sets each node to starttaskfailed and schedules nothing to it.',
  source: 'learn.microsoft.com "Default outbound access in Azure" (private subnets need an explicit outbound method); "Create a simplified node communication pool without public IP addresses", section "Outbound access to the internet"; "Network security groups", section "Security rules" (rules are processed in priority order, and processing stops at the first match); "Azure Batch pool and node errors", section "Start task failures" (waitForSuccess)',
  fix: 'Give the network an egress (Egress.natGateway() or Egress.throughHub(...); config "egress") and, under restrictOutbound, allow the repositories the task uses (NetworkRule.allowOutbound; config "allowOutbound"), or ship what the task needs as an application package or in a custom image.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const commandLine = block(pool.attributes.start_task)?.command_line;
    if (typeof commandLine !== 'string') return [];
    const fetches = [...commandLine.matchAll(new RegExp(FETCHES.source, 'gm'))].map((match) => match[1].replace(/\s+/g, ' '));
    if (fetches.length === 0) return [];
    const way = poolWayOut(stack, pool);
    if (!way?.known) return [];
    if (!way.wayOut) return [{ resource: pool, message: `start task runs ${fetches[0]}, but its subnet ${way.subnet} has no way out (no default outbound access, NAT gateway or route to a firewall)` }];
    const command = fetches.find((fetch) => FROM_PUBLIC_REPOSITORIES.test(fetch));
    if (command === undefined) return [];
    const { nsgs, subnet, routed } = poolSubnetSecurity(stack, pool);
    return nsgs.flatMap((nsg) => {
      // Quiet when an allow that may reach the repository comes first, or the stack does not show the rules.
      const decisions = [80, 443].map((port) => nsgDecision(stack, nsg, { protocol: 'Tcp', port, tag: 'Internet', subnet, routed }));
      if (decisions.some((decision) => decision === undefined || decision.rule.access === 'Allow' || decision.allowedElsewhereFirst)) return [];
      const rules = [...new Set(decisions.map((decision) => `${decision!.rule.name} (priority ${decision!.rule.priority})`))].join(' and ');
      return [{ resource: pool, message: `start task runs ${command}, but the NSG ${nsg.attributes.name} on its subnet denies TCP 80 and 443 to the Internet first (${rules}), so ${way.wayOut} carries none of it` }];
    });
  }),
};
