import { Annotations, Token } from '../engine';
import type { IConstruct } from 'constructs';

/** One thing wrong with an input: where it is, what it holds, and what to do about it. */
export interface Problem {
  /**
   * Path of the prop (or option) that holds the wrong value, relative to the props of `subject`, e.g.
   * `addressSpace` or `dataDisks[1].mountPath`; empty when the problem is not about one prop.
   */
  readonly path: string;
  /** The offending value, as given. */
  readonly value: unknown;
  /** What is wrong and how to fix it, e.g. `is not an IPv4 CIDR block; write it as ...`. */
  readonly message: string;
}

/** A {@link Problem} with whose props it is about and where it was found. */
export interface ValidationProblem extends Problem {
  /** What `path` is relative to: a construct class (`SimplifiedPool`) or a factory (`PoolScale.fixed`). */
  readonly subject: string;
  /**
   * Path of the construct whose props `path` names.
   * @default - none: the problem is in a value object's options
   */
  readonly constructPath?: string;
  /**
   * Id of the best-practice rule that found it.
   * @default - none: a construct or value object refused its input
   */
  readonly ruleId?: string;
}

/**
 * Thrown when construct props or value-object options are invalid. Carries every problem found, each
 * with its prop path, value and fix, so a user (or the deployable app, which maps prop paths back to
 * the JSON paths of its config) fixes them all in one pass.
 */
export class ValidationError extends Error {
  /** The problems, in the order they were found. */
  public readonly problems: readonly ValidationProblem[];

