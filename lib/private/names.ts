import { createHash } from 'node:crypto';
import { Token } from '../engine';
import type { IConstruct } from 'constructs';
import { knownOnlyAtDeploy, type Problem } from './problems';

/** Azure's naming rule for one resource type. */
export interface NameRule {
  /** Resource type in words, e.g. `virtual network`. */
  readonly resource: string;
  readonly minLength: number;
  readonly maxLength: number;
  readonly pattern: RegExp;
  /** The allowed characters in words, for error messages. */
  readonly charset: string;
}

const NETWORK_CHARSET = 'letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore';
const NETWORK_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/;

/**
 * Azure naming rules (Microsoft.Network and Microsoft.Resources, "Naming rules and restrictions for
 * Azure resources"). Stricter than the azurerm provider, which checks few of them before calling Azure.
 */
export const NameRules = {
  resourceGroup: {
    resource: 'resource group', minLength: 1, maxLength: 90, pattern: /^[-\w.()]*[-\w()]$/,
    charset: 'letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
  },
  virtualNetwork: { resource: 'virtual network', minLength: 2, maxLength: 64, pattern: NETWORK_PATTERN, charset: NETWORK_CHARSET },
  subnet: { resource: 'subnet', minLength: 1, maxLength: 80, pattern: NETWORK_PATTERN, charset: NETWORK_CHARSET },
  networkSecurityGroup: { resource: 'network security group', minLength: 1, maxLength: 80, pattern: NETWORK_PATTERN, charset: NETWORK_CHARSET },
  securityRule: { resource: 'security rule', minLength: 1, maxLength: 80, pattern: NETWORK_PATTERN, charset: NETWORK_CHARSET },
  /** Also azurerm's own check, `network/validate/nat_gateway_name.go` at v4.55.0, at plan. */
  natGateway: { resource: 'NAT gateway', minLength: 1, maxLength: 80, pattern: NETWORK_PATTERN, charset: NETWORK_CHARSET },
  routeTable: { resource: 'route table', minLength: 1, maxLength: 80, pattern: NETWORK_PATTERN, charset: NETWORK_CHARSET },
  publicIp: { resource: 'public IP address', minLength: 1, maxLength: 80, pattern: NETWORK_PATTERN, charset: NETWORK_CHARSET },
  /** azurerm `validate/account_name.go`: `^[a-z0-9]+$`, 3-24; unique within the region. */
  batchAccount: { resource: 'Batch account', minLength: 3, maxLength: 24, pattern: /^[a-z0-9]+$/, charset: 'lowercase letters and digits' },
  /** azurerm `storage/validate`: `^[a-z0-9]{3,24}$`; globally unique, it is part of the endpoint host names. */
  storageAccount: { resource: 'storage account', minLength: 3, maxLength: 24, pattern: /^[a-z0-9]+$/, charset: 'lowercase letters and digits' },
  /**
   * Microsoft.OperationalInsights: 4-63, letters, digits and hyphens, starting and ending with a letter or
   * digit; azurerm checks the same at plan (`loganalytics/validate/log_analytics_workspace_name.go` at v4.55.0).
   */
  logAnalyticsWorkspace: {
    resource: 'Log Analytics workspace', minLength: 4, maxLength: 63, pattern: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/,
    charset: 'letters, digits and hyphens, starting and ending with a letter or digit',
  },
  privateEndpoint: { resource: 'private endpoint', minLength: 2, maxLength: 64, pattern: NETWORK_PATTERN, charset: NETWORK_CHARSET },
  /** Learn "Naming rules and restrictions for Azure resources", Microsoft.KeyVault, vaults: 3-24, alphanumerics and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens. */
  keyVault: {
    resource: 'Key Vault', minLength: 3, maxLength: 24, pattern: /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    charset: 'letters, digits and hyphens, starting with a letter, ending with a letter or digit, without two hyphens in a row',
  },
} satisfies Record<string, NameRule>;

/** Why `name` breaks `rule` (as an error-message tail), or undefined when it is valid or a token. */
export function nameProblem(rule: NameRule, name: string): string | undefined {
  if (Token.isUnresolved(name)) return undefined;
  if (name.length < rule.minLength || name.length > rule.maxLength || !rule.pattern.test(name)) {
    return `is not a valid ${rule.resource} name: use ${rule.minLength}-${rule.maxLength} ${rule.charset}`;
  }
  return undefined;
}

/**
 * A name for resources that allow only lowercase letters and digits (storage, Batch accounts): a
 * prefix, the deployment name and a hash of everything that must make it unique, e.g.
 * `st` + `contoso` + `1f9a2c3b`. Deterministic: the same inputs give the same name on every synth.
 */
