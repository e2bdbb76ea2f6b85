import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { RegionRole } from '../../lib/region/region-role';
import { loadDeploymentConfig, parseDeploymentConfig } from '../../stacks/config';
import { DEFAULT_DEPLOYMENT_CONFIG } from '../../stacks/default-config';

const valid = {
  name: 'contoso',
  nodeCommunication: 'simplified',
  regions: [
    { location: 'eastus', addressSpace: '10.10.0.0/16', role: 'primary' },
    { location: 'westus', addressSpace: '10.20.0.0/16', role: 'standby' },
  ],
  pools: [{ name: 'work', vmSize: 'Standard_D4s_v5', dedicatedNodes: 2, dataDisks: [{ lun: 0, sizeGb: 256, mountPath: '/data/work' }] }],
};

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
      config: { name: 'abc', nodeCommunication: 'simplified', regions: [{ location: 'westeurope', addressSpace: '10.0.0.0/16', role: 'primary' }], pools: [] },
    });
  });

  test.each<[string, (config: any) => void, string[]]>([
    ['a name with capitals', (c) => { c.name = 'Contoso'; },
      ['$.name "Contoso" is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso" (it starts every resource name)']],
    ['a name too long', (c) => { c.name = 'contosobatch1'; },
      ['$.name "contosobatch1" is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso" (it starts every resource name)']],
    ['a missing name', (c) => { delete c.name; },
      ['$.name (missing) is not a string; give 3-11 lowercase letters or digits, e.g. "contoso"']],
    ['an unknown rule set', (c) => { c.nodeCommunication = 'hybrid'; },
      ['$.nodeCommunication "hybrid" is not a rule set; use "classic", "simplified" or "union"']],
    ['an unknown region', (c) => { c.regions[1].location = 'westuss'; },
      ['$.regions[1].location "westuss" is not an Azure region; did you mean "westus", "westus2" or "westus3"?']],
    ['a region without simplified mode', (c) => { c.regions[1].location = 'westindia'; },
      ['$.regions[1].location "westindia" does not support simplified compute node communication, the only mode since classic retired on 2026-03-31; choose another region']],
    ['a malformed address space', (c) => { c.regions[0].addressSpace = '10.10.0.0/33'; },
      ['$.regions[0].addressSpace "10.10.0.0/33" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"']],
    ['an unknown role', (c) => { c.regions[1].role = 'backup'; },
      ['$.regions[1].role "backup" is not a role; use "primary" or "standby"']],
    ['an unknown key', (c) => { c.regions[0].adressSpace = '10.0.0.0/16'; },
      ['$.regions[0] "adressSpace" is not a known key; remove it or correct its spelling']],
    ['no regions', (c) => { c.regions = []; },
      ['$.regions [] is empty; give at least one region']],
    ['a repeated region', (c) => { c.regions[1].location = 'EastUS'; },
      ['$.regions[1].location "EastUS" repeats regions[0]; each region gets one stack, so list it once']],
    ['overlapping address spaces', (c) => { c.regions[1].addressSpace = '10.10.128.0/17'; },
      ['$.regions[1].addressSpace "10.10.128.0/17" overlaps regions[0].addressSpace 10.10.0.0/16; give each region its own range so the VNets can be peered']],
    ['no primary', (c) => { c.regions[0].role = 'standby'; },
      ['$.regions ["eastus","westus"] has no primary region; set "role": "primary" on the region that takes the workload']],
    ['two primaries', (c) => { c.regions[1].role = 'primary'; },
      ['$.regions[1].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby"']],
    ['a LUN out of range', (c) => { c.pools[0].dataDisks[0].lun = 64; },
      ['$.pools[0].dataDisks[0].lun 64 is above 63; give the LUN from 0 to 63']],
    ['a relative mount path', (c) => { c.pools[0].dataDisks[0].mountPath = 'data'; },
      ['$.pools[0].dataDisks[0].mountPath "data" is not an absolute path; give one such as "/data/work" (letters, digits, ".", "_", "-" and "/")']],
    ['a pool name with spaces', (c) => { c.pools[0].name = 'my pool'; },
      ['$.pools[0].name "my pool" is not a pool name; use 1-64 letters, digits, hyphens or underscores']],
    ['a fractional node count', (c) => { c.pools[0].dedicatedNodes = 1.5; },
      ['$.pools[0].dedicatedNodes 1.5 is not a whole number; give the dedicated node count from 0 to 10000']],
  ])('rejects %s with one line naming path, value and fix', (_, edit, expected) => {
    expect(errorsOf(variant(edit))).toEqual(expected.map((line) => `deploy.json: ${line}`));
  });

  test('reports every problem at once', () => {
    const errors = errorsOf(variant((c) => { c.name = 'X'; c.regions[0].addressSpace = 'nope'; c.pools[0].dataDisks[0].lun = -1; }));
    expect(errors).toEqual([
      'deploy.json: $.name "X" is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso" (it starts every resource name)',
      'deploy.json: $.regions[0].addressSpace "nope" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"',
      'deploy.json: $.pools[0].dataDisks[0].lun -1 is below 0; give the LUN from 0 to 63',
    ]);
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
      expect(result).toMatchObject({ ok: true, source: file });
    });

    test('uses the embedded default when the variable is unset or empty', () => {
      expect(loadDeploymentConfig({})).toMatchObject({ ok: true, source: 'default config' });
      expect(loadDeploymentConfig({ BATCH_DEPLOYMENT_CONFIG: '' })).toMatchObject({ ok: true, source: 'default config' });
    });

    test('a missing file and broken JSON are one clear line each', () => {
      const missing = join(dir, 'missing.json');
      expect(loadDeploymentConfig({ BATCH_DEPLOYMENT_CONFIG: missing })).toEqual({
        ok: false,
        errors: [`BATCH_DEPLOYMENT_CONFIG=${missing}: the file does not exist; point BATCH_DEPLOYMENT_CONFIG at a JSON deployment config, or unset it to use the default`],
      });
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{ "name": ');
      const result = loadDeploymentConfig({ BATCH_DEPLOYMENT_CONFIG: broken });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors[0]).toMatch(new RegExp(`^${broken}: is not valid JSON \\(.+\\); fix the syntax$`));
    });
  });
});
