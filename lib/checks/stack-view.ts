import { TerraformResource, TerraformStack } from '../engine';
import { fail } from '../private/problems';
import { resolvedIn } from '../private/resolve';

/** One provider resource as it will be synthesized: overrides applied, tokens resolved to references. */
export interface ResourceView {
  /** Terraform type, e.g. `azurerm_batch_pool`. */
  readonly type: string;
  /** Terraform address, e.g. `azurerm_batch_pool.Region_Pool-work_80C517FB`. */
  readonly address: string;
  /** Synthesized attributes (snake_case), `//` metadata removed. */
  readonly attributes: Record<string, any>;
  /** The construct, for annotations and suppressions. */
  readonly construct: TerraformResource;
}

const REFERENCE = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\.|\[|\})/;

/** Every provider resource of a stack, with lookups rules need. */
export class StackView {
  /** Builds the view of `stack` by resolving each resource's Terraform JSON. */
  public static of(stack: TerraformStack): StackView {
    return new StackView(resourcesOf(stack).map((resource) => {
      const json = resolvedIn(stack, resource.toTerraform()) as { resource: Record<string, Record<string, Record<string, any>>> };
      const [type, bodies] = Object.entries(json.resource)[0];
      const [logicalId, body] = Object.entries(bodies)[0];
      return viewOf(type, logicalId, body, resource);
    }));
  }

  /**
   * Builds the view of `stack` from its synthesized Terraform (the parsed `cdk.tf.json`), without
   * resolving anything again: each resource's block is the one at `resource.<type>.<logical id>`, as the
   * construct names them (`terraformResourceType`, `friendlyUniqueId`, both public in cdktf 0.21).
   * Throws when a resource of the tree is missing: the JSON is another stack's, or older than the tree.
   */
  public static fromSynthesized(stack: TerraformStack, synthesized: unknown): StackView {
    const blocks = (synthesized as { readonly resource?: Record<string, Record<string, Record<string, any>>> } | undefined)?.resource ?? {};
    return new StackView(resourcesOf(stack).map((resource) => {
      const type = resource.terraformResourceType;
      const logicalId = resource.friendlyUniqueId;
      const body = blocks[type]?.[logicalId];
      if (body === undefined) {
        fail(`the synthesized Terraform has no ${type}.${logicalId} (${resource.node.path}); pass the JSON synthesized from stack ${stack.node.path} as the tree is now`, 'BatchBestPractices.problemsOf');
      }
      return viewOf(type, logicalId, body, resource);
    }));
  }

  /** Every provider resource of the stack, in construct-tree order (parents before children). */
  public readonly resources: readonly ResourceView[];
  private readonly byAddress: Map<string, ResourceView>;

  constructor(resources: readonly ResourceView[]) {
    this.resources = resources;
    this.byAddress = new Map(resources.map((resource) => [resource.address, resource]));
  }

  /** The resources of `type`. */
  public ofType(type: string): ResourceView[] {
    return this.resources.filter((resource) => resource.type === type);
  }

  /**
   * The resource of `type` a value points at: a reference (`${azurerm_subnet.X.id}`) to one in this
   * stack, or a literal name or ARM id matching one. A literal ARM id matches only a resource in the
   * resource group (and, for a subnet, the VNet) it names; a literal name only one in `scope`'s
   * resource group, when given. Names compare case-insensitively, as ARM's do.
   */
  public target(value: unknown, type: string, scope: { readonly resourceGroupName?: unknown } = {}): ResourceView | undefined {
    if (typeof value !== 'string') return undefined;
    const address = REFERENCE.exec(value)?.[1];
    if (address !== undefined) {
      const found = this.byAddress.get(address);
      return found?.type === type ? found : undefined;
    }
    const segments = value.split('/');
    const name = segments[segments.length - 1].toLowerCase();
    const group = value.startsWith('/') ? segmentAfter(segments, 'resourceGroups') : this.nameOf(scope.resourceGroupName, 'azurerm_resource_group');
    const vnet = type === 'azurerm_subnet' && value.startsWith('/') ? segmentAfter(segments, 'virtualNetworks') : undefined;
    return this.ofType(type).find((resource) => {
      if (this.nameOf(resource.attributes.name, type)?.toLowerCase() !== name) return false;
      if (!sameOrUnknown(group, this.nameOf(resource.attributes.resource_group_name, 'azurerm_resource_group'))) return false;
      return sameOrUnknown(vnet, this.nameOf(resource.attributes.virtual_network_name, 'azurerm_virtual_network'));
    });
  }

