import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `tools/provider-rules/check.mjs`: the shared provider-rules checker run on the shared rules plus this
 * repository's supplement (`tools/provider-rules/network-routing.json`, the azurerm 4.55.0 provider's
 * rules for the NAT gateway and route table types the shared file lacks, each with its source line).
 * The stack below is hand-written so the supplement is tested before any construct emits these types.
 * Nothing here restates a provider rule: the bad values fail because the supplement's rule, read from
 * the provider source, says so, and the test only picks values and names the attribute.
 */
const CHECKER = process.env.PROVIDER_RULES_CHECK ?? resolve(__dirname, '..', '..', '..', 'shared', 'tools', 'provider-rules', 'check.mjs');
const WRAPPER = resolve(__dirname, '..', '..', 'tools', 'provider-rules', 'check.mjs');
const available = existsSync(CHECKER);
const required = process.env.CI === 'true';

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const NETWORK = `${SUBSCRIPTION}/resourceGroups/rg-batch/providers/Microsoft.Network`;
const SUBNET_ID = `${NETWORK}/virtualNetworks/vnet-batch/subnets/pool`;
const NAT_GATEWAY_ID = `${NETWORK}/natGateways/nat-batch`;
const PUBLIC_IP_ID = `${NETWORK}/publicIPAddresses/pip-nat-batch`;
const ROUTE_TABLE_ID = `${NETWORK}/routeTables/rt-batch`;

/** One valid instance of each of the six types, as `cdktf synth` would write them. */
function validStack(): any {
  return {
    resource: {
      azurerm_nat_gateway: {
        nat: {
          name: 'nat-batch', location: 'eastus', resource_group_name: 'rg-batch',
          idle_timeout_in_minutes: 4, sku_name: 'Standard', zones: ['1'], tags: { owner: 'batch' },
        },
      },
      azurerm_nat_gateway_public_ip_association: {
        nat_ip: { nat_gateway_id: NAT_GATEWAY_ID, public_ip_address_id: PUBLIC_IP_ID },
      },
      azurerm_subnet_nat_gateway_association: {
        pool_nat: { subnet_id: SUBNET_ID, nat_gateway_id: NAT_GATEWAY_ID },
      },
      azurerm_route_table: {
        rt: {
          name: 'rt-batch', location: 'eastus', resource_group_name: 'rg-batch', bgp_route_propagation_enabled: true,
          route: [{ name: 'batch-management', address_prefix: 'BatchNodeManagement.EastUS', next_hop_type: 'Internet', next_hop_in_ip_address: null }],
        },
      },
      azurerm_route: {
        default: {
          name: 'default-to-hub', resource_group_name: 'rg-batch', route_table_name: 'rt-batch',
          address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.0.4',
        },
      },
      azurerm_subnet_route_table_association: {
        pool_rt: { subnet_id: SUBNET_ID, route_table_id: ROUTE_TABLE_ID },
      },
    },
  };
}

const RESOURCE_COUNT = Object.values(validStack().resource).reduce((n: number, instances: any) => n + Object.keys(instances).length, 0);

/** Values the provider rejects, each with the resource and attribute the checker must name. */
const bad: Array<[string, string, string, (r: any) => void]> = [
  ['a lower-case next hop type on a route', 'azurerm_route.default', 'next_hop_type', (r) => { r.azurerm_route.default.next_hop_type = 'internet'; }],
  ['a lower-case next hop type in a route table route', 'azurerm_route_table.rt', 'route.next_hop_type', (r) => { r.azurerm_route_table.rt.route[0].next_hop_type = 'internet'; }],
  ['an empty address prefix on a route', 'azurerm_route.default', 'address_prefix', (r) => { r.azurerm_route.default.address_prefix = ''; }],
  ['a NAT gateway idle timeout of 121 minutes', 'azurerm_nat_gateway.nat', 'idle_timeout_in_minutes', (r) => { r.azurerm_nat_gateway.nat.idle_timeout_in_minutes = 121; }],
  ['the StandardV2 NAT gateway SKU', 'azurerm_nat_gateway.nat', 'sku_name', (r) => { r.azurerm_nat_gateway.nat.sku_name = 'StandardV2'; }],
  ['a NAT gateway name ending in a hyphen', 'azurerm_nat_gateway.nat', 'name', (r) => { r.azurerm_nat_gateway.nat.name = 'nat-batch-'; }],
  ['a computed-only NAT gateway attribute', 'azurerm_nat_gateway.nat', 'resource_guid', (r) => { r.azurerm_nat_gateway.nat.resource_guid = '00000000-0000-0000-0000-000000000000'; }],
  ['a route table name starting with a hyphen', 'azurerm_route_table.rt', 'name', (r) => { r.azurerm_route_table.rt.name = '-rt-batch'; }],
  ['a route table name with a space on a route', 'azurerm_route.default', 'route_table_name', (r) => { r.azurerm_route.default.route_table_name = 'rt batch'; }],
  ['a route table route object without all its keys', 'azurerm_route_table.rt', 'route', (r) => { delete r.azurerm_route_table.rt.route[0].next_hop_in_ip_address; }],
  ['a virtual network id as the subnet of a NAT gateway association', 'azurerm_subnet_nat_gateway_association.pool_nat', 'subnet_id',
    (r) => { r.azurerm_subnet_nat_gateway_association.pool_nat.subnet_id = `${NETWORK}/virtualNetworks/vnet-batch`; }],
  ['a public IP id as the NAT gateway of its association', 'azurerm_nat_gateway_public_ip_association.nat_ip', 'nat_gateway_id',
    (r) => { r.azurerm_nat_gateway_public_ip_association.nat_ip.nat_gateway_id = PUBLIC_IP_ID; }],
  ['a subnet id as the route table of its association', 'azurerm_subnet_route_table_association.pool_rt', 'route_table_id',
    (r) => { r.azurerm_subnet_route_table_association.pool_rt.route_table_id = SUBNET_ID; }],
];

