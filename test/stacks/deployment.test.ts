import { Testing } from 'cdktf';
import { readDeploymentConfig } from '../../stacks/config';
import { DEFAULT_DEPLOYMENT_CONFIG } from '../../stacks/default-config';
import { buildDeployment } from '../../stacks/deployment';
import type { BatchRegionStack } from '../../lib/region/batch-region-stack';
import { newApp } from '../helpers';

function deploy(input: unknown) {
  const parsed = readDeploymentConfig(input, 'test');
  const built = buildDeployment(newApp(), parsed);
  const problems = [...parsed.problems, ...built.problems];
  if (problems.length > 0) throw new Error(problems.map((problem) => `${problem.jsonPath} ${problem.message}`).join('\n'));
  return built.stacks.map((stack) => ({ name: stack.node.id, stack, json: JSON.parse(Testing.synth(stack, true)) }));
}

/**
 * `json` with the azurerm version the engine's bindings were generated for (4.55.0 for cdktf's, 4.73.0
 * for cdktn's) replaced by a placeholder, once checked to be that one: the one snapshot holds for both
 * engines, so `npm test` and `npm run test:cdktn` prove the same output. (Testing.synth writes no
 * `//` metadata, which would carry the engine's own version.)
 */
function engineNeutral(stack: BatchRegionStack, json: any): unknown {
  expect(json['//']).toBeUndefined();
  expect(json.terraform.required_providers.azurerm.version).toBe(stack.provider.terraformGeneratorMetadata?.providerVersion);
  return {
    ...json,
    terraform: { ...json.terraform, required_providers: { ...json.terraform.required_providers, azurerm: { ...json.terraform.required_providers.azurerm, version: '<azurerm version>' } } },
  };
}

/** Every `location` value anywhere in a stack. */
function locations(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(locations);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'location' ? [inner] : locations(inner)));
}

describe('default deployment', () => {
  const stacks = deploy(DEFAULT_DEPLOYMENT_CONFIG);

  test('has one stack per region, named batch-<location>', () => {
    expect(stacks.map((stack) => stack.name)).toEqual(['batch-eastus', 'batch-westus']);
  });

  test.each(['batch-eastus', 'batch-westus'])('%s matches its snapshot', (name) => {
    const { stack, json } = stacks.find((candidate) => candidate.name === name)!;
    expect(engineNeutral(stack, json)).toMatchSnapshot();
  });

  test('each stack is self-contained: no remote state, no other stack, every location its own region', () => {
    for (const { name, json } of stacks) {
      const text = JSON.stringify(json);
      expect(json.data?.terraform_remote_state).toBeUndefined();
      expect(text).not.toContain('terraform_remote_state');
      const others = stacks.filter((other) => other.name !== name).map((other) => other.name.replace('batch-', ''));
      for (const other of others) expect(text).not.toMatch(new RegExp(`\\b${other}\\b`, 'i'));
      expect(new Set(locations(json))).toEqual(new Set([name.replace('batch-', '')]));
      expect(text).not.toContain(process.cwd());
    }
  });

  test('the pool subnet has room for every node, and the largest pool again for its replacement', () => {
    const big = structuredClone(DEFAULT_DEPLOYMENT_CONFIG) as any;
    big.regions[0].addressSpace = '10.10.0.0/26';
    big.pools[0].dedicatedNodes = 40;
    expect(() => deploy(big)).toThrow(
      '$.regions[0].addressSpace leaves 27 addresses in the pool subnet 10.10.0.0/27 (32 minus the 5 Azure reserves), but the pools attached need 80 nodes (every node, plus the largest pool again for a replacement); use an addressSpace of /24 or shorter (the pool subnet is its first half)',
    );
  });
});

describe('geo-redundant storage follows the region pairs', () => {
  test('indiasouthcentral, paired one way with Central India, takes GZRS', () => {
    const config = structuredClone(DEFAULT_DEPLOYMENT_CONFIG) as any;
    config.regions = [{ location: 'indiasouthcentral', role: 'primary', addressSpace: '10.10.0.0/16' }];
    config.storage = { replication: 'GZRS' };
    const [{ json }] = deploy(config);
    expect(Object.values(json.resource.azurerm_storage_account as Record<string, any>).map((account) => account.account_replication_type)).toEqual(['GZRS']);
  });
});

describe('the union fixture deployment', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stacks = deploy(require('../fixtures/union-three-regions.json'));

  test('builds three self-contained stacks with the union rules in published casing', () => {
    expect(stacks.map((stack) => stack.name)).toEqual(['batch-southeastasia', 'batch-eastasia', 'batch-uaenorth']);
    const uae = stacks[2].json;
    const peers = Object.values(uae.resource.azurerm_network_security_rule as Record<string, Record<string, string>>)
      .map((rule) => `${rule.direction} ${rule.direction === 'Inbound' ? rule.source_address_prefix : rule.destination_address_prefix} ${rule.protocol} ${rule.destination_port_range}`)
      .sort();
    expect(peers).toEqual([
      'Inbound BatchNodeManagement.UAENorth Tcp 29876-29877',
      'Outbound BatchNodeManagement.UAENorth * 443',
      'Outbound Storage.UAENorth Tcp 443',
    ]);
    expect(uae.resource.azurerm_subnet).toBeDefined();
    const subnets = Object.values(uae.resource.azurerm_subnet as Record<string, { name: string; address_prefixes: string[] }>);
    expect(subnets.map((subnet) => `${subnet.name} ${subnet.address_prefixes}`).sort()).toEqual([
      'snet-fabrikam-uaenorth-endpoints 10.32.8.0/26',
      'snet-fabrikam-uaenorth-pool 10.32.0.0/21',
    ]);
  });
});

