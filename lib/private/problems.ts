import type { z } from 'zod';

/** One thing wrong with an input: where it is, what it holds, and what to do about it. */
export interface Problem {
  /** Dotted path of the field, e.g. `addressSpace` or `regions[1].location`. */
  readonly path: string;
  /** The offending value, as given. */
  readonly value: unknown;
  /** What is wrong and how to fix it, e.g. `is not an IPv4 CIDR block; write it as ...`. */
  readonly message: string;
}

/**
 * Thrown when construct props or a deployment config are invalid. Carries every problem found,
 * one line each, so a user fixes them all in one pass.
 */
export class ValidationError extends Error {
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

/** Renders a value for an error message: strings quoted, long values shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** `path value message`, e.g. `addressSpace "10.0.0.0/33" is not an IPv4 CIDR block; ...`. */
export function formatProblem(problem: Problem): string {
  return `${problem.path} ${describeValue(problem.value)} ${problem.message}`;
}

/** Throws a {@link ValidationError} with one line: misuse that the caller must fix. */
export function fail(message: string): never {
  throw new ValidationError([message]);
}

/** Throws a {@link ValidationError} naming `subject` on each line when there is any problem. */
export function throwIfProblems(subject: string, problems: readonly Problem[]): void {
  if (problems.length > 0) {
    throw new ValidationError(problems.map((p) => `${subject}: ${formatProblem(p)}`));
  }
}

/** Joins a zod issue path into `a.b[2].c`, starting from `root`. */
export function joinPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    // A key that is not a plain name is quoted, so a newline or quote in it cannot forge an output line.
    if (!/^[A-Za-z_$][\w$-]*$/.test(name)) return `${acc}[${JSON.stringify(name)}]`;
    return acc ? `${acc}.${name}` : name;
  }, root);
}

/** Converts zod issues (parsed with `reportInput: true`) into problems, in input order. */
export function zodProblems(error: z.ZodError, root = ''): Problem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return {
        path: joinPath(root, issue.path) || '(top level)',
        value: issue.keys.join(', '),
        message: 'is not a known key; remove it or correct its spelling',
      };
    }
    if (issue.code === 'invalid_key') {
      // A record key that breaks its schema: the key's own message, with the key as the value.
      return { path: joinPath(root, issue.path) || '(top level)', value: issue.input, message: issue.issues[0]?.message ?? issue.message };
    }
    return { path: joinPath(root, issue.path) || '(top level)', value: issue.input, message: issue.message };
  });
}
