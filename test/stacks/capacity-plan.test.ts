import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VmSize } from '../../lib/catalog/vm-size';
import { PoolScale } from '../../lib/pool/pool-scale';
import { capacityNeeds } from '../../lib/region/capacity';
import { CAPACITY_FILE, runApp } from '../../stacks/main';

/** Runs the app on `config` (an object, or a fixture file) and returns its exit code, lines and plan. */
function synthOf(config: object | string) {
  const dir = mkdtempSync(join(tmpdir(), 'capacity-'));
  try {
    const file = typeof config === 'string' ? config : join(dir, 'deploy.json');
    if (typeof config !== 'string') writeFileSync(file, JSON.stringify(config));
    const lines: string[] = [];
    const code = runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), join(dir, 'out'));
    const plan = code === 0 ? JSON.parse(readFileSync(join(dir, 'out', CAPACITY_FILE), 'utf8')) : undefined;
    return { code, lines, plan };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the VM-size model the plan counts with', () => {
  // "Azure virtual machine sizes naming conventions": the number after the family is the vCPU count.
  test.each([
    ['Standard_D4s_v5', 4, 'Dsv5'], ['Standard_D16s_v5', 16, 'Dsv5'], ['Standard_D4s_v6', 4, 'Dsv6'], ['Standard_E8-4s_v5', 8, 'Esv5'],
    ['Standard_NC24ads_A100_v4', 24, 'NCadsA100v4'], ['Standard_F4s_v2', 4, 'Fsv2'], ['Standard_DS3', 3, 'DS'],
  ])('%s has %d vCPUs, series %s', (name, vCpus, series) => {
    expect([VmSize.of(name).vCpus, VmSize.of(name).series]).toEqual([vCpus, series]);
  });

  test('a name outside the convention has no count, and its pool is listed as uncounted', () => {
    expect(VmSize.of('Basic_A0').vCpus).toBeUndefined();
    expect(capacityNeeds([{ name: 'odd', vmSize: 'Basic_A0', scale: PoolScale.fixed({ dedicatedNodes: 2 }) }]).uncounted).toEqual(['odd']);
  });

  test('dedicated and Spot maxima: fixed counts, and a formula\'s maxNodes for the node kinds it sets', () => {
    expect([PoolScale.fixed({ dedicatedNodes: 3, spotNodes: 5 }).dedicatedNodes, PoolScale.fixed({ dedicatedNodes: 3, spotNodes: 5 }).spotNodes]).toEqual([3, 5]);
    const spot = PoolScale.pendingTasks({ maxNodes: 50, spot: true });
    expect([spot.dedicatedNodes, spot.spotNodes]).toEqual([0, 50]);
    const dedicated = PoolScale.pendingTasks({ maxNodes: 20 });
    expect([dedicated.dedicatedNodes, dedicated.spotNodes]).toEqual([20, 0]);
  });
});

describe('the capacity and quota plan of a deployment', () => {
  test('test/fixtures/full.json, number by number: each region now, and each standby after a switchover', () => {
    const { code, lines, plan } = synthOf('test/fixtures/full.json');
    expect(code).toBe(0);
    // render: 4 dedicated + 16 Spot D16s_v5 (1 dedicated in standby); burst: up to 50 Spot D4s_v5 in
    // every region; sim: 2 D4s_v6 (1 in standby); containers: 2 D4s_v5 (0 in standby).
    const full = { dedicatedVCpusBySeries: { Dsv5: 4 * 16 + 2 * 4, Dsv6: 2 * 4 }, dedicatedVCpus: 80, spotVCpus: 16 * 16 + 50 * 4, pools: 4, subnetAddresses: (20 + 50 + 2 + 2) + 50, uncounted: [] };
    const standby = { dedicatedVCpusBySeries: { Dsv5: 16, Dsv6: 4 }, dedicatedVCpus: 20, spotVCpus: 50 * 4, pools: 4, subnetAddresses: (1 + 50 + 1 + 0) + 50, uncounted: [] };
    expect(plan.regions).toEqual([
      { location: 'northeurope', role: 'primary', now: full, subnet: { prefix: '10.40.0.0/17', usableAddresses: 2 ** 15 - 5 } },
      { location: 'westeurope', role: 'standby', now: standby, afterSwitchover: full, subnet: { prefix: '10.41.0.0/17', usableAddresses: 2 ** 15 - 5 } },
      { location: 'swedencentral', role: 'standby', now: standby, afterSwitchover: full, subnet: { prefix: '10.42.0.0/17', usableAddresses: 2 ** 15 - 5 } },
    ]);
    expect(lines).toEqual(expect.arrayContaining([
      '  northeurope    primary  now       Dsv5 72, Dsv6 8            80         456   4      124',
      '  westeurope     standby  switched  Dsv5 72, Dsv6 8            80         456   4      124',
    ]));
    // 456 Spot vCPUs everywhere at full size, and 200 in the standbys today: above the 100 a new account gets.
    expect(lines.filter((line) => line.startsWith('warning: [capacity]'))).toEqual([
      'warning: [capacity] northeurope needs, now, 456 Spot vCPUs, more than the 100 a new account gets at most: request the quota for its Batch account before it is needed (az batch location list-skus names the VM families)',
      'warning: [capacity] westeurope needs, now, 200 Spot vCPUs, more than the 100 a new account gets at most: request the quota for its Batch account before it is needed (az batch location list-skus names the VM families)',
      'warning: [capacity] westeurope needs, after a switchover, 456 Spot vCPUs, more than the 100 a new account gets at most: request the quota for its Batch account before it is needed (az batch location list-skus names the VM families)',
      'warning: [capacity] swedencentral needs, now, 200 Spot vCPUs, more than the 100 a new account gets at most: request the quota for its Batch account before it is needed (az batch location list-skus names the VM families)',
      'warning: [capacity] swedencentral needs, after a switchover, 456 Spot vCPUs, more than the 100 a new account gets at most: request the quota for its Batch account before it is needed (az batch location list-skus names the VM families)',
    ]);
  });

  test('a standby that fits its standby size but not the full size, and dedicated vCPUs above the default, are warnings', () => {
    const { code, lines } = synthOf({
      name: 'contoso', subscriptionId: '00000000-0000-0000-0000-000000000001',
      regions: [{ location: 'eastus', addressSpace: '10.10.0.0/16' }, { location: 'westus', addressSpace: '10.20.0.0/26', role: 'standby' }],
      pools: [{ name: 'big', vmSize: 'Standard_D64s_v5', dedicatedNodes: 15, standbyNodes: 1 }],
    });
    expect(code).toBe(0);
    expect(lines.filter((line) => line.startsWith('warning: [capacity]'))).toEqual([
      'warning: [capacity] eastus needs, now, 960 dedicated vCPUs (960 Dsv5), more than the 900 a new account gets at most: request the quota for its Batch account before it is needed (az batch location list-skus names the VM families)',
      'warning: [capacity] westus needs, after a switchover, 960 dedicated vCPUs (960 Dsv5), more than the 900 a new account gets at most: request the quota for its Batch account before it is needed (az batch location list-skus names the VM families)',
      'warning: [capacity] westus fits its standby size, but at full size after a switchover its pools need 30 addresses and its pool subnet 10.20.0.0/27 gives 27; give it a larger address space before a switchover',
    ]);
  });
});
