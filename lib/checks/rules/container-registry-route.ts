import { BestPracticeRule, Severity } from '../rule';
import { block, list } from '../stack-view';

/** BATCH-015: container pools that pull images at start have a way out to the registry. */
export const containerRegistryRoute: BestPracticeRule = {
  id: 'BATCH-015',
  severity: Severity.WARNING,
  title: 'Container pools can reach their registry',
  explanation: 'Nodes pull the pool\'s container images from their registry while they start. A pool subnet without default outbound access, NAT gateway or other egress gives them no route, and the nodes never become ready. The library\'s subnets have no outbound access by default.',
  source: 'learn.microsoft.com "Use Azure Batch to run container workloads", section "Container configuration for Batch pool" (images are pre-fetched on every node); "Default outbound access in Azure"',
  fix: 'Give the subnet egress (a NAT gateway, or a route through your firewall), or put an Azure Container Registry private endpoint in the VNet; then suppress with what you chose.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const images = list(block(pool.attributes.container_configuration)?.container_image_names);
    if (images.length === 0) return [];
    const subnet = stack.target(block(pool.attributes.network_configuration)?.subnet_id, 'azurerm_subnet');
    if (!subnet || subnet.attributes.default_outbound_access_enabled !== false) return [];
    if (stack.pointingAt(subnet, 'azurerm_subnet_nat_gateway_association', 'subnet_id').length > 0) return [];
    return [{ resource: pool, message: `pulls ${images.length} container image(s) at node start, but its subnet ${subnet.attributes.name} has no outbound access or NAT gateway` }];
  }),
};
