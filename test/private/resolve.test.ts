import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultTokenResolver, Fn, IResolvable, Lazy, StringConcat, TerraformOutput, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { resolvedIn } from '../../lib/private/resolve';
import { readDeploymentConfig } from '../../stacks/config';
import { buildDeployment } from '../../stacks/deployment';
import { batchFixture, errorOf, newApp, resourcesOf } from '../helpers';

class Subclassed<T> extends Array<T> {}
class Holder {
  constructor(public readonly held: unknown) {}
}

/** cdktf's own resolve of `value` in `stack`, the whole of it: what resolvedIn must give. */
function resolvedByCdktf(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

describe('resolvedIn', () => {
  test('a reference resolves to the expression synth writes for it in another resource', () => {
    const fixture = batchFixture();
    const pool = fixture.addPool();
    const json = fixture.synth();
    const [accountAddress] = Object.keys(json.resource?.azurerm_batch_account ?? {});
    const expression = resolvedIn(pool, fixture.account.resource.name);
    expect(expression).toBe(`\${azurerm_batch_account.${accountAddress}.name}`);
    expect(resourcesOf(json, 'azurerm_batch_pool')[0].account_name).toBe(expression);
  });

  test('resolves inside nested values, leaves literals alone, and works from any construct of the stack', () => {
    const fixture = batchFixture();
    const subnetId = fixture.network.subnetId;
    const value = { literal: 'x', list: [1, subnetId], nested: { lazy: Lazy.stringValue({ produce: () => 'produced' }) } };
    const fromStack = resolvedIn(fixture.stack, value);
    expect(fromStack).toEqual({ literal: 'x', list: [1, expect.stringMatching(/^\$\{azurerm_subnet\.Network_PoolSubnet_[A-F0-9]+\.id\}$/)], nested: { lazy: 'produced' } });
    expect(resolvedIn(fixture.account, value)).toEqual(fromStack);
  });

  test('function calls resolve to their Terraform expression, as an output synthesizes them', () => {
    const fixture = batchFixture();
    const call = Fn.element(Fn.split('/', fixture.network.subnetId), 4);
    new TerraformOutput(fixture.stack, 'group', { value: call });
    const written = (fixture.synth().output as Record<string, { value: string }>).group.value;
    expect(resolvedIn(fixture.stack, call)).toBe(written);
    expect(written).toMatch(/^\$\{element\(split\("\/", azurerm_subnet\.Network_PoolSubnet_[A-F0-9]+\.id\), 4\)\}$/);
  });

  test('keys without a value are left out at every depth, as synth leaves them out, and tokens inside arrays and objects still resolve', () => {
    const fixture = batchFixture();
    const subnetId = fixture.network.subnetId;
    const value = { unset: undefined, kept: 0, list: [{ unset: undefined, id: subnetId }, undefined, false], nested: { unset: undefined, empty: {} } };
    expect(resolvedIn(fixture.stack, value)).toStrictEqual({ kept: 0, list: [{ id: resolvedIn(fixture.stack, subnetId) }, false], nested: { empty: {} } });
  });

  test('gives every resource of a stack the very body synth writes for it', () => {
    const fixture = batchFixture();
    fixture.addPool();
    // Testing.synth leaves out the `//` metadata at every depth; so does this comparison.
    const written = fixture.synth().resource as Record<string, Record<string, unknown>>;
    const resources = fixture.stack.node.findAll().filter((construct): construct is TerraformResource => construct instanceof TerraformResource);
    expect(resources.length).toBeGreaterThan(15);
    for (const resource of resources) {
      const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
      const body = { ...(resolvedIn(fixture.stack, resource.toTerraform()) as any).resource[resource.terraformResourceType][resource.friendlyUniqueId] };
      delete body['//'];
      expect({ address, body }).toEqual({ address, body: written[resource.terraformResourceType][resource.friendlyUniqueId] });
    }
  });

  test('gives what cdktf\'s resolve gives for values that hold tokens in every form cdktf encodes them, and for literals that look like them', () => {
    const fixture = batchFixture();
    const stack = fixture.stack;
    const subnetId = fixture.network.subnetId;
    const count = Token.asNumber(Fn.lengthOf(Fn.split('/', subnetId)));
    const resolvable: IResolvable = { creationStack: [], resolve: () => ({ produced: [subnetId, undefined, 2] }), toString: () => 'resolvable' };
    const values: Record<string, unknown> = {
      reference: subnetId,
      'reference in text': `id ${subnetId} here`,
      'number token': count,
      'number token in text': `nodes ${count}`,
      'number token as string': Token.asString(count),
      'list token': Token.asList(Fn.split('/', subnetId)),
      'number list token': Token.asNumberList(Fn.split('/', subnetId)),
      'map token': Token.asStringMap(Fn.merge([{ a: subnetId }])),
      'map token as key': { [Token.asString(Fn.lower('KEY'))]: 'value' },
      'object token': Lazy.anyValue({ produce: () => ({ nested: subnetId, unset: undefined }) }),
      'resolvable literal object': resolvable,
      'resolvable in a plain object': { inner: resolvable, unset: undefined },
      'escaped expression': 'echo $${HOME}',
      'expression written as text': '${var.region}',
      'closing brace alone': 'a}b',
      'number-like text': ['1e5', '-2.5e+3', 'Standard_D4s_v5', 'eastus'],
      'map placeholder lookalike': 'String Map Token Value here',
      'plain numbers': [0, -1, 1.5e300, Number.MAX_SAFE_INTEGER],
      date: new Date('2026-01-01T00:00:00Z'),
      'array subclass': { list: Subclassed.from(['a', subnetId]), literal: Subclassed.from(['a', 'b']) },
      'class instance': new Holder(subnetId),
      nested: { a: [{ b: undefined, c: null, d: [undefined, false, { e: subnetId }] }], f: {} },
    };
    for (const [name, value] of Object.entries(values)) {
      expect({ name, resolved: resolvedIn(stack, value) }).toStrictEqual({ name, resolved: resolvedByCdktf(stack, value) });
    }
    // What cdktf refuses, resolvedIn refuses the same way: misused tokens, functions, a cycle, a value nested deeper than 200.
    const cycle: Record<string, unknown> = { name: 'x' };
    cycle.self = cycle;
    let deep: unknown = 'bottom';
    for (let i = 0; i < 210; i++) deep = { deeper: deep };
    for (const refused of [cycle, deep, { tags: { _children: 'a', _metadata: 'b' } }, Token.STRING_MAP_TOKEN_VALUE, Token.ANY_MAP_TOKEN_VALUE, Token.NUMBER_MAP_TOKEN_VALUE, { f: () => 1 }, { inner: ['a', ...Token.asList(Fn.split('/', subnetId))] }, { inner: `in ${Token.asList(Fn.split('/', subnetId))[0]}` }]) {
      expect(errorOf(() => resolvedIn(stack, refused))).toBe(errorOf(() => resolvedByCdktf(stack, refused)));
    }
  });

  test('produces each token as often as cdktf\'s resolve does, also when a key after it may hold a token', () => {
    const stack = batchFixture().stack;
    let produced = 0;
    const counted = Lazy.stringValue({ produce: () => `v${produced++}` });
    const value = { a: counted, b: [{ c: counted }], 'tag{1}': 'x', d: { e: counted } };
    expect(resolvedIn(stack, value)).toStrictEqual({ a: 'v0', b: [{ c: 'v1' }], 'tag{1}': 'x', d: { e: 'v2' } });
    const byResolvedIn = produced;
    produced = 0;
    resolvedByCdktf(stack, value);
    expect(byResolvedIn).toBe(produced);
  });

  test('gives every resource of every fixture deployment what cdktf\'s resolve gives for it', () => {
    const folder = join(__dirname, '..', 'fixtures');
    const fixtures = readdirSync(folder).filter((file) => file.endsWith('.json'));
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    let compared = 0;
    for (const file of fixtures) {
      const parsed = readDeploymentConfig(JSON.parse(readFileSync(join(folder, file), 'utf8')), file);
      const { stacks } = buildDeployment(newApp(), parsed);
      for (const stack of stacks) {
        for (const resource of stack.node.findAll().filter((construct): construct is TerraformResource => construct instanceof TerraformResource)) {
          const json = resource.toTerraform();
          expect({ address: resource.node.path, body: resolvedIn(stack, json) }).toStrictEqual({ address: resource.node.path, body: resolvedByCdktf(stack, json) });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
