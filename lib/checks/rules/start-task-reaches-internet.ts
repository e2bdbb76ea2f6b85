import { poolWayOut } from '../egress';
import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/**
 * Commands that fetch from outside the VNet: package managers, downloaders, clones and pulls. A start
 * task is shell text, so this is a heuristic: a command it does not know is not reported.
 */
const FETCHES = /(?:^|[\s;&|(`'"/])(apt-get|apt|yum|dnf|tdnf|zypper|apk|curl|wget|pip3?|conda|npm|git\s+clone|docker\s+pull|snap\s+install|az\s+\S+)(?=\s|$)/m;

/** BATCH-017: start tasks that download have a way out. */
export const startTaskReachesInternet: BestPracticeRule = {
  id: 'BATCH-017',
  severity: Severity.WARNING,
  title: 'Start tasks that download can reach the Internet',
  explanation: 'A start task that installs packages or downloads files needs a path out of the VNet. In a private pool subnet (the library\'s default, Egress.none()) with no NAT gateway and no route through a firewall, the command fails on every node, and with wait_for_success the nodes never take tasks.',
  source: 'learn.microsoft.com "Default outbound access in Azure" (private subnets need an explicit outbound method); "Create a simplified node communication pool without public IP addresses", section "Outbound access to the internet"',
  fix: 'Give the network an egress (Egress.natGateway() or Egress.throughHub(...); config "egress"), or ship what the task needs as an application package or in a custom image.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const commandLine = block(pool.attributes.start_task)?.command_line;
    if (typeof commandLine !== 'string') return [];
    const fetch = FETCHES.exec(commandLine)?.[1];
    if (fetch === undefined) return [];
    const way = poolWayOut(stack, pool);
    if (!way?.known || way.wayOut) return [];
    return [{ resource: pool, message: `start task runs ${fetch.replace(/\s+/g, ' ')}, but its subnet ${way.subnet} has no way out (no default outbound access, NAT gateway or route to a firewall)` }];
  }),
};
