import { Testing } from 'cdktf';
import { AzureRegion } from '../lib/catalog/azure-region';
import { NetworkRule } from '../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../lib/network/node-communication-rule-set';
import { Peer } from '../lib/network/peer';
import { Port } from '../lib/network/port';
import { BatchRegionStack, BatchRegionStackProps } from '../lib/region/batch-region-stack';
import { StorageNetworkAccess, StorageReplication } from '../lib/storage/paired-storage-account';
import { PoolScale } from '../lib/pool/pool-scale';
import { newApp } from './helpers';

/**
 * The provider's own checks, restated from terraform-provider-azurerm 4.x sources
 * (`internal/services/batch`, `storage`, `network`, `loganalytics`, `monitor`, `authorization`,
 * `resource`): offline `terraform validate` skips them, so every value the library writes is checked
 * here. Each rule is `resource type -> attribute path -> predicate`.
 */
const oneOf = (...values: string[]) => (value: unknown) => values.includes(value as string);
const allOf = (...values: string[]) => (value: unknown) => Array.isArray(value) && value.every((item) => values.includes(item));
const matches = (pattern: RegExp) => (value: unknown) => typeof value === 'string' && pattern.test(value);
const between = (min: number, max: number) => (value: unknown) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const PROVIDER_RULES: Record<string, Record<string, (value: unknown) => boolean>> = {
  azurerm_batch_account: {
    name: matches(/^[a-z0-9]{3,24}$/),
    pool_allocation_mode: oneOf('BatchService', 'UserSubscription'),
    storage_account_authentication_mode: oneOf('StorageKeys', 'BatchAccountManagedIdentity'),
    allowed_authentication_modes: allOf('SharedKey', 'AAD', 'TaskAuthenticationToken'),
    'identity.type': oneOf('SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned'),
    'network_profile.account_access.default_action': oneOf('Allow', 'Deny'),
    'network_profile.node_management_access.default_action': oneOf('Allow', 'Deny'),
    'network_profile.account_access.ip_rule.action': oneOf('Allow'),
  },
  azurerm_storage_account: {
    name: matches(/^[a-z0-9]{3,24}$/),
    account_kind: oneOf('BlobStorage', 'BlockBlobStorage', 'FileStorage', 'Storage', 'StorageV2'),
    account_tier: oneOf('Standard', 'Premium'),
    account_replication_type: oneOf('LRS', 'ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS'),
    min_tls_version: oneOf('TLS1_0', 'TLS1_1', 'TLS1_2'),
    'network_rules.default_action': oneOf('Allow', 'Deny'),
    'network_rules.bypass': allOf('AzureServices', 'Logging', 'Metrics', 'None'),
    'blob_properties.delete_retention_policy.days': between(1, 365),
    'blob_properties.container_delete_retention_policy.days': between(1, 365),
  },
  azurerm_network_security_rule: {
    name: (value) => typeof value === 'string' && value.length > 0 && !/[/\\?%]/.test(value),
    protocol: oneOf('*', 'Tcp', 'Udp', 'Icmp', 'Ah', 'Esp'),
    access: oneOf('Allow', 'Deny'),
    direction: oneOf('Inbound', 'Outbound'),
    priority: between(100, 4096),
    description: (value) => typeof value === 'string' && value.length <= 140,
  },
  azurerm_log_analytics_workspace: {
    name: matches(/^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/),
    sku: oneOf('Free', 'PerNode', 'Premium', 'Standard', 'Standalone', 'Unlimited', 'CapacityReservation', 'PerGB2018', 'LACluster'),
    retention_in_days: (value) => value === 7 || between(30, 730)(value),
  },
  azurerm_management_lock: {
    lock_level: oneOf('CanNotDelete', 'ReadOnly'),
    name: matches(/^[A-Za-z0-9_.()-]{1,260}$/),
  },
  azurerm_role_assignment: {
    principal_type: oneOf('User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'),
  },
  azurerm_private_endpoint: {
    name: matches(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9_])?$/),
    'private_service_connection.subresource_names': allOf('batchAccount', 'nodeManagement', 'blob'),
  },
  azurerm_batch_pool: {
    name: matches(/^[a-zA-Z0-9_-]{1,64}$/),
    target_node_communication_mode: oneOf('Default', 'Classic', 'Simplified'),
    max_tasks_per_node: between(1, 256),
    'fixed_scale.target_dedicated_nodes': between(0, 2000),
    'fixed_scale.target_low_priority_nodes': between(0, 1000),
    'fixed_scale.node_deallocation_method': oneOf('Requeue', 'RetainedData', 'TaskCompletion', 'Terminate'),
    'network_configuration.public_address_provisioning_type': oneOf('BatchManaged', 'UserManaged', 'NoPublicIPAddresses'),
    'data_disks.lun': between(0, 63),
    'data_disks.caching': oneOf('None', 'ReadOnly', 'ReadWrite'),
    'data_disks.storage_account_type': oneOf('Standard_LRS', 'StandardSSD_LRS', 'Premium_LRS'),
    'disk_encryption.disk_encryption_target': oneOf('OsDisk', 'TemporaryDisk'),
    'task_scheduling_policy.node_fill_type': oneOf('Spread', 'Pack'),
    'node_placement.policy': oneOf('Regional', 'Zonal'),
    'security_profile.security_type': oneOf('trustedLaunch', 'confidentialVM'),
    'start_task.user_identity.auto_user.elevation_level': oneOf('NonAdmin', 'Admin'),
    'start_task.user_identity.auto_user.scope': oneOf('Task', 'Pool'),
    'start_task.task_retry_maximum': between(0, 100),
    'container_configuration.type': oneOf('DockerCompatible', 'CriCompatible'),
  },
  azurerm_monitor_diagnostic_setting: {
    name: matches(/^[^*#&+:<>?]+$/),
  },
};

/** Every value at `path` (dotted; arrays are walked) inside `value`. */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [value];
  if (Array.isArray(value) && !/^\d+$/.test(path[0])) return value.flatMap((item) => valuesAt(item, path));
  if (value === null || typeof value !== 'object') return [];
  const next = (value as Record<string, unknown>)[path[0]];
  return next === undefined ? [] : valuesAt(next, path.slice(1));
}

