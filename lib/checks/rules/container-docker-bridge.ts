import { DOCKER_BRIDGE_CIDR, dockerBridgeOverlaps, Ipv4Cidr } from '../../private/cidr';
import { BestPracticeRule, Severity } from '../rule';
import { block, list } from '../stack-view';

/** BATCH-007: container pools' networks stay off Docker's default bridge. */
export const containerDockerBridge: BestPracticeRule = {
  id: 'BATCH-007',
  severity: Severity.ERROR,
  title: 'Container pools do not use Docker\'s default bridge range',
  explanation: 'Docker creates 172.17.0.0/16 on every node; a VNet or subnet overlapping it makes container traffic to those addresses go nowhere.',
  source: 'seeds/batch-best-practices.md, "Container pools"; azure/batch-facts.md (f)',
  fix: 'Move the pool subnet and its VNet outside 172.17.0.0/16.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    if (!pool.attributes.container_configuration) return [];
    const subnet = stack.target(block(pool.attributes.network_configuration)?.subnet_id, 'azurerm_subnet');
    const vnet = subnet && stack.target(subnet.attributes.virtual_network_name, 'azurerm_virtual_network', { resourceGroupName: subnet.attributes.resource_group_name });
    const overlapping = dockerBridgeOverlaps([...list<string>(subnet?.attributes.address_prefixes), ...list<string>(vnet?.attributes.address_space)]
      .map((text) => Ipv4Cidr.parse(text))
      .filter((cidr): cidr is Ipv4Cidr => typeof cidr !== 'string'));
    return overlapping.length > 0 ? [{ resource: pool, message: `runs in ${overlapping.join(', ')}, which overlaps ${DOCKER_BRIDGE_CIDR}` }] : [];
  }),
};
