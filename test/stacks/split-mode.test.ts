import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { MANIFEST_FILE, runApp } from '../../stacks/main';
import { filesUnder, withoutCapacityTable } from '../helpers';

const dir = mkdtempSync(join(tmpdir(), 'batch-split-'));
const SUBSCRIPTION = '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b';

/**
 * Two primaries that take work at full size and a standby between them, in an order that is not
 * alphabetical, so the manifest's lists can only be in config order.
 */
function splitConfig(): any {
  return {
    name: 'contoso',
    mode: 'split',
    subscriptionId: SUBSCRIPTION,
    regions: [
      { location: 'westus', addressSpace: '10.20.0.0/16', role: 'primary' },
      { location: 'eastus', addressSpace: '10.10.0.0/16', role: 'primary' },
      { location: 'centralus', addressSpace: '10.30.0.0/16', role: 'standby' },
    ],
    pools: [
      { name: 'work', vmSize: 'Standard_D4s_v5', dedicatedNodes: 4, spotNodes: 2, standbyNodes: 1 },
      { name: 'burst', vmSize: 'Standard_D4s_v5', autoscale: { maxNodes: 10 } },
    ],
  };
}

/** The app run in-process on `config` (an object, or JSON text as written): exit code, printed lines, output folder. */
function synthesize(name: string, config: unknown): { code: number; lines: string[]; outdir: string; file: string } {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  const outdir = join(dir, `${name}.out`);
  const lines: string[] = [];
  const code = runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), outdir);
  return { code, lines, outdir, file };
}

/** Every file under `outdir`, by its path relative to it, with its bytes. */
function outputFiles(outdir: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(outdir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => [relative(outdir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name))]));
}

function stackJson(outdir: string, stack: string): any {
  return JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

function manifestOf(outdir: string): any {
  return JSON.parse(readFileSync(join(outdir, MANIFEST_FILE), 'utf8'));
}

/** Every `location` value anywhere in a stack. */
function locations(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(locations);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'location' ? [inner] : locations(inner)));
}

/** The fixed scale of each fixed-size pool of a stack, by display name. */
function fixedScales(json: any): Record<string, unknown> {
  return Object.fromEntries(Object.values(json.resource.azurerm_batch_pool as Record<string, any>)
    .filter((pool) => pool.fixed_scale !== undefined)
    .map((pool) => [pool.display_name, { dedicated: pool.fixed_scale.target_dedicated_nodes, spot: pool.fixed_scale.target_low_priority_nodes }]));
}

describe('split mode: two or more primaries take work at once', () => {
  const split = synthesize('split', splitConfig());
  const stacks = ['batch-westus', 'batch-eastus', 'batch-centralus'];

  test('synthesizes one stack per region, and prints nothing', () => {
    expect([split.code, withoutCapacityTable(split.lines)]).toEqual([0, []]);
    expect(readdirSync(join(split.outdir, 'stacks')).sort()).toEqual([...stacks].sort());
  });

  test('each stack is self-contained: no remote state, no other region, every location its own', () => {
    for (const name of stacks) {
      const json = stackJson(split.outdir, name);
      const text = JSON.stringify(json);
      expect(json.data?.terraform_remote_state).toBeUndefined();
      expect(text).not.toContain('terraform_remote_state');
      for (const other of stacks.filter((candidate) => candidate !== name)) {
        expect(text).not.toMatch(new RegExp(`\\b${other.replace('batch-', '')}\\b`, 'i'));
      }
      expect(new Set(locations(json))).toEqual(new Set([name.replace('batch-', '')]));
      expect(text).not.toContain(dir);
    }
  });

  test('both primaries run their pools at full size, the standby at its standby size', () => {
    const full = { work: { dedicated: 4, spot: 2 } };
    expect(fixedScales(stackJson(split.outdir, 'batch-westus'))).toEqual(full);
    expect(fixedScales(stackJson(split.outdir, 'batch-eastus'))).toEqual(full);
    expect(fixedScales(stackJson(split.outdir, 'batch-centralus'))).toEqual({ work: { dedicated: 1, spot: 0 } });
  });

  test('the manifest lists the working regions in config order, the standby, and whether each takes work', () => {
    const manifest = manifestOf(split.outdir);
    const account = (location: string) => ({ resourceGroup: `rg-contoso-${location}`, accountName: expect.stringMatching(/^bacontoso[0-9a-f]{8}$/), accountEndpoint: expect.stringMatching(new RegExp(`^https://bacontoso[0-9a-f]{8}\\.${location}\\.batch\\.azure\\.com$`)) });
    const pools = { work: expect.stringMatching(/^work-[0-9a-f]{6}$/), burst: expect.stringMatching(/^burst-[0-9a-f]{6}$/) };
    expect(manifest).toEqual({
      deployment: 'contoso',
      mode: 'split',
      working: ['westus', 'eastus'],
      standby: ['centralus'],
      regions: [
        { location: 'westus', role: 'primary', takesWork: true, stack: 'batch-westus', ...account('westus'), pools, applications: [] },
        { location: 'eastus', role: 'primary', takesWork: true, stack: 'batch-eastus', ...account('eastus'), pools, applications: [] },
        { location: 'centralus', role: 'standby', takesWork: false, stack: 'batch-centralus', ...account('centralus'), pools, applications: [] },
      ],
      replication: [],
    });
    // Every region its own account; the same pool ids everywhere, so clients move work without renaming targets.
    expect(new Set(manifest.regions.map((region: any) => region.accountName)).size).toBe(3);
    expect(new Set(manifest.regions.map((region: any) => JSON.stringify(region.pools))).size).toBe(1);
  });

  test('split with only primaries (no standby) lists none under standby', () => {
    const config = splitConfig();
    config.regions.pop();
    const result = synthesize('split-no-standby', config);
    expect(result.code).toBe(0);
    expect(manifestOf(result.outdir)).toMatchObject({ mode: 'split', working: ['westus', 'eastus'], standby: [] });
  });
});

