import { readFileSync } from 'node:fs';
import { arrayElementSpans, ObjectSpan } from '../../stacks/json-spans';

/** A value that appears in none of the inputs, to replace spans with. */
const SENTINEL = { replaced: ['by', 'the', 'test', { n: 1.5 }] };

/**
 * Checks the spans of the elements of `text`'s top-level `key` against `JSON.parse`: every object
 * element has a span from its `{` to its `}` whose text parses to the element, with one member per key
 * whose value and text are the element's; every other element is `undefined`; and writing
 * `JSON.stringify(v)` over a member's span gives the document with that member set to `v`, and nothing
 * else changed. Returns the spans.
 */
function checkedSpans(text: string, key = 'regions'): Array<ObjectSpan | undefined> {
  const document = JSON.parse(text);
  const elements: unknown[] = document[key];
  const spans = arrayElementSpans(text, key);
  expect(spans).toHaveLength(elements.length);
  elements.forEach((element, i) => {
    const span = spans[i];
    if (element === null || typeof element !== 'object' || Array.isArray(element)) {
      expect([i, span]).toEqual([i, undefined]);
      return;
    }
    expect(span).toBeDefined();
    expect([text[span!.start], text[span!.end]]).toEqual(['{', '}']);
    expect(JSON.parse(text.slice(span!.start, span!.end + 1))).toEqual(element);
    expect([...span!.members.keys()].sort()).toEqual(Object.keys(element).sort());
    for (const [name, member] of span!.members) {
      const expected = (element as Record<string, unknown>)[name];
      expect(member.key).toBe(name);
      expect(member.value).toEqual(expected);
      expect(JSON.parse(text.slice(member.start, member.end))).toEqual(expected);
      for (const value of [SENTINEL, 'a "quoted" } string', null, 0, []]) {
        const rewritten = text.slice(0, member.start) + JSON.stringify(value) + text.slice(member.end);
        const changed = structuredClone(document);
        changed[key][i][name] = value;
        expect(JSON.parse(rewritten)).toEqual(changed);
      }
    }
  });
  return spans;
}

/** The text of each member of a span, by key. */
function memberTexts(text: string, span: ObjectSpan | undefined): Record<string, string> {
  return Object.fromEntries([...span!.members].map(([name, member]) => [name, text.slice(member.start, member.end)]));
}

