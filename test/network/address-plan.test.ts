import { Token } from 'cdktf';
import { AddressPlan, capacityProblem, parseBlock, planAdoptedSubnet, planNewNetwork, planSubnetsIn } from '../../lib/network/address-plan';
import type { Problem } from '../../lib/private/problems';

/** The plan's blocks as text, and the problems found making it. */
function run<T>(plan: (problems: Problem[]) => T) {
  const problems: Problem[] = [];
  const result = plan(problems);
  return { result, problems };
}

function blocks(plan: AddressPlan) {
  return { pool: plan.poolSubnet?.toString(), endpoints: plan.endpointSubnet?.toString() };
}

describe('address plan', () => {
  describe('parseBlock', () => {
    test('parses a block, and appends a problem at the path for text that is not one', () => {
      const problems: Problem[] = [];
      expect(parseBlock(problems, 'a', '10.1.0.0/16')?.toString()).toBe('10.1.0.0/16');
      expect(parseBlock(problems, 'b', '10.1.0.1/16')).toBeUndefined();
      expect(problems).toEqual([{ path: 'b', value: '10.1.0.1/16', message: 'has host bits set; Azure accepts only the network address: use "10.1.0.0/16"' }]);
    });

    test('leaves what is absent or known only at deploy time alone', () => {
      const problems: Problem[] = [];
      expect(parseBlock(problems, 'a', undefined)).toBeUndefined();
      expect(parseBlock(problems, 'a', Token.asString({ Ref: 'x' }))).toBeUndefined();
      expect(problems).toEqual([]);
    });
  });

  describe('planNewNetwork', () => {
    test.each<[string, { pool: string; endpoints: string | undefined }]>([
      ['10.10.0.0/16', { pool: '10.10.0.0/17', endpoints: '10.10.128.0/26' }],
      ['10.10.0.0/24', { pool: '10.10.0.0/25', endpoints: '10.10.0.128/26' }],
      ['10.10.0.0/25', { pool: '10.10.0.0/26', endpoints: '10.10.0.64/26' }],
      ['10.10.0.0/26', { pool: '10.10.0.0/27', endpoints: '10.10.0.32/27' }],
      ['10.10.0.0/28', { pool: '10.10.0.0/29', endpoints: '10.10.0.8/29' }],
      ['10.10.0.0/29', { pool: '10.10.0.0/29', endpoints: undefined }],
    ])('splits %s into the pool subnet and the endpoint subnet', (addressSpace, expected) => {
      const { result, problems } = run((p) => planNewNetwork({ addressSpace }, p));
      expect(problems).toEqual([]);
      expect(blocks(result)).toEqual(expected);
    });

    test('the origin names the prop the pool subnet came from, and whether endpoints share it', () => {
      expect(planNewNetwork({ addressSpace: '10.10.0.0/16' }, []).origin).toEqual({ path: 'addressSpace', value: '10.10.0.0/16', derived: true, sharedWithEndpoints: false });
      expect(planNewNetwork({ addressSpace: '10.10.0.0/29' }, []).origin).toEqual({ path: 'addressSpace', value: '10.10.0.0/29', derived: true, sharedWithEndpoints: true });
      expect(planNewNetwork({ addressSpace: '10.10.0.0/16', poolSubnetPrefix: '10.10.4.0/22' }, []).origin)
        .toEqual({ path: 'poolSubnetPrefix', value: '10.10.4.0/22', derived: false, sharedWithEndpoints: false });
    });

    test('an explicit pool subnet keeps the default endpoint subnet when they do not overlap', () => {
      const { result, problems } = run((p) => planNewNetwork({ addressSpace: '10.10.0.0/16', poolSubnetPrefix: '10.10.4.0/22' }, p));
      expect(problems).toEqual([]);
      expect(blocks(result)).toEqual({ pool: '10.10.4.0/22', endpoints: '10.10.128.0/26' });
    });

    test('an address space known only at deploy time: the given pool subnet, endpoints in it', () => {
      const { result, problems } = run((p) => planNewNetwork({ addressSpace: Token.asString({ Ref: 'space' }), poolSubnetPrefix: '10.10.4.0/22' }, p));
      expect(problems).toEqual([]);
      expect(blocks(result)).toEqual({ pool: '10.10.4.0/22', endpoints: undefined });
      expect(result.origin?.sharedWithEndpoints).toBe(true);
    });

    test('appends every problem of the props, in order', () => {
      const { problems } = run((p) => planNewNetwork({ addressSpace: '224.0.0.0/16', poolSubnetPrefix: '10.0.0.0/24', privateEndpointSubnetPrefix: '10.0.0.0/31' }, p));
      expect(problems.map((problem) => `${problem.path} ${String(problem.value)} ${problem.message.split(';')[0]}`)).toEqual([
        'addressSpace 224.0.0.0/16 is in the multicast range, which Azure does not allow in a virtual network',
        'poolSubnetPrefix 10.0.0.0/24 is outside addressSpace 224.0.0.0/16',
        'privateEndpointSubnetPrefix 10.0.0.0/31 is smaller than Azure\'s smallest subnet',
        'privateEndpointSubnetPrefix 10.0.0.0/31 is outside the VNet\'s address space (224.0.0.0/16)',
      ]);
    });

    test('a pool subnet outside the space is dropped from the plan', () => {
      const { result, problems } = run((p) => planNewNetwork({ addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.1.0.0/24' }, p));
      expect(result.poolSubnet).toBeUndefined();
      expect(problems).toHaveLength(1);
    });
  });

  describe('planSubnetsIn', () => {
    test('plans the given blocks; without an endpoint subnet, endpoints share the pool subnet', () => {
      const { result, problems } = run((p) => planSubnetsIn({ poolSubnetPrefix: '10.50.4.0/22' }, p));
      expect(problems).toEqual([]);
      expect(blocks(result)).toEqual({ pool: '10.50.4.0/22', endpoints: undefined });
      expect(result.origin).toEqual({ path: 'poolSubnetPrefix', value: '10.50.4.0/22', derived: false, sharedWithEndpoints: true });
      expect(planSubnetsIn({ poolSubnetPrefix: '10.50.4.0/22', privateEndpointSubnetPrefix: '10.50.8.0/27' }, []).origin?.sharedWithEndpoints).toBe(false);
    });

    test('each subnet must lie inside one of the address prefixes, when they are given', () => {
      const { problems } = run((p) => planSubnetsIn({ addressSpace: ['10.40.0.0/16', '10.50.0.0/16'], poolSubnetPrefix: '10.50.4.0/22', privateEndpointSubnetPrefix: '10.60.0.0/27' }, p));
      expect(problems).toEqual([{
        path: 'privateEndpointSubnetPrefix', value: '10.60.0.0/27',
        message: 'is outside the VNet\'s address space (10.40.0.0/16, 10.50.0.0/16); choose a block inside it',
      }]);
      // A subnet straddling two prefixes lies inside neither.
      expect(run((p) => planSubnetsIn({ addressSpace: ['10.40.0.0/16', '10.41.0.0/16'], poolSubnetPrefix: '10.40.0.0/15' }, p)).problems)
        .toEqual([expect.objectContaining({ path: 'poolSubnetPrefix', value: '10.40.0.0/15' })]);
    });
  });

  describe('planAdoptedSubnet', () => {
    test('without a prefix, nothing is known', () => {
      expect(planAdoptedSubnet(undefined, [])).toEqual({ poolSubnet: undefined, origin: undefined });
    });

    test('with a prefix, the subnet holds the endpoints too', () => {
      const plan = planAdoptedSubnet('10.50.4.0/22', []);
      expect(blocks(plan)).toEqual({ pool: '10.50.4.0/22', endpoints: undefined });
      expect(plan.origin).toEqual({ path: 'addressPrefix', value: '10.50.4.0/22', derived: false, sharedWithEndpoints: true });
    });
  });

  describe('capacityProblem', () => {
    test('nothing to say when the subnet is not known', () => {
      expect(capacityProblem({}, 1_000_000)).toBeUndefined();
      expect(capacityProblem(planAdoptedSubnet(undefined, []), 1_000_000)).toBeUndefined();
    });

    test('a subnet of its own holds its size minus the 5 Azure reserves', () => {
      const plan = planSubnetsIn({ poolSubnetPrefix: '10.50.4.0/28', privateEndpointSubnetPrefix: '10.50.8.0/27' }, []);
      expect(capacityProblem(plan, 11)).toBeUndefined();
      expect(capacityProblem(plan, 12)).toEqual({
        path: 'poolSubnetPrefix', value: '10.50.4.0/28',
        message: 'holds 11 addresses (16 minus the 5 Azure reserves), but the pools attached need 12 nodes (every node, plus the largest pool again for a replacement); use a prefix length of /27 or shorter',
      });
    });

    test('a shared subnet also holds the 3 private endpoints', () => {
      const plan = planAdoptedSubnet('10.50.4.0/28', []);
      expect(capacityProblem(plan, 8)).toBeUndefined();
      expect(capacityProblem(plan, 9)?.message).toBe(
        'holds 11 addresses (16 minus the 5 Azure reserves), but the pools attached need 9 nodes and the 3 private endpoints that share it (every node, plus the largest pool again for a replacement); use a prefix length of /27 or shorter',
      );
    });

    test('a derived subnet names the address space and suggests one', () => {
      expect(capacityProblem(planNewNetwork({ addressSpace: '10.0.0.0/24' }, []), 200)).toEqual({
        path: 'addressSpace', value: '10.0.0.0/24',
        message: 'leaves 123 addresses in the pool subnet 10.0.0.0/25 (128 minus the 5 Azure reserves), but the pools attached need 200 nodes (every node, plus the largest pool again for a replacement); use an addressSpace of /23 or shorter (the pool subnet is its first half)',
      });
    });

    test('the suggested address space fits the nodes, and one prefix longer does not', () => {
      for (const nodes of [1, 2, 3, 4, 5, 6, 11, 12, 16, 27, 28, 59, 60, 200, 1000, 6000]) {
        const problemAt = (prefix: number) => capacityProblem(planNewNetwork({ addressSpace: `10.0.0.0/${prefix}` }, []), nodes);
        // A /29 is one shared subnet: its 3 addresses go to the private endpoints.
        const first = problemAt(29);
        expect([nodes, first]).toEqual([nodes, expect.anything()]);
        const suggested = Number(/use an addressSpace of \/(\d+) or shorter/.exec(first!.message)![1]);
        expect([nodes, problemAt(suggested)]).toEqual([nodes, undefined]);
        expect([nodes, problemAt(suggested + 1)?.message]).toEqual([nodes, expect.stringContaining(`use an addressSpace of /${suggested} or shorter`)]);
      }
    });

    test('the suggested prefix length fits the nodes, and one prefix longer does not', () => {
      for (const shared of [false, true]) {
        for (const nodes of [4, 5, 11, 12, 27, 28, 123, 124, 2000]) {
          const plan = (prefix: number) => shared
            ? planAdoptedSubnet(`10.0.0.0/${prefix}`, [])
            : planSubnetsIn({ poolSubnetPrefix: `10.0.0.0/${prefix}`, privateEndpointSubnetPrefix: '10.99.0.0/27' }, []);
          const first = capacityProblem(plan(29), nodes)!;
          const suggested = Number(/use a prefix length of \/(\d+) or shorter/.exec(first.message)![1]);
          expect([shared, nodes, capacityProblem(plan(suggested), nodes)]).toEqual([shared, nodes, undefined]);
          expect([shared, nodes, capacityProblem(plan(suggested + 1), nodes)?.message]).toEqual([shared, nodes, expect.stringContaining(`/${suggested} or shorter`)]);
        }
      }
    });
  });
});
