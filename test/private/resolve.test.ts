import { Fn, Lazy, TerraformOutput, TerraformResource } from 'cdktf';
import { resolvedIn } from '../../lib/private/resolve';
import { batchFixture, resourcesOf } from '../helpers';

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
});
