import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from '../engine';
import type { IConstruct } from 'constructs';

/** `value` as it will be synthesized in the stack of `scope`: tokens resolved to their Terraform expressions. */
export function resolvedIn(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: TerraformStack.of(scope), preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}
