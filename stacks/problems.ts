import type { z } from 'zod';
import { ValidationError, ValidationProblem } from '../lib';

/** One problem of a deployment config: its JSON path (`$.pools[1].vmSize`), the value there, and the fix. */
export interface ConfigProblem {
  /** JSON path into the config file, from `$`. */
  readonly jsonPath: string;
  /** The value at that path, as written; `undefined` when the problem is not about one value. */
  readonly value?: unknown;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** Whether `value` is worth printing (false for problems about a whole element). */
  readonly showValue?: boolean;
  /** The resources it was found on (best-practice findings), e.g. one per region stack. */
  readonly at?: readonly string[];
}

/** Renders a value for an error message: strings quoted, long values shortened. */
function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch (error) {
    if (error instanceof RangeError) return '(nested too deeply to show)';
    throw error;
  }
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** `$.path value message`, e.g. `$.regions[0].addressSpace "10.0.0.0/33" is not an IPv4 CIDR block; ...`. */
export function formatConfigProblem(problem: ConfigProblem): string {
  const line = problem.showValue === false ? `${problem.jsonPath} ${problem.message}` : `${problem.jsonPath} ${describeValue(problem.value)} ${problem.message}`;
  return problem.at?.length ? `${line} (at ${problem.at.join(', ')})` : line;
}

/** Joins a path into `a.b[2].c`, starting from `root`. */
export function joinPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    // A key that is not a plain name is quoted, so a newline or quote in it cannot forge an output line.
    if (!/^[A-Za-z_$][\w$-]*$/.test(name)) return `${acc}[${JSON.stringify(name)}]`;
    return acc ? `${acc}.${name}` : name;
  }, root);
}

/** Appends a library prop path (`dataDisks[0].lun`) to a JSON path (`$.pools[1]`). */
export function childPath(root: string, propPath: string): string {
  if (propPath === '') return root;
  return propPath.startsWith('[') ? `${root}${propPath}` : `${root}.${propPath}`;
}

/** Converts zod issues (parsed with `reportInput: true`) into problems under `root`, in input order. */
export function zodProblems(error: z.ZodError, root: string): ConfigProblem[] {
  return error.issues.map((issue) => {
    const jsonPath = joinPath(root, issue.path);
    if (issue.code === 'unrecognized_keys') {
      return { jsonPath, value: issue.keys.join(', '), message: 'is not a known key; remove it or correct its spelling' };
    }
    if (issue.code === 'invalid_key') {
      // A record key that breaks its schema: the key's own message, with the key as the value.
      return { jsonPath, value: issue.input, message: issue.issues[0]?.message ?? issue.message };
    }
    return { jsonPath, value: issue.input, message: issue.message };
  });
}

/**
 * Runs `build`; a {@link ValidationError} it throws becomes config problems through `toConfig`, and
 * `undefined` is returned so the caller goes on with the rest of the config.
 */
export function collecting<T>(problems: ConfigProblem[], toConfig: (problem: ValidationProblem) => ConfigProblem, build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems.map(toConfig));
    return undefined;
  }
}
