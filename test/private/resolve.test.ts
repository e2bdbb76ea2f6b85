import { Fn, Lazy, TerraformOutput } from 'cdktf';
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
});
