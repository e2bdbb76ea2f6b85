import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, runApp } from '../../stacks/main';

/** Runs the app on `config` and returns its exit code, its lines other than the capacity table, and the manifest. */
function synthOf(config: object) {
  const dir = mkdtempSync(join(tmpdir(), 'reference-'));
  try {
    const file = join(dir, 'deploy.json');
    writeFileSync(file, JSON.stringify(config));
    const lines: string[] = [];
    const code = runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line.replace(`${file}: `, '')), join(dir, 'out'));
    const manifest = code === 0 ? JSON.parse(readFileSync(join(dir, 'out', MANIFEST_FILE), 'utf8')) : undefined;
    return { code, lines: lines.filter((line) => line.startsWith('$')), manifest };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const regions = [
  { location: 'eastus', addressSpace: '10.10.0.0/16' },
  { location: 'westus', addressSpace: '10.20.0.0/16', role: 'standby' },
];
const base = { name: 'contoso', subscriptionId: '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b', regions, referenceData: { containers: ['reference'] }, applications: [{ name: 'blender' }] };

describe('reference data in every region', () => {
  test('one replication stack per standby, listed in the manifest with every region\'s applications', () => {
    const { code, manifest } = synthOf(base);
    expect(code).toBe(0);
    expect(manifest.replication).toEqual([{ stack: 'batch-replication-eastus-westus', from: 'eastus', to: 'westus', containers: ['reference'] }]);
    expect(manifest.regions.map((region: { applications: string[] }) => region.applications)).toEqual([['blender'], ['blender']]);
  });

  test('needs the subscription, failover mode and at most two standbys: one line each, nothing written', () => {
    const { subscriptionId, ...noSubscription } = base;
    expect(subscriptionId).toBeDefined();
    expect(synthOf(noSubscription)).toEqual({ code: 1, lines: ['$.referenceData needs "subscriptionId": the replication stacks name the regions\' storage accounts by their ARM ids, so no stack references another'], manifest: undefined });
    expect(synthOf({ ...base, mode: 'split', regions: [regions[0], { ...regions[1], role: 'primary' }] }).lines).toEqual([
      '$.referenceData replicates from the one primary to the standbys, and split mode has several primaries; leave referenceData out in split mode',
    ]);
    const three = [...regions, { location: 'centralus', addressSpace: '10.30.0.0/16', role: 'standby' }, { location: 'northeurope', addressSpace: '10.40.0.0/16', role: 'standby' }];
    expect(synthOf({ ...base, regions: three }).lines).toEqual([
      '$.regions[3].role "standby" is a third standby, and a storage account replicates to at most two; keep two standbys with referenceData, or copy the third region\'s reference data another way',
    ]);
    expect(synthOf({ ...base, referenceData: { containers: ['Bad_Name'] } }).lines).toEqual([
      '$.referenceData.containers[0] "Bad_Name" is not a container name; use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, e.g. "reference"',
    ]);
  });

  test('refuses regions of two clouds, and warns that a lock on the storage most likely blocks deleting the policy', () => {
    expect(synthOf({ ...base, regions: [regions[0], { location: 'usgovvirginia', addressSpace: '10.20.0.0/16', role: 'standby' }] }).lines).toEqual([
      '$.referenceData replicates between regions of different clouds (AzureCloud, AzureUSGovernment), which object replication cannot; keep the deployment in one cloud, or leave referenceData out',
      '$.subscriptionId "3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b" is one subscription, which is in one cloud, but the regions are in 2 clouds (AzureCloud: eastus; AzureUSGovernment: usgovvirginia); leave it out (each deploy then takes its cloud\'s subscription), or deploy the regions of each cloud from a config of their own',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'reference-locks-'));
    try {
      const file = join(dir, 'deploy.json');
      writeFileSync(file, JSON.stringify({ ...base, locks: true }));
      const lines: string[] = [];
      expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), join(dir, 'out'))).toBe(0);
      expect(lines.filter((line) => line.includes('CanNotDelete lock on the storage account, which also blocks'))).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

