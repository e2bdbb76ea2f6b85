import { DefaultTokenResolver, StringConcat, TerraformStack, Token, Tokenization } from '../engine';
import type { IConstruct } from 'constructs';

/**
 * `value` as it will be synthesized in the stack of `scope`: tokens resolved to their Terraform
 * expressions, keys whose value is (or resolves to) `undefined` left out, as synth leaves them out.
 *
 * Only the parts that may hold a token go through cdktf's resolve; the rest is copied, which is what
 * resolve gives back for it. A provider resource's Terraform JSON is mostly literals and keys without a
 * value (more than half its keys in a library stack), and resolve visits each with a context of its
 * own. A part may hold a token when it is:
 * - a resolvable object, an object or array that is not a plain one (a class's instance, an `Array`
 *   subclass), or an object with a key that resolve reads as a construct's (`_children`, `_metadata`);
 * - a number cdktf encodes a token or a list token in (`Token.isUnresolved` tells both), or the
 *   map-token placeholder;
 * - a string or key with a brace, or with an `e` between a digit, sign or dot and another such
 *   character or an `e`: the token markers (`${`, `#{`, `&{`) have a brace, and a number token put in
 *   a string is a number in exponent form (cdktf 0.21's token encoding; the test compares with
 *   resolve itself on such values and on every resource of the fixtures).
 * An array with such an element goes to resolve whole, as a list token is an array of one encoded
 * element, and an object with such a key goes whole, before any of its values is resolved. What
 * resolve refuses in a part, it is given the whole value to refuse, so that its error names the same
 * place; the tokens resolved before the failure are then produced a second time. One difference is
 * left: resolve counts the 200 levels it takes from the root of what it is given, so a part handed to
 * it may nest deeper in all than resolve of the whole takes; synth, which resolves the whole, still
 * refuses such a value.
 * Measured resolving the Terraform JSON of every resource of the bench deployment (toTerraform not
 * counted), on 2026-12-06: 340 resources of 10 regions of 10 pools took 50-83 ms through resolve alone
 * and 20-30 ms this way (2.5-3.5 times less in each pair of runs); 54 resources of 2 regions of 3 pools
 * with V8's optimizing compiler off, as jest runs, 11-18 ms and 4-5.5 ms.
 */
export function resolvedIn(scope: IConstruct, value: unknown): unknown {
  const stack = TerraformStack.of(scope);
  try {
    return resolvedPart(stack, value, 0);
  } catch {
    // cdktf's error names where in the value it arose, from the value's root: resolving the whole of
    // it throws that error as resolving it whole always did.
    return resolvedByCdktf(stack, value);
  }
}

/** What may hold a token in a string, see `resolvedIn`. */
const MAY_HOLD_TOKEN = /[{}]|[-|\d.+]e[-|\d.eE+]/;
/** The deepest value cdktf's resolve takes: it refuses deeper ones as circular references. */
const MAX_DEPTH = 200;

function resolvedPart(stack: TerraformStack, value: unknown, depth: number): unknown {
  // Refused from the root, by resolvedIn's resolve of the whole value.
  if (depth > MAX_DEPTH) throw new Error('too deep');
  if (typeof value === 'boolean' || value === undefined || value === null) return value;
  if (typeof value === 'string') return stringMayHoldToken(value) ? resolvedByCdktf(stack, value) : value;
  if (typeof value === 'number') return numberMayHoldToken(value) ? resolvedByCdktf(stack, value) : value;
  if (typeof value !== 'object' || Tokenization.isResolvable(value)) return resolvedByCdktf(stack, value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype
      || value.some((item) => (typeof item === 'string' && stringMayHoldToken(item)) || (typeof item === 'number' && numberMayHoldToken(item)))) {
      return resolvedByCdktf(stack, value);
    }
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolvedPart(stack, item, depth + 1);
      if (resolved !== undefined) items.push(resolved);
    }
    return items;
  }
  const prototype = Object.getPrototypeOf(value);
  const object = value as Record<string, unknown>;
  // Keys are listed first and values read after, as resolve does; `_children` and `_metadata` are how
  // resolve tells a construct, which it refuses.
  const keys = Object.keys(object);
  if ((prototype !== Object.prototype && prototype !== null) || keys.some(stringMayHoldToken) || '_children' in object || '_metadata' in object) {
    return resolvedByCdktf(stack, value);
  }
  const kept: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolvedPart(stack, object[key], depth + 1);
    if (resolved !== undefined) kept[key] = resolved;
  }
  return kept;
}

function stringMayHoldToken(value: string): boolean {
  return MAY_HOLD_TOKEN.test(value) || value === Token.STRING_MAP_TOKEN_VALUE || value === Token.ANY_MAP_TOKEN_VALUE;
}

/** A number token, a number list token (`Token.isUnresolved` tells one only as the element of a list of one) or the map-token placeholder. */
function numberMayHoldToken(value: number): boolean {
  return value === Token.NUMBER_MAP_TOKEN_VALUE || Token.isUnresolved(value) || Token.isUnresolved([value]);
}

/** The resolver synth uses, one for every call as cdktf keeps one (cdktf/lib/_tokens.js): it keeps no state. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

function resolvedByCdktf(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: RESOLVER });
}
