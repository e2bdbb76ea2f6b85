import { createHash } from 'node:crypto';
import { Token } from '../engine';
import type { IConstruct } from 'constructs';
import type { Problem } from './problems';

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
