import { Construct } from 'constructs';
import { closestMatches, editDistance, quotedList } from '../../lib/private/did-you-mean';
import { baseNameFromPath, nameProblem, NameRules, shortHash } from '../../lib/private/names';
import { newStack } from '../helpers';

describe('names', () => {
  test.each([
    ['virtualNetwork', 'vnet-contoso-eastus', true],
    ['virtualNetwork', 'v', false],
    ['virtualNetwork', 'vnet_', true],
    ['virtualNetwork', 'vnet.', false],
    ['subnet', '_snet', false],
    ['networkSecurityGroup', 'n'.repeat(80), true],
    ['networkSecurityGroup', 'n'.repeat(81), false],
    ['resourceGroup', 'rg-(batch)', true],
    ['resourceGroup', 'rg.', false],
    ['securityRule', 'Allow-Out-Storage.EastUS-Tcp-443', true],
  ] as const)('%s name %j valid: %s', (kind, name, valid) => {
    expect(nameProblem(NameRules[kind], name) === undefined).toBe(valid);
  });

  test('base names from construct paths are short, stable and distinct', () => {
    const stack = newStack('batch-eastus');
    const a = new Construct(stack, 'Region');
    const b = new Construct(a, 'A Very Long Construct Id That Goes On And On');
    expect(baseNameFromPath(a)).toBe(`batch-eastus-region-${shortHash(['batch-eastus/Region'])}`);
    expect(baseNameFromPath(b).length).toBeLessThanOrEqual(40);
    expect(baseNameFromPath(b)).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}$/);
    expect(baseNameFromPath(b)).not.toBe(baseNameFromPath(a));
  });
});

describe('did you mean', () => {
  test('edit distance and suggestions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestMatches('wetseurope', ['westeurope', 'northeurope', 'eastus'])).toEqual(['westeurope']);
    expect(closestMatches('zzz', ['westeurope'])).toEqual([]);
    expect(quotedList(['a', 'b', 'c'])).toBe('"a", "b" or "c"');
    expect(quotedList(['a'])).toBe('"a"');
  });
});
