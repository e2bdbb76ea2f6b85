import { containerRegistryName } from '../../catalog/cloud-endpoints';
import { poolWayOut } from '../egress';
import { BestPracticeRule, Severity } from '../rule';
import { block, list } from '../stack-view';


/** BATCH-015: container pools that pull images at start have a way out to the registry. */
export const containerRegistryRoute: BestPracticeRule = {
  id: 'BATCH-015',
  severity: Severity.WARNING,
  title: 'Container pools can reach their registry',
  explanation: 'Nodes pull the pool\'s container images from their registry while they start. A private pool subnet (the library\'s default, Egress.none()) with no NAT gateway, no route through a firewall and no registry private endpoint gives them no path, and the nodes never become ready.',
  source: 'learn.microsoft.com "Use Azure Batch to run container workloads", section "Container configuration for Batch pool" (images are pre-fetched on every node); "Default outbound access in Azure" (private subnets need an explicit outbound method)',
  fix: 'Give the network an egress (Egress.natGateway() or Egress.throughHub(...); config "egress"), or put an Azure Container Registry private endpoint in the VNet for images from it.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const images = list<string>(block(pool.attributes.container_configuration)?.container_image_names);
    if (images.length === 0) return [];
    const way = poolWayOut(stack, pool);
    if (!way?.known || way.wayOut) return [];
    // Registries served by a private endpoint in the stack, by name (the last segment of their id).
    const served = new Set(stack.ofType('azurerm_private_endpoint').flatMap((endpoint) => {
      const connection = block(endpoint.attributes.private_service_connection);
      return list(connection?.subresource_names).includes('registry') ? [String(connection?.private_connection_resource_id).split('/').pop()!.toLowerCase()] : [];
    }));
    const unreachable = images.filter((image) => !served.has(containerRegistryName(image.split('/')[0]) ?? ''));
    if (unreachable.length === 0) return [];
    return [{ resource: pool, message: `pulls ${unreachable.join(', ')} at node start, but its subnet ${way.subnet} has no way out (no default outbound access, NAT gateway or route to a firewall) and no registry private endpoint serves ${unreachable.length > 1 ? 'them' : 'it'}` }];
  }),
};