  constructor(problems: readonly ValidationProblem[]) {
    super(problems.map(formatValidationProblem).join('\n'));
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

/** How an error message shows a value known only at deploy time: its token text means nothing to a reader (a number token prints as -8.1e+298). */
const DEPLOY_TIME_VALUE = '(a Terraform expression)';

/** Whether `value` is a string, number or list that holds a token (a Terraform expression). */
function isToken(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) && Token.isUnresolved(value);
}

/** Renders a value for an error message: strings quoted, tokens named as Terraform expressions, long values shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (isToken(value)) return DEPLOY_TIME_VALUE;
  // JSON has no NaN or Infinity: it would print them as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value, (_key, item: unknown) => (isToken(item) ? DEPLOY_TIME_VALUE : item)) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * The message for a value given as a token (a Terraform expression, known only at deploy time) where the
 * library needs the value itself at synth: `use` says what needs it, `fix` what to give instead.
 */
export function knownOnlyAtDeploy(use: string, fix: string): string {
  return `is known only at deploy time, but ${use}; ${fix}`;
}

/** `path value message`, e.g. `addressSpace "10.0.0.0/33" is not an IPv4 CIDR block; ...`. */
export function formatProblem(problem: Problem): string {
  if (problem.path === '') return problem.message;
  return `${problem.path} ${describeValue(problem.value)} ${problem.message}`;
}

/** `Subject path: problem`, e.g. `SimplifiedPool app/Pool: vmSize "x" is not a VM size name; ...`. */
export function formatValidationProblem(problem: ValidationProblem): string {
  const where = problem.constructPath === undefined ? problem.subject : `${problem.subject} ${problem.constructPath}`;
  const rule = problem.ruleId === undefined ? '' : `[${problem.ruleId}] `;
  return where === '' ? `${rule}${formatProblem(problem)}` : `${where}: ${rule}${formatProblem(problem)}`;
}

/** Throws a {@link ValidationError} with one free-text problem: misuse of a value object or method. */
export function fail(message: string, subject = ''): never {
  throw new ValidationError([{ subject, path: '', value: undefined, message }]);
}

/** Throws a {@link ValidationError} for one problem of `subject`'s options (a value object's factory). */
export function invalid(subject: string, path: string, value: unknown, message: string): never {
  throw new ValidationError([{ subject, path, value, message }]);
}

/**
 * The subject of a construct's problems: its class name, or for a construct behind a static import
 * the import users call (a `problemSubject` property, e.g. `BatchNetwork.fromSubnetId`).
 */
function subjectOf(scope: IConstruct): string {
  const named = (scope as { readonly problemSubject?: unknown }).problemSubject;
  return typeof named === 'string' ? named : scope.constructor.name;
}

/** `problems` of `scope`'s props, as validation problems located at `scope`. */
export function locate(scope: IConstruct, problems: readonly Problem[], ruleId?: string): ValidationProblem[] {
  return problems.map((problem) => ({ ...problem, subject: subjectOf(scope), constructPath: scope.node.path, ...(ruleId ? { ruleId } : {}) }));
}

/** Throws a {@link ValidationError} naming `scope` on each problem when there is any. */
export function throwIfProblems(scope: IConstruct, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ValidationError(locate(scope, problems));
}

/** Throws a {@link ValidationError} for one problem of `scope`'s props (misuse of a construct's method). */
export function failAt(scope: IConstruct, path: string, value: unknown, message: string): never {
  throw new ValidationError(locate(scope, [{ path, value, message }]));
}

/**
 * Rewrites a descendant's problem as one of the props of the construct that registered it (the one
 * that derived the descendant's props from its own), or returns `undefined` to leave it as it is.
 */
export type ProblemMapper = (problem: ValidationProblem) => ValidationProblem | undefined;

const MAPPERS = new WeakMap<IConstruct, ProblemMapper>();
const RECORDED = new WeakMap<IConstruct, ValidationProblem[]>();

/** A check added with {@link addCheck}, and whether it is a best-practice check. */
interface Check {
  readonly run: () => readonly ValidationProblem[];
  readonly bestPractices: boolean;
}
const CHECKS = new WeakMap<IConstruct, Check[]>();

/** What {@link collectProblems} collects. */
export interface CollectProblemsOptions {
  /**
   * Whether to run the best-practice checks too. `false` leaves them to run on the synthesized
   * Terraform with `BatchBestPractices.problemsOf`, so that every resource is resolved once
   * (the deployable app's synth does this).
   * @default true
   */
  readonly bestPractices?: boolean;
}

/** Registers how problems found under `scope` map to `scope`'s own props. */
export function mapProblems(scope: IConstruct, mapper: ProblemMapper): void {
  MAPPERS.set(scope, mapper);
}

/** `problem` rewritten by the mappers of the constructs above where it was found, nearest first. */
export function mapped(at: IConstruct, problem: ValidationProblem): ValidationProblem {
  let current = problem;
  for (const scope of [...at.node.scopes].reverse()) {
    const mapper = MAPPERS.get(scope);
    const next = mapper?.(current);
    if (next) current = next;
  }
  return current;
}

/**
 * Records problems that were caught rather than thrown (a composite construct keeps building its other
 * parts): as an error annotation on `at`, so synth refuses the stack, and as data {@link collectProblems}
 * returns.
 */
export function recordProblems(at: IConstruct, problems: readonly ValidationProblem[]): void {
  const list = RECORDED.get(at) ?? [];
  RECORDED.set(at, list);
  for (const problem of problems) {
    const shown = mapped(at, problem);
    list.push(shown);
    Annotations.of(at).addError(formatValidationProblem(shown));
  }
}

/**
 * Runs `build`; a {@link ValidationError} it throws is recorded on `at` (see {@link recordProblems})
 * and `undefined` returned, so the caller goes on and every problem is reported in one run.
 */
export function attempt<T>(at: IConstruct, build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    recordProblems(at, error.problems);
    return undefined;
  }
}

/**
 * Adds a check that depends on other constructs (it runs at synth, once the tree is complete) to
 * `scope` as a construct validation. It runs once: synth and {@link collectProblems} share its result, so
 * complete the tree (every pool added) before collecting problems.
 */
export function addCheck(scope: IConstruct, check: () => readonly ValidationProblem[], options: { readonly bestPractices?: boolean } = {}): void {
  let result: readonly ValidationProblem[] | undefined;
  const once = () => {
    result ??= check().map((problem) => mapped(scope, problem));
    return result;
  };
  const list = CHECKS.get(scope) ?? [];
  CHECKS.set(scope, list);
  list.push({ run: once, bestPractices: options.bestPractices ?? false });
  scope.node.addValidation({ validate: () => once().map(formatValidationProblem) });
}

/**
 * Every problem under `root`: those composite constructs recorded while building, and those of the
 * construct checks (which then do not run again at synth). Each is mapped to the props of the
 * outermost construct that derived the props it is about.
 */
export function collectProblems(root: IConstruct, options: CollectProblemsOptions = {}): ValidationProblem[] {
  const nodes = root.node.findAll();
  const runs = (check: Check) => options.bestPractices !== false || !check.bestPractices;
  // What constructs refused comes first, then what the checks of the complete tree found.
  return [...nodes.flatMap((node) => RECORDED.get(node) ?? []), ...nodes.flatMap((node) => (CHECKS.get(node) ?? []).filter(runs).flatMap((check) => check.run()))];
}
