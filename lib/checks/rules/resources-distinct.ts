import { BestPracticeRule, Severity } from '../rule';
import type { ResourceView } from '../stack-view';

/** Attributes ending in `_name` that name no parent: a pool's display name, a private endpoint's NIC. */
const NOT_PARENTS = new Set(['display_name', 'custom_network_interface_name']);

/**
 * Attributes of a resource besides its name that say which Azure resource it is: its provider (another
 * alias may be another subscription), every parent named by name (`resource_group_name`,
 * `virtual_network_name`, `account_name`, `zone_name`, ...), and the parents named by id of resources that
 * have no resource group of their own (a storage container's account, a lock's scope, a diagnostic
 * setting's target).
 */
function identityOf(resource: ResourceView): string | undefined {
  const { name } = resource.attributes;
  if (typeof name !== 'string' || name.includes('${')) return undefined;
  const byId = typeof resource.attributes.resource_group_name !== 'string';
  const parent = (key: string) => key === 'provider' || (key.endsWith('_name') && !NOT_PARENTS.has(key)) || (byId && (key === 'scope' || key.endsWith('_id')));
  const parents = Object.entries(resource.attributes)
    .filter(([key, value]) => typeof value === 'string' && parent(key))
    .map(([key, value]) => `${key}=${(value as string).toLowerCase()}`)
    .sort();
  // Azure names compare case-insensitively unless noted ("Naming rules and restrictions for Azure resources").
  return [resource.type, `name=${name.toLowerCase()}`, ...parents].join('\0');
}

/** BATCH-022: no two resources of a stack are one Azure resource. */
export const resourcesDistinct: BestPracticeRule = {
  id: 'BATCH-022',
  severity: Severity.ERROR,
  title: 'No two resources of a stack are one Azure resource',
  explanation: 'Two resources of one type with one name (in any letter case) in one parent — the same resource group, virtual network, Batch account or DNS zone — are one Azure resource: names are unique within their parent and compare case-insensitively. Terraform does not see it: the second create finds the first and fails ("already exists"), or, when both are created at once, both succeed and two resources of the state manage one Azure resource, each undoing the other\'s changes. Library constructs given one baseName, namePrefix or name in one stack do this.',
  source: 'learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules ("Scope" of each resource type; names are case-insensitive unless noted)',
  fix: 'Give each resource its own name: for library constructs, their own baseName, namePrefix or name.',
  check: (stack) => {
    const seen = new Map<string, ResourceView>();
    return stack.resources.flatMap((resource) => {
      const identity = identityOf(resource);
      if (identity === undefined) return [];
      const first = seen.get(identity);
      if (first === undefined) {
        seen.set(identity, resource);
        return [];
      }
      return [{ resource, message: `names the Azure resource ${first.address} names too: ${resource.type} "${String(resource.attributes.name)}" in the same parent` }];
    });
  },
};
