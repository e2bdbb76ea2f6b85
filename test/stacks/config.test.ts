import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { RegionRole } from '../../lib/region/region-role';
import { loadDeploymentConfig, parseDeploymentConfig, readDeploymentConfig } from '../../stacks/config';
import { formatConfigProblem } from '../../stacks/problems';
import { DEFAULT_DEPLOYMENT_CONFIG } from '../../stacks/default-config';
import { validConfig } from '../helpers';

const valid = validConfig();

/** `valid` with `edit` applied to a deep copy. */
function variant(edit: (config: any) => void): unknown {
  const copy = structuredClone(valid);
  edit(copy);
  return copy;
}

function errorsOf(input: unknown): string[] {
  const result = parseDeploymentConfig(input, 'deploy.json');
  return result.ok ? [] : result.errors;
}

describe('deployment config', () => {
  test('the embedded default is valid: two paired regions, simplified, one pool with one data disk', () => {
    const result = parseDeploymentConfig(DEFAULT_DEPLOYMENT_CONFIG, 'default config');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.nodeCommunication).toBe(NodeCommunicationRuleSet.SIMPLIFIED);
    expect(result.config.regions.map((r) => [r.location, r.role])).toEqual([['eastus', RegionRole.PRIMARY], ['westus', RegionRole.STANDBY]]);
    expect(result.config.pools[0].dataDisks).toHaveLength(1);
  });

  test('defaults: simplified rule set, primary role, no Spot nodes', () => {
    const result = parseDeploymentConfig({ name: 'abc', regions: [{ location: 'westeurope', addressSpace: '10.0.0.0/16' }] }, 'x');
    expect(result).toEqual({
      ok: true, source: 'x',
      config: {
        name: 'abc', nodeCommunication: 'simplified', regions: [{ location: 'westeurope', addressSpace: '10.0.0.0/16', role: 'primary' }], pools: [],
        applications: [], account: { allowedIpRanges: [] }, storage: { networkAccess: 'private', replication: 'LRS' }, diagnostics: {},
        mode: 'failover', locks: false, restrictOutbound: false, allowOutbound: [], containerRegistries: [], egress: { type: 'none' }, findingsReport: false, tags: {}, backend: { type: 'local' }, suppressions: [],
      },
    });
  });

  test('reports every problem of the shape at once, and keeps the elements that parsed', () => {
    const parsed = readDeploymentConfig(variant((c) => { c.name = 7; c.pools.push({ name: 'extra', vmSize: 'Standard_D2s_v5', taskSlotsPerNode: 'four' }); c.regions[0].role = 'backup'; }), 'deploy.json');
    expect(parsed.problems.map(formatConfigProblem)).toEqual([
      '$.name 7 is not a string; give 3-11 lowercase letters or digits, e.g. "contoso"',
      '$.regions[0].role "backup" is not a role; use "primary" or "standby"',
      '$.pools[1].taskSlotsPerNode "four" is not a number; give the task slots per node as a whole number',
    ]);
    // The rest is still built and checked under a stand-in name; with problems reported, nothing is written.
    expect(parsed.config?.name).toBe('unnamed');
    const noRegions = readDeploymentConfig(variant((c) => { c.regions = 'eastus'; c.pools[0].taskSlotsPerNode = 'four'; }), 'deploy.json');
    expect(noRegions.problems.map(formatConfigProblem)).toEqual([
      '$.regions "eastus" is not a list; give a list of regions',
      '$.pools[0].taskSlotsPerNode "four" is not a number; give the task slots per node as a whole number',
    ]);
    expect(noRegions.config).toBeUndefined();
    const rest = readDeploymentConfig(variant((c) => { c.pools.push({ name: 'extra', vmSize: 'Standard_D2s_v5', taskSlotsPerNode: 'four' }); c.regions[0].role = 'backup'; }), 'deploy.json');
    expect(rest.problems.map(formatConfigProblem)).toEqual([
      '$.regions[0].role "backup" is not a role; use "primary" or "standby"',
      '$.pools[1].taskSlotsPerNode "four" is not a number; give the task slots per node as a whole number',
    ]);
    expect(rest.config?.pools.map((pool) => pool.name)).toEqual([valid.pools[0].name]);
    expect(rest.indexes.regions).toEqual([1]);
  });

  test('a top-level value that is not an object', () => {
    expect(errorsOf([1, 2])).toEqual(['deploy.json: $ [1,2] is not an object; give a JSON object with "name", "regions" and "pools"']);
  });

  describe('loading', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-config-'));

    test('reads the file named by BATCH_DEPLOYMENT_CONFIG', () => {
      const file = join(dir, 'ok.json');
      writeFileSync(file, JSON.stringify(valid));
      const result = loadDeploymentConfig({ BATCH_DEPLOYMENT_CONFIG: file });
      expect(result).toMatchObject({ source: file, problems: [] });
    });

    test('uses the embedded default when the variable is unset or empty', () => {
      expect(loadDeploymentConfig({})).toMatchObject({ source: 'default config', problems: [] });
      expect(loadDeploymentConfig({ BATCH_DEPLOYMENT_CONFIG: '' })).toMatchObject({ source: 'default config', problems: [] });
    });

    test('a missing file and broken JSON are one clear line each', () => {
      const missing = join(dir, 'missing.json');
      expect(loadDeploymentConfig({ BATCH_DEPLOYMENT_CONFIG: missing })).toEqual({
        errors: [`BATCH_DEPLOYMENT_CONFIG=${missing}: the file does not exist; point BATCH_DEPLOYMENT_CONFIG at a JSON deployment config, or unset it to use the default`],
      });
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{ "name": ');
      const result = loadDeploymentConfig({ BATCH_DEPLOYMENT_CONFIG: broken });
      expect('errors' in result && result.errors[0]).toMatch(new RegExp(`^${broken}: is not valid JSON \\(.+\\); fix the syntax$`));
    });
  });
});
