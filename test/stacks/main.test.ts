import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, runApp } from '../../stacks/main';
import { filesUnder } from '../helpers';

describe('the deployable app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'batch-app-'));

  test('synthesizes one stack folder per region from the embedded default', () => {
    const outdir = join(dir, 'default.out');
    const lines: string[] = [];
    expect(runApp({}, (line) => lines.push(line), outdir)).toBe(0);
    // The default config cannot know your subscription, so the global names are not unique to it: the
    // only warning, one per region.
    expect(lines).toEqual(['eastus', 'westus'].map((region) => expect.stringMatching(new RegExp(`^warning: \\[batch-${region}/Region\\] \\[NAMES\\] storage and Batch account names come from "contoso" and ${region} only, .*; set subscriptionId \\(config "subscriptionId"\\) before the first deploy so they are unique to yours \\(.*\\)$`))));
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['batch-eastus', 'batch-westus']);
    expect(existsSync(join(outdir, 'stacks', 'batch-eastus', 'cdk.tf.json'))).toBe(true);
  });

  test('writes a deployment manifest clients read to switch regions', () => {
    const outdir = join(dir, 'manifest.out');
    expect(runApp({}, () => undefined, outdir)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, MANIFEST_FILE), 'utf8'));
    const pool = manifest.regions[0].pools.work;
    expect(manifest).toEqual({
      deployment: 'contoso',
      regions: [
        { location: 'eastus', role: 'primary', stack: 'batch-eastus', accountName: expect.stringMatching(/^bacontoso[0-9a-f]{8}$/), accountEndpoint: expect.stringMatching(/^https:\/\/bacontoso[0-9a-f]{8}\.eastus\.batch\.azure\.com$/), pools: { work: expect.stringMatching(/^work-[0-9a-f]{6}$/) } },
        { location: 'westus', role: 'standby', stack: 'batch-westus', accountName: expect.stringMatching(/^bacontoso[0-9a-f]{8}$/), accountEndpoint: expect.stringMatching(/^https:\/\/bacontoso[0-9a-f]{8}\.westus\.batch\.azure\.com$/), pools: { work: pool } },
      ],
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
      `${file}: $.regions[1].location "wetsus" is not an Azure region; did you mean "westus"?`,
      `${file}: $.regions[1].addressSpace "10.1.0.0/16" overlaps regions[0].addressSpace 10.0.0.0/8; give each region its own range so the VNets can be peered`,
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
      `${file}: BatchNetwork batch-eastus/Region/Network: addressSpace "10.0.0.0/29" holds 3 nodes (8 addresses minus the 5 Azure reserves) but maxNodeCount is 16; use a prefix length of /27 or shorter`,
    ]);
    expect(filesUnder(outdir)).toEqual([]);
  });
});
