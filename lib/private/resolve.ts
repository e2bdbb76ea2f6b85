import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from '../engine';
import type { IConstruct } from 'constructs';

/**
 * `value` as it will be synthesized in the stack of `scope`: tokens resolved to their Terraform expressions.
 * Keys whose value is `undefined` are dropped from plain objects first: resolving drops them anyway, and
 * a provider resource's Terraform JSON holds one for every attribute and block not set (more than half
 * its keys in a library stack), each of which cdktf's resolve would visit, its key included. Measured on
 * the 22 resources of one region's network, storage, account and pool, resolved as `StackView.of` does:
 * 6.2 ms without the pruning against 4.4 ms with it, the same JSON.
 */
export function resolvedIn(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(withoutUndefined(value), { scope: TerraformStack.of(scope), preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** `value` with the `undefined`-valued keys of its plain objects left out, at every depth; tokens and other objects as they are. */
function withoutUndefined(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(withoutUndefined);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) kept[key] = withoutUndefined(item);
  }
  return kept;
}