export function compactName(prefix: string, stem: string, uniqueBy: readonly string[], maxLength = 24): string {
  const hash = shortHash(uniqueBy);
  const readable = `${prefix}${stem}`.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${readable.slice(0, maxLength - hash.length)}${hash}`;
}

/**
 * Problems of the parts a generated name is made from (its stem, a suffix), by prop path, that are known
 * only at deploy time: the name is made from their text and checked against Azure's rules at synth, so a
 * token's text would end up in the name, and its number (the order tokens are made in) in its hash.
 */
export function nameStemProblems(parts: Readonly<Record<string, string | undefined>>): Problem[] {
  return Object.entries(parts).flatMap(([path, value]) => (value !== undefined && Token.isUnresolved(value)
    ? [{ path, value, message: knownOnlyAtDeploy('the physical name is made from it, and checked against Azure\'s rules, at synth', 'give it as a literal, or give name as a Terraform expression') }]
    : []));
}

/**
 * The problem with a physical name, if any: reported on the override when one was given, else on the
 * stem the name was derived from (`baseName`, `namePrefix`), naming both ways out.
 */
export function physicalNameProblem(
  rule: NameRule,
  name: string,
  override: { readonly path: string; readonly value?: string },
  stem: { readonly path: string; readonly value: unknown },
): Problem | undefined {
  const problem = nameProblem(rule, name);
  if (!problem) return undefined;
  if (override.value !== undefined) return { path: override.path, value: override.value, message: problem };
  return { path: stem.path, value: stem.value, message: `gives ${override.path} ${JSON.stringify(name)}, which ${problem}; change ${stem.path} or set ${override.path}` };
}

/** The physical names each app's constructs took, by `<what>/<where>/<name>`: the construct that took each. */
const TAKEN = new WeakMap<IConstruct, Map<string, IConstruct>>();

/** Where a name must be unique, and why. */
export interface NameScope {
  /** The scope's key, e.g. the region or the cloud. */
  readonly key: string;
  /** The scope in words for messages, e.g. `in eastus`; empty when the rule says it. */
  readonly shown: string;
  /** Why, as the reason ending an error message. */
  readonly why: string;
}

/**
 * Batch account names are unique within their region: the Batch management API's `accountName` ("A name
 * for the Batch account which must be unique within the region", REST "Batch Account - Create"), as the
 * account endpoint `<name>.<region>.batch.azure.com` needs.
 */
export function batchAccountNames(region: string): NameScope {
  return { key: region, shown: ` in ${region}`, why: 'Batch account names are unique within a region (REST "Batch Account - Create", accountName)' };
}

/**
 * Storage account names are unique within a cloud: "Naming rules and restrictions for Azure resources"
 * gives Microsoft.Storage storageAccounts the scope "global", and the name is the host name of every
 * endpoint (`<name>.blob.<cloud's storage suffix>`).
 */
export function storageAccountNames(cloud: string): NameScope {
  return { key: cloud, shown: '', why: 'storage account names are unique across Azure ("Naming rules and restrictions for Azure resources", scope global)' };
}

/** The key of `name` in {@link TAKEN}: names compare case-insensitively, as ARM's do. */
function takenKey(rule: NameRule, name: string, where: NameScope): string {
  return `${rule.resource}/${where.key}/${name.toLowerCase()}`;
}

/**
 * The problem with `name` when another construct of `construct`'s app has taken it in `where` (see
 * {@link physicalNameProblem} for `override` and `stem`). Tokens are not checked.
 */
export function takenNameProblem(
  construct: IConstruct,
  rule: NameRule,
  name: string,
  where: NameScope,
  override: { readonly path: string; readonly value?: string },
  stem: { readonly path: string; readonly value: unknown },
): Problem | undefined {
  const other = Token.isUnresolved(name) ? undefined : TAKEN.get(construct.node.root)?.get(takenKey(rule, name, where));
  if (other === undefined) return undefined;
  const owner = `${other.node.path}, another ${rule.resource} of this app${where.shown}`;
  if (override.value !== undefined) return { path: override.path, value: override.value, message: `is taken by ${owner}: ${where.why}; give each its own name` };
  return { path: stem.path, value: stem.value, message: `gives ${override.path} ${JSON.stringify(name)}, which ${owner}, has taken: ${where.why}; change ${stem.path}, or set uniqueSuffix or ${override.path}` };
}

/** Records that `construct` took `name` in `where`, once it is known to be valid (see {@link takenNameProblem}). */
export function takeName(construct: IConstruct, rule: NameRule, name: string, where: NameScope): void {
  if (Token.isUnresolved(name)) return;
  const taken = TAKEN.get(construct.node.root) ?? new Map<string, IConstruct>();
  TAKEN.set(construct.node.root, taken);
  taken.set(takenKey(rule, name, where), construct);
}

/** Short, stable hex digest of `parts`, for names that must be unique yet identical across synths. */
export function shortHash(parts: readonly string[], length = 8): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, length);
}

/**
 * A deterministic base name for a construct that was given none: its path (stack included) in lower
 * case, cut to `maxLength` with a hash of the whole path, e.g. `batch-eastus-network-3f2a9c1d`.
 */
export function baseNameFromPath(construct: IConstruct, maxLength = 40): string {
  const scopes = construct.node.scopes.slice(1).map((scope) => scope.node.id);
  const readable = scopes.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const hash = shortHash([construct.node.path]);
  return `${readable.slice(0, maxLength - hash.length - 1).replace(/-+$/, '')}-${hash}`.replace(/^-/, '');
}

/** The problem with a resource group name given as the `resourceGroupName` prop, if any. */
export function resourceGroupNameProblem(name: string): Problem | undefined {
  const problem = nameProblem(NameRules.resourceGroup, name);
  return problem === undefined ? undefined : { path: 'resourceGroupName', value: name, message: problem };
}