const base: BatchRegionStackProps = { deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16' };
const variants: Array<[string, Partial<BatchRegionStackProps>]> = [
  ['defaults', {
    pools: [{
      name: 'work', vmSize: 'Standard_D4s_v5', scale: PoolScale.fixed({ dedicatedNodes: 2, spotNodes: 4 }),
      dataDisks: [{ lun: 0, sizeGb: 256, mountPath: '/data/work' }], container: {},
    }],
  }],
  ['union rule set, lockdown, extra rules', {
    ruleSet: NodeCommunicationRuleSet.UNION, restrictOutbound: true,
    networkRules: [NetworkRule.denyInbound(Peer.ipv4('10.99.0.0/16'), Port.udpRange(1000, 2000), { description: 'x'.repeat(140) })],
  }],
  ['public storage and account, locks', {
    storageNetworkAccess: StorageNetworkAccess.PUBLIC, storageReplication: StorageReplication.GZRS,
    accountAllowedIpRanges: ['203.0.113.0/24'], deleteLocks: true,
  }],
  ['private storage in the China cloud', { region: AzureRegion.of('chinanorth3'), storageNetworkAccess: StorageNetworkAccess.PRIVATE }],
];

describe('values the provider accepts', () => {
  const checked = new Map<string, number>();

  test.each(variants)('%s', (_, overrides) => {
    const stack = new BatchRegionStack(newApp(), 'batch-test', { ...base, ...overrides });
    const resources = JSON.parse(Testing.synth(stack, true)).resource as Record<string, Record<string, unknown>>;
    const violations: string[] = [];
    for (const [type, rules] of Object.entries(PROVIDER_RULES)) {
      for (const [logicalId, body] of Object.entries(resources[type] ?? {})) {
        for (const [path, accepts] of Object.entries(rules)) {
          for (const value of valuesAt(body, path.split('.'))) {
            if (typeof value === 'string' && value.includes('${')) continue; // resolved at apply time
            checked.set(`${type}.${path}`, (checked.get(`${type}.${path}`) ?? 0) + 1);
            if (!accepts(value)) violations.push(`${type}.${logicalId}.${path} = ${JSON.stringify(value)}`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });

  test('every rule met at least one real value (none passes for lack of input)', () => {
    const unexercised = Object.entries(PROVIDER_RULES)
      .flatMap(([type, rules]) => Object.keys(rules).map((path) => `${type}.${path}`))
      .filter((key) => !checked.has(key));
    expect(unexercised).toEqual([]);
  });
});