describe('mode and the number of primaries', () => {
  test.each<[string, (config: any) => void, string[]]>([
    ['split with one primary: one line at $.mode, with the fix', (c) => { c.regions[0].role = 'standby'; }, [
      '$.mode "split" splits the work between primary regions, but only regions[1] is primary; make two or more regions "primary", or use "failover"',
    ]],
    ['failover (the default) with two primaries: the second primary\'s role, with split as a fix', (c) => { delete c.mode; }, [
      '$.regions[1].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby", or set "mode": "split" to have several take work',
    ]],
    ['an explicit failover with two primaries: the same line', (c) => { c.mode = 'failover'; }, [
      '$.regions[1].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby", or set "mode": "split" to have several take work',
    ]],
    ['failover with three primaries: a line for each repeat', (c) => { c.mode = 'failover'; c.regions[2].role = 'primary'; }, [
      '$.regions[1].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby", or set "mode": "split" to have several take work',
      '$.regions[2].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby", or set "mode": "split" to have several take work',
    ]],
    ['split with no primary: the missing primary only', (c) => { c.regions.forEach((region: any) => { region.role = 'standby'; }); }, [
      '$.regions ["westus","eastus","centralus"] has no primary region; set "role": "primary" on the region that takes the workload',
    ]],
    // The broken mode is read as the default, failover, so the rest is still checked: the second primary too.
    ['a mode that is not one', (c) => { c.mode = 'active'; }, [
      '$.mode "active" is not a mode; use "failover" (one primary, standbys take over) or "split" (two or more primaries take work at once)',
      '$.regions[1].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby", or set "mode": "split" to have several take work',
    ]],
  ])('%s; exit 1, no Terraform', (name, edit, expected) => {
    const config = splitConfig();
    edit(config);
    const result = synthesize(`mode-${name.replace(/\W+/g, '-')}`, config);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual(expected.map((line) => `${result.file}: ${line}`));
    expect(filesUnder(result.outdir)).toEqual([]);
  });
});

describe.each(['full.json', 'union-three-regions.json'])('the failover fixture %s', (fixture) => {
  const text = readFileSync(join('test', 'fixtures', fixture), 'utf8');
  // One call site for both, so even the stack traces in cdktf's manifest.json are the same.
  const [implicit, explicit] = [text, { ...JSON.parse(text), mode: 'failover' }].map((config, i) => synthesize(`${i === 0 ? 'implicit' : 'explicit'}-${fixture}`, config));

  test('synthesizes byte-identical stacks and manifest with and without "mode": "failover"', () => {
    expect(JSON.parse(text).mode).toBeUndefined();
    expect([implicit.code, explicit.code]).toEqual([0, 0]);
    const before = outputFiles(implicit.outdir);
    // Three region stacks; full.json also replicates reference data to its two standbys.
    expect(Object.keys(before).filter((file) => file.endsWith('cdk.tf.json') && !file.includes('batch-replication-'))).toHaveLength(3);
    expect(Object.keys(before)).toContain(MANIFEST_FILE);
    const after = outputFiles(explicit.outdir);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [file, bytes] of Object.entries(before)) expect([file, after[file].toString('utf8')]).toEqual([file, bytes.toString('utf8')]);
    expect(explicit.lines).toEqual(implicit.lines.map((line) => line.split(implicit.file).join(explicit.file)));
  });

  test('its manifest says failover, with the one primary working and the others standby', () => {
    const regions: Array<{ location: string; role: string }> = JSON.parse(text).regions;
    const manifest = manifestOf(implicit.outdir);
    expect(manifest.mode).toBe('failover');
    expect(manifest.working).toEqual([regions[0].location]);
    expect(manifest.standby).toEqual(regions.slice(1).map((region) => region.location));
    expect(manifest.regions.map((region: any) => [region.location, region.role, region.takesWork])).toEqual(
      regions.map((region, i) => [region.location, i === 0 ? 'primary' : 'standby', i === 0]),
    );
    expect(existsSync(join(implicit.outdir, 'stacks', `batch-${regions[0].location}`, 'cdk.tf.json'))).toBe(true);
  });
});
