import { Fn, Token } from '../engine';

/** Subscription ids are GUIDs ("Get subscription and tenant IDs in the Azure portal"). */
export const SUBSCRIPTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Shape of an ARM resource id: the path after the resource group, with one capture per name. `strict`
 * kinds reach provider attributes whose validators compare the fixed segments exactly (go-azure-helpers
 * `resourceids/parse.go`, vendored at azurerm v4.55.0: `commonids.ValidateSubnetID`,
 * `ValidateVirtualNetworkID`, `ValidateStorageAccountID`, `ValidateUserAssignedIdentityID`,
 * `workspaces.ValidateWorkspaceID`, `privatezones.ValidatePrivateDnsZoneID`,
 * `routetables.ValidateRouteTableID`); the others are only split into names, or reach `ValidateResourceID`,
 * which takes any case.
 */
const ARM_ID_SHAPES = {
  virtualNetwork: {
    strict: true,
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>',
  },
  subnet: {
    strict: true,
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/${}%]+)\/subnets\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
  },
  storageAccount: {
    strict: true,
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.Storage\/storageAccounts\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>',
  },
  keyVault: {
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>',
  },
  logAnalyticsWorkspace: {
    strict: true,
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<workspace>',
  },
  privateDnsZone: {
    strict: true,
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.Network\/privateDnsZones\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<zone>',
  },
  userAssignedIdentity: {
    strict: true,
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity>',
  },
  batchAccount: {
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.Batch\/batchAccounts\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Batch/batchAccounts/<account>',
  },
  networkSecurityGroup: {
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.Network\/networkSecurityGroups\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/networkSecurityGroups/<nsg>',
  },
  routeTable: {
    strict: true,
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.Network\/routeTables\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/routeTables/<table>',
  },
  containerRegistry: {
    pattern: /^\/subscriptions\/[^/${}%]+\/resourceGroups\/([^/${}%]+)\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/${}%]+)$/i,
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<registry>',
  },
} as const;

export type ArmIdKind = keyof typeof ARM_ID_SHAPES;

const KIND_WORDS: Record<ArmIdKind, string> = {
  virtualNetwork: 'virtual network',
  subnet: 'subnet',
  storageAccount: 'storage account',
  keyVault: 'key vault',
  logAnalyticsWorkspace: 'Log Analytics workspace',
  privateDnsZone: 'private DNS zone',
  networkSecurityGroup: 'network security group',
  batchAccount: 'Batch account',
  userAssignedIdentity: 'user-assigned identity',
  routeTable: 'route table',
  containerRegistry: 'container registry',
};

/** Resource group and names in an ARM id, e.g. `[group, vnet, subnet]` for a subnet id. */
export interface ArmIdParts {
  readonly resourceGroupName: string;
  /** Names after the provider namespace, outermost first: `[vnet]` or `[vnet, subnet]`. */
  readonly names: readonly string[];
}

/**
 * Splits an ARM id of `kind`. A token (an id known only at apply time) is split with Terraform's
 * `split`/`element`; a literal id must have the expected shape, else the reason is returned.
 */
export function parseArmId(id: string, kind: ArmIdKind): ArmIdParts | string {
  const shape = ARM_ID_SHAPES[kind];
  if (Token.isUnresolved(id)) {
    const segments = Fn.split('/', id);
    const nameCount = kind === 'subnet' ? 2 : 1;
    // "", subscriptions, <sub>, resourceGroups, <group>, providers, Microsoft.Network, <type>, <name>, [<type>, <name>]
    const names = Array.from({ length: nameCount }, (_, i) => Fn.element(segments, 8 + 2 * i) as string);
    return { resourceGroupName: Fn.element(segments, 4) as string, names };
  }
  const match = shape.pattern.exec(id);
  if (!match) return `is not a ${KIND_WORDS[kind]} resource id; expected ${shape.example}`;
  // Strict kinds: see ARM_ID_SHAPES (the parser's `*segment.FixedValue == rawValue`).
  const segments = id.split('/');
  const fixed = 'strict' in shape ? shape.example.split('/').flatMap((segment, i) => (segment.startsWith('<') || segment === segments[i] ? [] : [[segments[i], segment]])) : [];
  if (fixed.length > 0) {
    // Some Azure commands return such ids (az identity show: resourcegroups; Log Analytics: microsoft.operationalinsights).
    return `writes ${fixed.map(([given, canonical]) => `"${given}" where the provider expects "${canonical}"`).join(', ')}, which it refuses (some Azure commands return ids in lower case); write the id as ${shape.example}`;
  }
  // Learn "Get subscription and tenant IDs in the Azure portal": a subscription id is a GUID.
  if (!SUBSCRIPTION_ID_PATTERN.test(segments[2])) return `names subscription "${segments[2]}", which is not a subscription id (a GUID); write the id as ${shape.example}`;
  return { resourceGroupName: match[1], names: match.slice(2) };
}

/** The subscription an ARM id names, in lower case; `undefined` for an id known only at deploy time or without one. */
export function subscriptionOf(id: string): string | undefined {
  if (Token.isUnresolved(id)) return undefined;
  return /^\/subscriptions\/([^/]+)\//i.exec(id)?.[1]?.toLowerCase();
}

/**
 * The subscription of a pool's network (a GUID, in lower case) and the id that names it: its subnet's,
 * or else its VNet's (an imported VNet's new subnet is known only at deploy time, the VNet is not);
 * `undefined` when neither is a literal id with a GUID subscription.
 */
export function networkSubscriptionOf(network: { readonly virtualNetworkId: string; readonly subnetId: string }): { readonly subscription: string; readonly id: string } | undefined {
  for (const id of [network.subnetId, network.virtualNetworkId]) {
    const subscription = subscriptionOf(id);
    if (subscription !== undefined && SUBSCRIPTION_ID_PATTERN.test(subscription)) return { subscription, id };
  }
  return undefined;
}