const CONFIG = {
  name: 'contoso',
  tags: { a: 'b', nested: { regions: [{ location: 'not-this-one' }] } },
  regions: [
    { location: 'eastus', addressSpace: '10.10.0.0/16', role: 'primary', egress: { type: 'natGateway', zone: '1' } },
    { location: 'westus', network: { subnetId: '/subscriptions/x', addressPrefix: '10.0.0.0/24' }, role: 'standby', privateDnsZones: {} },
    { location: 'centralus' },
  ],
  pools: [{ name: 'work', dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data' }], startTaskCommands: ['echo "}"'] }],
};

describe('arrayElementSpans', () => {
  test('pretty-printed JSON: every member of every element, nested values included', () => {
    const text = JSON.stringify(CONFIG, null, 2);
    const spans = checkedSpans(text);
    expect(memberTexts(text, spans[0])).toEqual({
      location: '"eastus"', addressSpace: '"10.10.0.0/16"', role: '"primary"', egress: '{\n        "type": "natGateway",\n        "zone": "1"\n      }',
    });
    expect(memberTexts(text, spans[1]).privateDnsZones).toBe('{}');
    expect(memberTexts(text, spans[2])).toEqual({ location: '"centralus"' });
    checkedSpans(text, 'pools');
  });

  test('minified JSON: the same spans, without spacing', () => {
    const text = JSON.stringify(CONFIG);
    const spans = checkedSpans(text);
    expect(memberTexts(text, spans[0])).toEqual({
      location: '"eastus"', addressSpace: '"10.10.0.0/16"', role: '"primary"', egress: '{"type":"natGateway","zone":"1"}',
    });
    expect(memberTexts(text, spans[1]).network).toBe('{"subnetId":"/subscriptions/x","addressPrefix":"10.0.0.0/24"}');
  });

  test('the top-level array only, not an array of the same name inside another value', () => {
    const text = JSON.stringify(CONFIG);
    // tags.nested.regions comes first in the text.
    expect(text.indexOf('not-this-one')).toBeLessThan(text.indexOf('"regions":[{"location":"eastus"'));
    const spans = arrayElementSpans(text, 'regions');
    expect(spans.map((span) => span?.members.get('location')?.value)).toEqual(['eastus', 'westus', 'centralus']);
  });

  test('strings with escapes, quotes, backslashes and braces, in values and in keys', () => {
    const text = String.raw`{"regions":[{"location":"a\"}{[]\\","role":"x\\\\","ro\u006ce2":"\u007d\"\n","k\"ey":{"in\"ner":"]}"},"last":"\\"}, {"after":"\\\""}]}`;
    const spans = checkedSpans(text);
    expect(memberTexts(text, spans[0])).toEqual({
      location: String.raw`"a\"}{[]\\"`,
      role: String.raw`"x\\\\"`,
      role2: String.raw`"\u007d\"\n"`,
      'k"ey': String.raw`{"in\"ner":"]}"}`,
      last: String.raw`"\\"`,
    });
    expect(spans[0]!.members.get('location')!.value).toBe('a"}{[]\\');
    expect(memberTexts(text, spans[1])).toEqual({ after: String.raw`"\\\""` });
  });

  test('numbers, literals and arrays as members, and as elements (which are undefined)', () => {
    const text = '{"regions":[1, -2.5e+3, "str}", null, true, false, [ {"a": 1} ], {"b": [1, [2, {"c": {}}], []], "n": -0.5E-2, "t": true, "f": false, "z": null}, {"d": 3}]}';
    const spans = checkedSpans(text);
    expect(spans.map((span) => span === undefined)).toEqual([true, true, true, true, true, true, true, false, false]);
    expect(memberTexts(text, spans[7])).toEqual({ b: '[1, [2, {"c": {}}], []]', n: '-0.5E-2', t: 'true', f: 'false', z: 'null' });
    expect(memberTexts(text, spans[8])).toEqual({ d: '3' });
  });

  test('empty arrays, empty objects, and empty values of members', () => {
    expect(arrayElementSpans('{"regions":[]}', 'regions')).toEqual([]);
    expect(arrayElementSpans('{ "regions" : [ \n ] }', 'regions')).toEqual([]);
    const text = '{"regions":[{}, { \n\t }, {"a":{},"b":[],"c":""}]}';
    const spans = checkedSpans(text);
    expect(spans.map((span) => span!.members.size)).toEqual([0, 0, 3]);
    expect([spans[1]!.start, spans[1]!.end]).toEqual([text.indexOf('{ \n'), text.indexOf('}, {"a"')]);
    expect(memberTexts(text, spans[2])).toEqual({ a: '{}', b: '[]', c: '""' });
  });

  test('any JSON whitespace (tabs, CRLF, space before colons) between the tokens', () => {
    const text = '{\r\n\t"name" :\t"x" ,\r\n\t"regions"\r\n:\r\n[\r\n\t{\r\n\t\t"location"  :  "eastus"  ,\r\n\t\t"role" :"primary"\r\n\t}\r\n\t,\r\n\t{ "location":"westus" }\r\n]\r\n}\r\n';
    const spans = checkedSpans(text);
    expect(memberTexts(text, spans[0])).toEqual({ location: '"eastus"', role: '"primary"' });
    expect(memberTexts(text, spans[1])).toEqual({ location: '"westus"' });
  });

  test('a key that is missing, or not an array, has no elements', () => {
    expect(arrayElementSpans('{"pools":[{"a":1}]}', 'regions')).toEqual([]);
    expect(arrayElementSpans('{"regions":{"a":1}}', 'regions')).toEqual([]);
    expect(arrayElementSpans('{"regions":"[{}]"}', 'regions')).toEqual([]);
    expect(arrayElementSpans('{"regions":null}', 'regions')).toEqual([]);
  });

  test('a key written twice: the last one, as JSON.parse reads it', () => {
    const text = '{"regions":[{"role":"primary"}],"regions":[{"role":"standby","role":"primary"},{"x":1}]}';
    const spans = checkedSpans(text);
    expect(spans).toHaveLength(2);
    const role = spans[0]!.members.get('role')!;
    expect([role.value, role.start]).toEqual(['primary', text.lastIndexOf('"primary"')]);
  });

  test.each(['full.json', 'us-government.json', 'union-three-regions.json', 'landing-zone.json'])('the regions and pools of test/fixtures/%s', (fixture) => {
    const text = readFileSync(`test/fixtures/${fixture}`, 'utf8');
    expect(checkedSpans(text).length).toBeGreaterThan(0);
    checkedSpans(text, 'pools');
  });
});
