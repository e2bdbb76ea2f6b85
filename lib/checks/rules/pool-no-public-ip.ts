import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** SEC-006: pool nodes have no public IP addresses. */
export const poolNoPublicIp: BestPracticeRule = {
  id: 'SEC-006',
  severity: Severity.WARNING,
  title: 'Pool nodes have no public IP addresses',
  explanation: 'Nodes without public IPs cannot be reached from the Internet; simplified mode reaches Batch through the nodeManagement private endpoint.',
  source: 'seeds/simplified-compute-node-communication.md; azure/batch-facts.md (c)',
  fix: 'Set network_configuration.public_address_provisioning_type = "NoPublicIPAddresses" (PublicIpMode.NONE), or suppress with the reason you need static IPs.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const mode = block(pool.attributes.network_configuration)?.public_address_provisioning_type;
    return mode === 'NoPublicIPAddresses' ? [] : [{ resource: pool, message: `public_address_provisioning_type is ${JSON.stringify(mode ?? 'unset (BatchManaged)')}` }];
  }),
};
