import { closestMatches, editDistance, quotedList } from '../../lib/private/did-you-mean';

describe('editDistance', () => {
  // Levenshtein distance: the textbook pairs (kitten/sitting is Levenshtein's own example).
  test.each([
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['eastus', 'eastus', 0],
    // A swap of neighbours is two edits, not one: plain Levenshtein, no transpositions.
    ['wetseurope', 'westeurope', 2],
  ])('%j to %j is %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closestMatches', () => {
  const regions = ['eastus', 'eastus2', 'eastus2euap', 'eastasia', 'westeurope', 'northeurope', 'westus', 'westus2', 'westus3'];

  test('suggests the close names, best first, at most three', () => {
    expect(closestMatches('wetseurope', regions)).toEqual(['westeurope']);
    expect(closestMatches('westus4', regions)).toEqual(['westus', 'westus2', 'westus3']);
  });

  test('names that start with the input count, however far', () => {
    expect(closestMatches('east', regions)).toEqual(['eastus', 'eastus2', 'eastasia']);
    expect(closestMatches('eastus2', ['eastus2euap'])).toEqual(['eastus2euap']);
  });

  test('suggests nothing when nothing is near', () => {
    expect(closestMatches('mars', regions)).toEqual([]);
    expect(closestMatches('zzz', ['westeurope'])).toEqual([]);
    expect(closestMatches('eastus', [])).toEqual([]);
  });

  test('ties go in alphabetical order, whatever the candidates\' order', () => {
    expect(closestMatches('westus', ['westus3', 'westus2', 'westus'])).toEqual(['westus', 'westus2', 'westus3']);
  });
});

describe('quotedList', () => {
  test.each([
    [[], ''],
    [['a'], '"a"'],
    [['a', 'b'], '"a" or "b"'],
    [['a', 'b', 'c'], '"a", "b" or "c"'],
  ])('%j reads %j', (items, text) => {
    expect(quotedList(items)).toBe(text);
  });

  test('takes another conjunction', () => {
    expect(quotedList(['simplified', 'classic'], 'and')).toBe('"simplified" and "classic"');
  });
});