  /** The Batch account `pool` runs under: the one its `account_name` names, in the pool's resource group. */
  public accountOf(pool: ResourceView): ResourceView | undefined {
    return this.target(pool.attributes.account_name, 'azurerm_batch_account', { resourceGroupName: pool.attributes.resource_group_name });
  }

  /**
   * A `location` attribute as a literal: itself, or the location of the resource group it is taken from
   * (`${azurerm_resource_group.x.location}`, the usual way to write it); undefined for any other expression.
   */
  public locationOf(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    if (!isExpression(value)) return value;
    const address = REFERENCE.exec(value)?.[1];
    if (address === undefined || value !== `\${${address}.location}`) return undefined;
    const location = this.target(value, 'azurerm_resource_group')?.attributes.location;
    return typeof location === 'string' && !isExpression(location) ? location : undefined;
  }

  /** A name attribute as a literal: itself, or the name of the resource of `type` it references. */
  private nameOf(value: unknown, type: string): string | undefined {
    if (typeof value !== 'string') return undefined;
    if (!isExpression(value)) return value;
    const name = REFERENCE.exec(value) ? this.target(value, type)?.attributes.name : undefined;
    return typeof name === 'string' && !isExpression(name) ? name : undefined;
  }

  /** Resources of `type` whose `attribute` points at `target`. */
  public pointingAt(target: ResourceView, type: string, attribute: string): ResourceView[] {
    return this.ofType(type).filter((resource) => this.target(resource.attributes[attribute], target.type) === target);
  }
}

/** The provider resources of `stack`, in construct-tree order. */
function resourcesOf(stack: TerraformStack): TerraformResource[] {
  return stack.node.findAll().filter((node): node is TerraformResource => node instanceof TerraformResource);
}

/** A resource's view: its synthesized block without the `//` metadata. */
function viewOf(type: string, logicalId: string, body: Record<string, any>, construct: TerraformResource): ResourceView {
  const attributes = { ...body };
  delete attributes['//'];
  return { type, address: `${type}.${logicalId}`, attributes, construct };
}

/** A value as a list: blocks may synthesize as an object or a list of objects. */
export function list<T = any>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** The first block of a nested block value. */
export function block(value: unknown): Record<string, any> | undefined {
  return list<Record<string, any>>(value)[0];
}

/** Whether a value is still a Terraform expression (known only at apply time). */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/**
 * The association resources of `type` (`azurerm_subnet_nat_gateway_association`, ...) on the subnet
 * `subnetId` names: by reference to a subnet of the stack, or, for a subnet the stack does not create, by
 * the same literal ARM id (ids compare case-insensitively).
 */
export function subnetAssociations(stack: StackView, subnetId: unknown, type: string): ResourceView[] {
  const subnet = stack.target(subnetId, 'azurerm_subnet');
  return stack.ofType(type).filter((association) => (subnet
    ? stack.target(association.attributes.subnet_id, 'azurerm_subnet') === subnet
    : typeof subnetId === 'string' && !isExpression(subnetId) && String(association.attributes.subnet_id).toLowerCase() === subnetId.toLowerCase()));
}

/** The private service connections of the stack's private endpoints: the resource each reaches, and its sub-resources. */
export function privateConnections(stack: StackView): Array<{ readonly resourceId: unknown; readonly subresources: string[] }> {
  return stack.ofType('azurerm_private_endpoint').map((endpoint) => block(endpoint.attributes.private_service_connection))
    .map((connection) => ({ resourceId: connection?.private_connection_resource_id, subresources: list<string>(connection?.subresource_names) }));
}

/** The ARM id segment after `key` (`resourceGroups`, `virtualNetworks`), compared case-insensitively. */
function segmentAfter(segments: readonly string[], key: string): string | undefined {
  const i = segments.findIndex((segment) => segment.toLowerCase() === key.toLowerCase());
  return i >= 0 ? segments[i + 1] : undefined;
}

/** Two names that may be unknown at synth time: only two known, different names differ. */
function sameOrUnknown(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a.toLowerCase() === b.toLowerCase();
}
