import { AzureRegion } from '../../catalog/azure-region';
import { containerRegistryName } from '../../catalog/cloud-endpoints';
import { registryDestinations, registryOf, SimplifiedPool } from '../../pool/simplified-pool';
import { poolWayOut } from '../egress';
import { nsgDecision, poolSubnetSecurity } from '../nsg';
import { BestPracticeRule, Finding, Severity } from '../rule';
import { block, isExpression, list, privateConnections, ResourceView, StackView } from '../stack-view';

/** BATCH-015: container pools that pull images at start have a way out to the registry. */
export const containerRegistryRoute: BestPracticeRule = {
  id: 'BATCH-015',
  severity: Severity.WARNING,
  title: 'Container pools can reach their registry',
  explanation: 'Nodes pull the pool\'s container images from their registry while they start. A private pool subnet (the library\'s default, Egress.none()) with no NAT gateway, no route through a firewall and no registry private endpoint gives them no path, nor does an NSG that denies the registry\'s service tags (or, for a registry no tag covers, the Internet) first; the nodes never become ready: Batch marks a node that fails to download a container unusable, schedules no tasks to it and does not recover it.',
  source: 'learn.microsoft.com "Use Azure Batch to run container workloads", section "Container configuration for Batch pool" (images are pre-fetched on every node); "Default outbound access in Azure" (private subnets need an explicit outbound method); "Configure rules to access an Azure container registry behind a firewall", section "Allow access by service tag"; "Azure Batch pool and node errors", sections "Container download failure" and "Node in unusable state"',
  fix: 'Give the network an egress (Egress.natGateway() or Egress.throughHub(...); config "egress") and let the registry through the NSG (SimplifiedPool does under restrictOutbound for Azure and Microsoft registries), or put an Azure Container Registry private endpoint in the VNet for images from it.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    // An image given as an expression names no registry the stack shows.
    const images = list<unknown>(block(pool.attributes.container_configuration)?.container_image_names).filter((image): image is string => typeof image === 'string' && !isExpression(image));
    if (images.length === 0) return [];
    const way = poolWayOut(stack, pool);
    if (!way?.known) return [];
    if (way.wayOut) return deniedRegistries(stack, pool, images, way.wayOut);
    const served = servedRegistries(stack);
    const unreachable = images.filter((image) => !served.has(containerRegistryName(registryOf(image)) ?? ''));
    if (unreachable.length === 0) return [];
    return [{ resource: pool, message: `pulls ${unreachable.join(', ')} at node start, but its subnet ${way.subnet} has no way out (no default outbound access, NAT gateway or route to a firewall) and no registry private endpoint serves ${unreachable.length > 1 ? 'them' : 'it'}` }];
  }),
};

/**
 * Findings for the registries of `images` that the NSG on the pool's subnet denies on TCP 443 before any
 * allow, though the subnet leaves through `wayOut`: an Azure Container Registry or Microsoft's by the
 * tags {@link registryDestinations} gives (an allow in any region counts, since the registry's region is
 * not in the stack), any other by the Internet (quiet when a public range is allowed first, which may be
 * the registry). Registries served by a private endpoint in the stack are left out.
 */
function deniedRegistries(stack: StackView, pool: ResourceView, images: readonly string[], wayOut: string): Finding[] {
  const location = stack.locationOf(stack.accountOf(pool)?.attributes.location);
  if (typeof location !== 'string' || !AzureRegion.isKnown(location)) return [];
  const region = AzureRegion.of(location);
  const served = servedRegistries(stack);
  const registries = [...new Set(images.map(registryOf))].filter((registry) => !served.has(containerRegistryName(registry) ?? ''));
  // A SimplifiedPool under restrictOutbound warns itself about the registries no tag covers.
  const owner = pool.construct.node.scope;
  const warnedAlready = owner instanceof SimplifiedPool && owner.network.restrictOutbound && owner.network.egress.leavesTheNetwork;
  const { nsgs, subnet, routed } = poolSubnetSecurity(stack, pool);
  return nsgs.flatMap((nsg) => {
    const denied = registries.flatMap((registry) => {
      const tags = registryDestinations(registry, region).map(({ tag }) => tag.name);
      if (tags.length === 0 && warnedAlready) return [];
      const decisions = (tags.length > 0 ? tags : ['Internet']).map((tag) => ({ tag, decision: nsgDecision(stack, nsg, { protocol: 'Tcp', port: 443, tag, subnet, routed, allowedInAnyRegion: true }) }));
      // What the stack does not show, and (for the Internet) an allow that may be the registry, are not judged.
      if (decisions.some(({ tag, decision }) => decision === undefined || (tag === 'Internet' && decision.allowedElsewhereFirst))) return [];
      const refusals = decisions.filter(({ decision }) => decision!.rule.access !== 'Allow')
        .map(({ tag, decision }) => `${tag} (${decision!.rule.name}, priority ${decision!.rule.priority})`);
      return refusals.length > 0 ? [`${registry}: ${refusals.join(', ')}`] : [];
    });
    if (denied.length === 0) return [];
    return [{ resource: pool, message: `pulls images at node start, but the NSG ${nsg.attributes.name} on its subnet denies TCP 443 first to what its registries need, so ${wayOut} carries none of it: ${denied.join('; ')}` }];
  });
}

/** Registries served by a private endpoint in the stack, by name (the last segment of their id). */
function servedRegistries(stack: StackView): Set<string> {
  return new Set(privateConnections(stack).filter(({ subresources }) => subresources.includes('registry')).flatMap(({ resourceId }) => {
    // The registry by reference (`${azurerm_container_registry.acr.id}`) or by its id's last segment.
    const name = stack.target(resourceId, 'azurerm_container_registry')?.attributes.name ?? (isExpression(resourceId) ? undefined : String(resourceId).split('/').pop());
    return typeof name === 'string' && !isExpression(name) ? [name.toLowerCase()] : [];
  }));
}