describe('a full deployment: three regions, union rules, standby roles, remote state, applications', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stacks = deploy(require('../fixtures/full.json'));
  const byName = Object.fromEntries(stacks.map((stack) => [stack.name, stack.json]));
  const pools = (json: any) => Object.values(json.resource.azurerm_batch_pool as Record<string, any>);

  test('one self-contained stack per region, each with its own state key', () => {
    expect(Object.keys(byName)).toEqual(['batch-northeurope', 'batch-westeurope', 'batch-swedencentral']);
    for (const { name, json } of stacks) {
      expect(json.terraform.backend.azurerm).toEqual({
        resource_group_name: 'rg-tfstate', storage_account_name: 'sttfstatefabrikam', container_name: 'tfstate', key: `batch/${name}.tfstate`, use_azuread_auth: true, environment: 'public',
      });
      expect(new Set(locations(json))).toEqual(new Set([name.replace('batch-', '')]));
      expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
    }
  });

  test('every region gets the same pools and applications; standby regions run at their standby size', () => {
    for (const json of Object.values(byName)) {
      expect(pools(json).map((pool) => pool.display_name).sort()).toEqual(['burst', 'containers', 'render', 'sim']);
      expect(Object.values(json.resource.azurerm_batch_application as Record<string, any>)).toEqual([
        expect.objectContaining({ name: 'blender', display_name: 'Blender 4', allow_updates: false }),
      ]);
    }
    const render = (json: any) => pools(json).find((pool) => pool.display_name === 'render');
    expect(render(byName['batch-northeurope']).fixed_scale).toMatchObject({ target_dedicated_nodes: 4, target_low_priority_nodes: 16 });
    expect(render(byName['batch-westeurope']).fixed_scale).toMatchObject({ target_dedicated_nodes: 1, target_low_priority_nodes: 0 });
    // The same settings give the same pool id in every region: clients switch regions without renaming jobs' targets.
    expect(new Set(Object.values(byName).map((json) => render(json).name)).size).toBe(1);
    const burst = pools(byName['batch-westeurope']).find((pool) => pool.display_name === 'burst');
    expect(burst.auto_scale.formula).toContain('$TargetLowPriorityNodes = min(50, ceil($tasks / $TaskSlotsPerNode));');
  });

  test('account, storage, locks, lockdown and tags follow the config', () => {
    const json = byName['batch-swedencentral'];
    expect(Object.values(json.resource.azurerm_batch_account as Record<string, any>)[0]).toMatchObject({
      public_network_access_enabled: true,
      network_profile: { account_access: { default_action: 'Deny', ip_rule: [{ ip_range: '203.0.113.0/24', action: 'Allow' }] } },
      tags: { deployment: 'fabrikam', region: 'swedencentral', role: 'standby', costCenter: 'rendering' },
    });
    expect(Object.values(json.resource.azurerm_storage_account as Record<string, any>)[0]).toMatchObject({
      account_replication_type: 'ZRS', network_rules: { default_action: 'Allow' },
    });
    // The storage account is locked; the Batch account is kept by prevent_destroy, as its pools would inherit a lock.
    expect(Object.values(json.resource.azurerm_management_lock as Record<string, any>).map((lock) => lock.scope)).toEqual([expect.stringMatching(/^\$\{azurerm_storage_account\./)]);
    expect(Object.values(json.resource.azurerm_batch_account as Record<string, any>)[0].lifecycle).toEqual({ prevent_destroy: true });
    const rules = Object.values(json.resource.azurerm_network_security_rule as Record<string, any>);
    // swedencentral keeps default outbound access: under lockdown its MPI pool (interNodeCommunication)
    // gets the pool subnet to itself (200), and its container pool's Microsoft images their tags (210, 220).
    expect(rules.map((rule) => `${rule.direction} ${rule.access} ${rule.priority}`).sort()).toEqual([
      'Inbound Allow 100', 'Outbound Allow 100', 'Outbound Allow 120', 'Outbound Allow 200', 'Outbound Allow 210', 'Outbound Allow 220', 'Outbound Allow 4095', 'Outbound Deny 4096',
    ]);
    expect(rules.find((rule) => rule.priority === 200)).toMatchObject({ protocol: '*', destination_port_range: '*', destination_address_prefix: expect.stringMatching(/^10\.\d+\.0\.0\/17$/) });
  });

  test('the region subnets hold every node plus the largest pool again', () => {
    // render: 20 nodes, burst: up to 50 → 70 + 50 = 120 addresses; the /17 default has room.
    const subnet = Object.values(byName['batch-northeurope'].resource.azurerm_subnet as Record<string, any>).find((s) => s.name.endsWith('-pool'));
    expect(subnet.address_prefixes).toEqual(['10.40.0.0/17']);
  });
});
