import { TODAY_CONTEXT_KEY } from '../../lib';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { FINDINGS_FILE, MANIFEST_FILE, runApp, startApp } from '../../stacks/main';
import { filesUnder, validConfigWith, withoutCapacityTable } from '../helpers';

/** `run`'s result, with the app's day (cdktf context, as `cdktf synth` passes it) set to `today`. */
function onDay<T>(today: string, run: () => T): T {
  const before = process.env.CDKTF_CONTEXT_JSON;
  process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ [TODAY_CONTEXT_KEY]: today });
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env.CDKTF_CONTEXT_JSON;
    else process.env.CDKTF_CONTEXT_JSON = before;
  }
}

describe('the deployable app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'batch-app-'));

  test('synthesizes one stack folder per region from the embedded default', () => {
    const outdir = join(dir, 'default.out');
    const lines: string[] = [];
    expect(runApp({}, (line) => lines.push(line), outdir)).toBe(0);
    // The default config cannot know your subscription, so the global names are not unique to it: the
    // only warning, one per region.
    expect(withoutCapacityTable(lines)).toEqual(['eastus', 'westus'].map((region) => expect.stringMatching(new RegExp(`^warning: \\[batch-${region}/Region\\] \\[NAMES\\] storage and Batch account names come from "contoso" and ${region} only, .*; set subscriptionId \\(config "subscriptionId"\\) before the first deploy so they are unique to yours \\(.*\\)$`))));
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['batch-eastus', 'batch-westus']);
    expect(existsSync(join(outdir, 'stacks', 'batch-eastus', 'cdk.tf.json'))).toBe(true);
  });

  test('as its process starts it (from the event loop), it synthesizes the same stacks, and a bad config still fails', async () => {
    const outdir = join(dir, 'started.out');
    await expect(startApp({}, () => undefined, outdir)).resolves.toBe(0);
    expect(readFileSync(join(outdir, 'stacks', 'batch-eastus', 'cdk.tf.json'), 'utf8')).toBe(readFileSync(join(dir, 'default.out', 'stacks', 'batch-eastus', 'cdk.tf.json'), 'utf8'));
    const lines: string[] = [];
    await expect(startApp({ BATCH_DEPLOYMENT_CONFIG: join(dir, 'missing.json') }, (line) => lines.push(line), join(dir, 'missing.out'))).resolves.toBe(1);
    expect(lines.join('\n')).toContain('missing.json');
    expect(existsSync(join(dir, 'missing.out'))).toBe(false);
  });

  test('best-practice errors found on the synthesized Terraform (the only errors) write nothing and keep the last good output', () => {
    const file = join(dir, 'legacy.json');
    const config = { name: 'contoso', regions: [{ location: 'eastus', addressSpace: '10.10.0.0/16' }], pools: [{ name: 'work', vmSize: 'Standard_D4s_v5' }] };
    writeFileSync(file, JSON.stringify(config));
    const outdir = join(dir, 'legacy.out');
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, () => undefined, outdir)).toBe(0);
    // Every file below the output folder, by path, with its contents.
    const contents = () => (readdirSync(outdir, { recursive: true }) as string[]).sort()
      .filter((path) => statSync(join(outdir, path)).isFile()).map((path) => [path, readFileSync(join(outdir, path), 'utf8')]);
    const before = contents();
    expect(before.map(([path]) => path)).toContain(join('stacks', 'batch-eastus', 'cdk.tf.json'));
    // A best-practice rule refuses it, and nothing else does: its node agent is past its end of life.
    writeFileSync(file, JSON.stringify({ ...config, pools: [{ name: 'legacy', vmSize: 'Standard_D4s_v5', image: 'ubuntu-22.04' }] }));
    const lines: string[] = [];
    expect(onDay('2027-08-01', () => runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), outdir))).toBe(1);
    expect(lines.map((line) => line.slice(file.length + 2))).toEqual([
      '$.pools[0] [BATCH-004] node agent "batch.node.ubuntu 22.04" lost Batch support on 2027-06-30: Move the pool to a supported image, e.g. "ubuntu-24.04". (at batch-eastus/Region/Pool-legacy/Resource)',
    ]);
    expect(contents()).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.startsWith('legacy.out.staging'))).toEqual([]);
  });

  test('with HCL output (cdktf synth --hcl), which writes no JSON, the best-practice checks run on the tree before synth', () => {
    const file = join(dir, 'hcl.json');
    const config = { name: 'contoso', regions: [{ location: 'eastus', addressSpace: '10.10.0.0/16' }], pools: [{ name: 'work', vmSize: 'Standard_D4s_v5' }] };
    writeFileSync(file, JSON.stringify(config));
    const before = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const outdir = join(dir, 'hcl.out');
      expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, () => undefined, outdir)).toBe(0);
      expect(readFileSync(join(outdir, 'stacks', 'batch-eastus', 'cdk.tf'), 'utf8')).toMatch(/^terraform \{/m);
      writeFileSync(file, JSON.stringify({ ...config, pools: [{ name: 'legacy', vmSize: 'Standard_D4s_v5', image: 'ubuntu-22.04' }] }));
      const lines: string[] = [];
      const refused = join(dir, 'hcl-refused.out');
      expect(onDay('2027-08-01', () => runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), refused))).toBe(1);
      expect(lines.map((line) => line.slice(file.length + 2))).toEqual([expect.stringMatching(/^\$\.pools\[0\] \[BATCH-004\] node agent "batch\.node\.ubuntu 22\.04" lost Batch support/)]);
      expect(existsSync(refused)).toBe(false);
    } finally {
      if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = before;
    }
  });

  test('writes every warning and suppression to a findings report when the config asks for one', () => {
    const config = {
      name: 'contoso', findingsReport: true,
      regions: [{ location: 'eastus', addressSpace: '10.10.0.0/16' }],
      pools: [
        { name: 'sim', vmSize: 'Standard_D4s_v6' },
        { name: 'containers', vmSize: 'Standard_D4s_v5', image: 'ubuntu-24.04-hpc', containerImages: ['mcr.microsoft.com/azurelinux/base/core:3.0'] },
      ],
      suppressions: [{ rule: 'BATCH-013', reason: 'checked az vm list-skus: D4s_v6 supports encryption at host' }],
    };
    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(config));
    const outdir = join(dir, 'report.out');
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, () => undefined, outdir)).toBe(0);
    const report = JSON.parse(readFileSync(join(outdir, FINDINGS_FILE), 'utf8'));
    expect(report.deployment).toBe('contoso');
    expect(report.findings).toEqual(expect.arrayContaining([
      { rule: 'BATCH-013', level: 'suppressed', construct: 'batch-eastus/Region/Pool-sim/Resource', message: 'checked az vm list-skus: D4s_v6 supports encryption at host' },
      { rule: 'BATCH-015', level: 'warning', construct: 'batch-eastus/Region/Pool-containers/Resource', message: expect.stringMatching(/^pulls mcr\.microsoft\.com\/azurelinux\/base\/core:3\.0 at node start/) },
    ]));
    expect(report.findings.filter((finding: { level: string }) => finding.level === 'warning').map((finding: { rule: string }) => finding.rule)).not.toContain('BATCH-013');
    // cdktf's manifest (whose annotations the CLI prints) lists them too, though they were found after
    // synth wrote it: the warning and the suppression, each on its resource.
    const annotations = Object.values<any>(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks).flatMap((stack) => stack.annotations);
    expect(annotations).toEqual(expect.arrayContaining([
      expect.objectContaining({ constructPath: 'batch-eastus/Region/Pool-containers/Resource', level: '@cdktf/warn', message: expect.stringMatching(/^\[BATCH-015\] pulls /) }),
      expect.objectContaining({ constructPath: 'batch-eastus/Region/Pool-sim/Resource', level: '@cdktf/info', message: '[BATCH-013] suppressed: checked az vm list-skus: D4s_v6 supports encryption at host' }),
    ]));
    writeFileSync(file, JSON.stringify({ ...config, findingsReport: false }));
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, () => undefined, outdir)).toBe(0);
    expect(existsSync(join(outdir, FINDINGS_FILE))).toBe(false);
  });

  test('regions of two clouds, with local state and the subscription left to each deploy, get each cloud\'s provider environment', () => {
    const outdir = join(dir, 'clouds.out');
    const file = join(dir, 'clouds.json');
    writeFileSync(file, JSON.stringify(validConfigWith((c) => { c.regions[1].location = 'usgovvirginia'; })));
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, () => undefined, outdir)).toBe(0);
    const environmentOf = (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')).provider.azurerm[0].environment;
    expect([environmentOf('batch-eastus'), environmentOf('batch-usgovvirginia')]).toEqual(['public', 'usgovernment']);
  });

  test('writes a deployment manifest clients read to switch regions', () => {
    const outdir = join(dir, 'manifest.out');
    expect(runApp({}, () => undefined, outdir)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, MANIFEST_FILE), 'utf8'));
    const pool = manifest.regions[0].pools.work;
    expect(manifest).toEqual({
      deployment: 'contoso',
      mode: 'failover',
      working: ['eastus'],
      standby: ['westus'],
      regions: [
        { location: 'eastus', role: 'primary', takesWork: true, stack: 'batch-eastus', resourceGroup: 'rg-contoso-eastus', accountName: expect.stringMatching(/^bacontoso[0-9a-f]{8}$/), accountEndpoint: expect.stringMatching(/^https:\/\/bacontoso[0-9a-f]{8}\.eastus\.batch\.azure\.com$/), pools: { work: expect.stringMatching(/^work-[0-9a-f]{6}$/) }, applications: [] },
        { location: 'westus', role: 'standby', takesWork: false, stack: 'batch-westus', resourceGroup: 'rg-contoso-westus', accountName: expect.stringMatching(/^bacontoso[0-9a-f]{8}$/), accountEndpoint: expect.stringMatching(/^https:\/\/bacontoso[0-9a-f]{8}\.westus\.batch\.azure\.com$/), pools: { work: pool }, applications: [] },
      ],
      replication: [],
    });
    expect(manifest.regions[0].accountName).not.toBe(manifest.regions[1].accountName);
  });

  test('a bad config prints one line per problem, exits 1 and writes no Terraform', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'contoso', regions: [{ location: 'eastus', addressSpace: '10.0.0.0/8', role: 'primary' }, { location: 'wetsus', addressSpace: '10.1.0.0/16', role: 'standby' }] }));
    const outdir = join(dir, 'bad.out');
    const lines: string[] = [];
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), outdir)).toBe(1);
    expect(lines).toEqual([
      `${file}: $.regions[1].addressSpace "10.1.0.0/16" overlaps regions[0].addressSpace 10.0.0.0/8; give each region its own range so the VNets can be peered`,
      `${file}: $.regions[1].location "wetsus" is not an Azure region; did you mean "westus"?`,
    ]);
    expect(filesUnder(outdir)).toEqual([]);
  });

  test('problems found while building stacks are printed the same way, without a stack trace', () => {
    const file = join(dir, 'small.json');
    writeFileSync(file, JSON.stringify({ name: 'contoso', regions: [{ location: 'eastus', addressSpace: '10.0.0.0/28' }], pools: [{ name: 'p', vmSize: 'Standard_D2s_v5', dedicatedNodes: 8 }] }));
    const outdir = join(dir, 'small.out');
    const lines: string[] = [];
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), outdir)).toBe(1);
    expect(lines).toEqual([
      `${file}: $.regions[0].addressSpace "10.0.0.0/28" leaves 3 addresses in the pool subnet 10.0.0.0/29 (8 minus the 5 Azure reserves), but the pools attached need 16 nodes (every node, plus the largest pool again for a replacement); use an addressSpace of /26 or shorter (the pool subnet is its first half)`,
    ]);
    expect(filesUnder(outdir)).toEqual([]);
  });

  test('a config with a problem in every layer prints them all in one run, each under its JSON path', () => {
    const file = join(dir, 'layers.json');
    writeFileSync(file, JSON.stringify({
      name: 'contoso',
      regions: [{ location: 'eastus', addressSpace: '10.10.0.0/16', role: 'primary' }, { location: 'westus', addressSpace: '10.20.0.0/16', role: 'primary' }],
      pools: [
        // A construct refuses it: a data disk over a system directory.
        { name: 'work', vmSize: 'Standard_D4s_v5', dedicatedNodes: 1, dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/etc' }] },
        // The schema refuses it: not a number.
        { name: 'batch', vmSize: 'Standard_D4s_v5', taskSlotsPerNode: 'four' },
        // A best-practice rule refuses it: its node agent is past its end of life on the day below.
        { name: 'legacy', vmSize: 'Standard_D4s_v5', image: 'ubuntu-22.04' },
      ],
    }));
    const outdir = join(dir, 'layers.out');
    const lines: string[] = [];
    expect(onDay('2027-08-01', () => runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), outdir))).toBe(1);
    const shown = lines.map((line) => line.slice(file.length + 2));
    // Schema, cross-field, construct, best practice: one line each (what both regions find is printed
    // once, a finding with the resource in each), no stack trace, nothing written.
    expect(shown).toEqual([
      '$.pools[1].taskSlotsPerNode "four" is not a number; give the task slots per node as a whole number',
      '$.regions[1].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby", or set "mode": "split" to have several take work',
      '$.pools[0].dataDisks[0].mountPath "/etc" would hide a system directory; mount data disks at a path of their own, such as "/data/work"',
      '$.pools[2] [BATCH-004] node agent "batch.node.ubuntu 22.04" lost Batch support on 2027-06-30: Move the pool to a supported image, e.g. "ubuntu-24.04". '
        + '(at batch-eastus/Region/Pool-legacy/Resource, batch-westus/Region/Pool-legacy/Resource)',
    ]);
    expect(filesUnder(outdir)).toEqual([]);
  });

  test('a config that is not a regular file, or is far too big, is refused without reading it', () => {
    const fifo = join(dir, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.json');
    writeFileSync(big, ' '.repeat(1024 * 1024 + 1));
    for (const [file, message] of [
      [fifo, 'is not a regular file; point BATCH_DEPLOYMENT_CONFIG at a JSON deployment config'],
      ['/dev/zero', 'is not a regular file; point BATCH_DEPLOYMENT_CONFIG at a JSON deployment config'],
      [big, 'is 1048577 bytes, over the 1048576 a deployment config may have; point BATCH_DEPLOYMENT_CONFIG at the config itself'],
    ]) {
      const lines: string[] = [];
      expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), join(dir, 'never.out'))).toBe(1);
      expect(lines).toEqual([`BATCH_DEPLOYMENT_CONFIG=${file}: ${message}`]);
    }
    expect(existsSync(join(dir, 'never.out'))).toBe(false);
  });

  describe('the output folder', () => {
    const second = () => {
      const file = join(dir, 'one-region.json');
      writeFileSync(file, JSON.stringify({ name: 'contoso', regions: [{ location: 'eastus', addressSpace: '10.10.0.0/16' }] }));
      return file;
    };

    test('a synth keeps what Terraform keeps in a stack folder, byte for byte, and drops a removed region\'s stack file only', () => {
      const outdir = join(dir, 'keep.out');
      expect(runApp({}, () => undefined, outdir)).toBe(0);
      const kept: Record<string, Buffer> = {};
      for (const stack of ['batch-eastus', 'batch-westus']) {
        const folder = join(outdir, 'stacks', stack);
        mkdirSync(join(folder, '.terraform', 'providers'), { recursive: true });
        writeFileSync(join(folder, '.terraform', 'providers', 'azurerm.bin'), Buffer.from([0, 1, 2, 255]));
        writeFileSync(join(folder, '.terraform.lock.hcl'), '# provider checksums\n');
        writeFileSync(join(folder, 'plan.tfplan'), Buffer.from([80, 75, 3, 4]));
        for (const file of ['.terraform/providers/azurerm.bin', '.terraform.lock.hcl', 'plan.tfplan']) kept[`${stack}/${file}`] = readFileSync(join(folder, file));
      }
      const before = readFileSync(join(outdir, 'stacks', 'batch-eastus', 'cdk.tf.json'), 'utf8');
      expect(runApp({ BATCH_DEPLOYMENT_CONFIG: second() }, () => undefined, outdir)).toBe(0);
      for (const [file, bytes] of Object.entries(kept)) expect([file, readFileSync(join(outdir, 'stacks', file))]).toEqual([file, bytes]);
      expect(readFileSync(join(outdir, 'stacks', 'batch-eastus', 'cdk.tf.json'), 'utf8')).not.toBe(before);
      // westus left the config: its stack file goes (cdktf would deploy it otherwise), Terraform's files stay.
      expect(existsSync(join(outdir, 'stacks', 'batch-westus', 'cdk.tf.json'))).toBe(false);
      expect(existsSync(join(outdir, 'stacks', 'batch-westus', '.terraform.lock.hcl'))).toBe(true);
      expect(readdirSync(dir).filter((name) => name.startsWith('keep.out.'))).toEqual([]);
    });

    test.each<[string, (root: string) => string, string]>([
      ['the project itself', () => process.cwd(), 'is the project folder or one above it'],
      ['a folder above the project', () => join(process.cwd(), '..'), 'is the project folder or one above it'],
      ['an empty name', () => '', 'is empty; name a folder for the synthesized stacks, e.g. "cdktf.out"'],
      ['"."', () => '.', 'is the project folder or one above it'],
      ['a folder of other files', (root) => { mkdirSync(join(root, 'src')); writeFileSync(join(root, 'src', 'app.ts'), 'x'); return join(root, 'src'); },
        'holds files but no cdktf manifest.json, so it is not a synth output; empty it or name another folder'],
      ['a missing parent', (root) => join(root, 'missing', 'out'), 'has no parent folder'],
      ['a file', (root) => { writeFileSync(join(root, 'file.out'), 'x'); return join(root, 'file.out'); }, 'is a file, not a folder'],
      ['a folder whose manifest.json is not cdktf\'s', (root) => { mkdirSync(join(root, 'public')); writeFileSync(join(root, 'public', 'manifest.json'), '{"name":"web app"}'); return join(root, 'public'); },
        'holds files but no cdktf manifest.json, so it is not a synth output'],
    ])('refuses %s as the output folder, touching nothing', (_, folderOf, message) => {
      const root = mkdtempSync(join(tmpdir(), 'outdir-'));
      const outdir = folderOf(root);
      const before = [filesUnder(root), readdirSync(process.cwd()).sort()];
      const lines: string[] = [];
      expect(runApp({}, (line) => lines.push(line), outdir)).toBe(1);
      expect(lines).toEqual([expect.stringContaining(`CDKTF_OUTDIR=${outdir}: ${message}`)]);
      expect([filesUnder(root), readdirSync(process.cwd()).sort()]).toEqual(before);
    });

    test('a folder another synth is publishing (its manifest not yet moved in) gets the lock message, not the refusal of a folder of other files', () => {
      const outdir = join(dir, 'publishing.out');
      mkdirSync(join(outdir, 'stacks', 'batch-eastus'), { recursive: true });
      writeFileSync(join(outdir, 'stacks', 'batch-eastus', 'cdk.tf.json'), '{}');
      writeFileSync(`${outdir}.lock`, String(process.pid));
      const lines: string[] = [];
      expect(runApp({}, (line) => lines.push(line), outdir)).toBe(1);
      expect(lines).toEqual([`CDKTF_OUTDIR=${outdir}: is being written by another synth (process ${process.pid}, lock ${outdir}.lock); wait for it to finish`]);
      rmSync(`${outdir}.lock`);
    });

    test('a previous manifest naming files outside its stack files never gets them deleted', () => {
      const root = mkdtempSync(join(tmpdir(), 'manifest-'));
      const outdir = join(root, 'cdktf.out');
      expect(runApp({}, () => undefined, outdir)).toBe(0);
      writeFileSync(join(root, 'src.ts'), 'export const keep = 1;\n');
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
      manifest.stacks['batch-old'] = { synthesizedStackPath: '../src.ts' };
      writeFileSync(join(outdir, 'manifest.json'), JSON.stringify(manifest));
      expect(runApp({}, () => undefined, outdir)).toBe(0);
      expect(readFileSync(join(root, 'src.ts'), 'utf8')).toBe('export const keep = 1;\n');
    });

    test('a folder another synth is writing is refused; a lock left by a process that is gone is taken over', () => {
      const outdir = join(dir, 'locked.out');
      writeFileSync(`${outdir}.lock`, String(process.pid));
      const lines: string[] = [];
      expect(runApp({}, (line) => lines.push(line), outdir)).toBe(1);
      expect(lines).toEqual([`CDKTF_OUTDIR=${outdir}: is being written by another synth (process ${process.pid}, lock ${outdir}.lock); wait for it to finish`]);
      expect(existsSync(outdir)).toBe(false);
      writeFileSync(`${outdir}.lock`, '2147483646');
      expect(runApp({}, () => undefined, outdir)).toBe(0);
      expect(existsSync(`${outdir}.lock`)).toBe(false);
      expect(existsSync(join(outdir, 'stacks', 'batch-eastus', 'cdk.tf.json'))).toBe(true);
    });
  });
});
