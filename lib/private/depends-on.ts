import { dependable, TerraformResource } from '../engine';

/** `depends_on` entries, one token per resource however often synth resolves them (each token records a stack trace). */
const dependencies = new WeakMap<TerraformResource, string>();

/** The `depends_on` entry for `resource`. */
export function dependencyOf(resource: TerraformResource): string {
  let entry = dependencies.get(resource);
  if (entry === undefined) {
    entry = dependable(resource);
    dependencies.set(resource, entry);
  }
  return entry;
}