describe('the provider-rules wrapper with this repository\'s supplement', () => {
  if (!available && !required) {
    test.skip(`the shared provider-rules checker is not at ${CHECKER} (set PROVIDER_RULES_CHECK; CI runs this test)`, () => undefined);
    return;
  }

  let work: string;
  let count = 0;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'provider-rules-supplement-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Runs the wrapper with its own TMPDIR, and checks it left nothing there. */
  function wrapper(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
    const scratch = join(work, `tmp-${++count}`);
    mkdirSync(scratch);
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PROVIDER_RULES_CHECK: CHECKER, TMPDIR: scratch, ...env };
    if (!('PROVIDER_RULES_SUPPLEMENTS' in env)) delete childEnv.PROVIDER_RULES_SUPPLEMENTS;
    const result = spawnSync(process.execPath, [WRAPPER, ...args], { encoding: 'utf8', env: childEnv });
    expect(readdirSync(scratch)).toEqual([]);
    return result;
  }

  function stackDir(resources: any): string {
    const dir = join(work, `stack-${++count}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ resource: resources }, null, 2));
    return dir;
  }

  test('valid instances of the six types pass, and every one is checked', () => {
    const result = wrapper([stackDir(validStack().resource)]);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`checked ${RESOURCE_COUNT} resources, 0 violations`);
    expect(result.status).toBe(0);
  });

  // The bad stacks are checked in one run of the wrapper (each in a folder of its own, which every
  // violation line names), so the checker starts once, not once per case.
  let badRun: { readonly stdout: string; readonly status: number | null; readonly stderr: string; readonly dirs: readonly string[] } | undefined;
  function checkBadStacks() {
    if (badRun) return badRun;
    const dirs = bad.map(([, , , mutate]) => {
      const stack = validStack();
      mutate(stack.resource);
      return stackDir(stack.resource);
    });
    const result = wrapper(dirs);
    badRun = { stdout: result.stdout, status: result.status, stderr: result.stderr, dirs };
    return badRun;
  }

  test('the bad stacks are checked together: every resource of each, one violation each', () => {
    const { stdout, status, stderr } = checkBadStacks();
    const lines = stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toBe(`checked ${RESOURCE_COUNT * bad.length} resources, ${bad.length} violations`);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test.each(bad.map((entry, i) => [...entry, i] as const))('%s is a violation of %s %s', (_name, resource, attribute, _mutate, i) => {
    const { stdout, dirs } = checkBadStacks();
    const own = stdout.trim().split('\n').filter((line) => line.startsWith(`${dirs[i]}/`));
    expect(own).toEqual([expect.stringContaining(` ${resource} ${attribute}: `)]);
  });

  test('the shared checker\'s own flags are forwarded', () => {
    const dir = stackDir({ ...validStack().resource, azurerm_not_a_type: { x: {} } });
    expect(wrapper([dir]).stderr).toMatch(/WARN .* azurerm_not_a_type: no provider rules/);
    const quiet = wrapper(['--no-warn', '--phases', 'validate', dir]);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout.trim()).toBe(`checked ${RESOURCE_COUNT} resources, 0 violations`);
    expect(quiet.status).toBe(0);
  });

  describe('a supplement may not redefine a type the shared rules have', () => {
    let dir: string;
    beforeAll(() => {
      // A type the shared file has, under the same provider version and commit as the shared file.
      const sharedRules = JSON.parse(readFileSync(join(CHECKER, '..', 'provider-rules.json'), 'utf8'));
      const supplement = JSON.parse(readFileSync(join(WRAPPER, '..', 'network-routing.json'), 'utf8'));
      dir = join(work, 'override');
      mkdirSync(dir);
      writeFileSync(join(dir, 'override.json'), JSON.stringify({
        _meta: supplement._meta,
        resourceMeta: {},
        resources: { ...supplement.resources, azurerm_public_ip: sharedRules.resources.azurerm_public_ip },
      }));
    });

    test.each([
      ['--supplements', (d: string) => ({ args: ['--supplements', d], env: {} })],
      ['$PROVIDER_RULES_SUPPLEMENTS', (d: string) => ({ args: [], env: { PROVIDER_RULES_SUPPLEMENTS: d } })],
    ])('refused with exit 2 (directory from %s)', (_how, how) => {
      const { args, env } = how(dir);
      const result = wrapper([...args, stackDir(validStack().resource)], env);
      expect(result.stderr).toMatch(/override\.json defines azurerm_public_ip, which the shared rules .* already have/);
      expect(result.stdout).toBe('');
      expect(result.status).toBe(2);
    });
  });
});
