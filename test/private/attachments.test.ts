import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PoolImage } from '../../lib/catalog/pool-image';
import { PoolScale } from '../../lib/pool/pool-scale';
import { addressesNeeded, attachedPools, attachPool, AttachedPool } from '../../lib/private/attachments';
import { batchFixture, newStack } from '../helpers';

describe('attachPool and attachedPools', () => {
  test('a network knows the pools placed in it, in the order they were created, and only those', () => {
    const fixture = batchFixture();
    const work = fixture.addPool({ name: 'work', scale: PoolScale.fixed({ dedicatedNodes: 2, spotNodes: 3 }) });
    const render = fixture.addPool({ name: 'render', image: PoolImage.UBUNTU_2404_HPC, container: {}, scale: PoolScale.autoscale({ formula: '$TargetDedicatedNodes = 0;', maxNodes: 40 }) });
    expect(attachedPools(fixture.network)).toEqual([
      { pool: work, maxNodes: 5, containers: false, registries: [] },
      { pool: render, maxNodes: 40, containers: true, registries: [] },
    ]);
    expect(attachedPools(fixture.account)).toEqual([]);
    expect(attachedPools(batchFixture().network)).toEqual([]);
  });

  test('records what it is given against the construct it is given', () => {
    const scope = new Construct(newStack(), 'Network');
    const pools: AttachedPool[] = [
      { pool: new Construct(scope, 'A'), maxNodes: 1, containers: false },
      { pool: new Construct(scope, 'B'), maxNodes: 0, containers: true },
    ];
    pools.forEach((pool) => attachPool(scope, pool));
    expect(attachedPools(scope)).toEqual(pools);
  });
});

describe('addressesNeeded', () => {
  // Every node, plus the largest pool once more: a replaced pool is created before the old one is deleted.
  test.each([
    [[], 0],
    [[0], 0],
    [[2], 4],
    [[2, 10, 3], 25],
    [[100, 100], 300],
  ])('pools of %j nodes need %d addresses', (sizes, needed) => {
    const scope = new Construct(newStack(), 'Network');
    expect(addressesNeeded(sizes.map((maxNodes, i) => ({ pool: new Construct(scope, `P${i}`), maxNodes, containers: false })))).toBe(needed);
  });

  test('a pool subnet holds what the attached pools need, and no less: 27 usable addresses in a /27 (Azure reserves 5)', () => {
    const synthWith = (sizes: number[]) => {
      const fixture = batchFixture(undefined, { network: { poolSubnetPrefix: '10.10.0.0/27' } });
      sizes.forEach((dedicatedNodes, i) => fixture.addPool({ name: `p${i}`, scale: PoolScale.fixed({ dedicatedNodes }) }));
      return () => Testing.synth(fixture.stack, true);
    };
    // 10 + 6 + 10 again = 26.
    expect(synthWith([10, 6])).not.toThrow();
    // 10 + 7 + 10 again = 27.
    expect(synthWith([10, 7])).not.toThrow();
    // 10 + 8 + 10 again = 28.
    expect(synthWith([10, 8])).toThrow(/poolSubnetPrefix "10\.10\.0\.0\/27" holds 27 addresses .* need 28 nodes/);
  });
});
