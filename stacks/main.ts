import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type StackAnnotation, TerraformStack } from '../lib/engine';
import type { IConstruct } from 'constructs';
import { loadDeploymentConfig, ParsedConfig } from './config';
import { formatConfigProblem } from './problems';
import { capacityPlan, capacityTable } from './capacity-plan';
import { shortenCreationStacks } from './creation-stacks';
import { buildDeployment, deploymentManifest, inConfigWords } from './deployment';
import { lockOutputFolder, outputContentProblem, outputFolderProblem, publishOutput } from './output-folder';

/** File in the output folder that lists every region, its role, endpoint and pool ids. */
export const MANIFEST_FILE = 'deployment-manifest.json';
/** File in the output folder with the capacity and quota plan: what each region needs now and after a switchover. */
export const CAPACITY_FILE = 'capacity-plan.json';
/** File in the output folder with every best-practice finding, written when the config asks for it. */
export const FINDINGS_FILE = 'best-practice-findings.json';

/** One best-practice finding that did not stop the synth: a warning, or a suppressed error or warning. */
export interface FindingRecord {
  /** The rule, e.g. `BATCH-013`. */
  readonly rule: string;
  /** `warning`, or `suppressed` with the reason as the message. */
  readonly level: 'warning' | 'suppressed';
  /** Construct path of the resource, e.g. `batch-eastus/Region/Pool-work/Resource`. */
  readonly construct: string;
  /** The finding and its fix, or the suppression's reason. */
  readonly message: string;
}

/** The best-practice findings annotated under `scope` (warnings and suppressions carry `[RULE-ID]`). */
export function findingRecords(scope: IConstruct): FindingRecord[] {
  return annotationsUnder(scope, ['@cdktf/warn', '@cdktf/info']).flatMap((annotation): FindingRecord[] => {
    const match = /^\[([A-Z][A-Z0-9]*-\d{3})\] (suppressed: )?([\s\S]*)$/.exec(annotation.message);
    if (!match || (annotation.level === '@cdktf/info' && !match[2])) return [];
    return [{ rule: match[1], level: match[2] ? 'suppressed' : 'warning', construct: annotation.constructPath, message: match[3] }];
  });
}

const ANNOTATION_PREFIX: Record<string, string> = { '@cdktf/error': 'error', '@cdktf/warn': 'warning', '@cdktf/info': 'info' };

/** One annotation, in the shape cdktf's manifest lists it (`StackAnnotation`). */
interface Annotation {
  readonly constructPath: string;
  readonly level: StackAnnotation['level'];
  readonly message: string;
  readonly stacktrace?: string[];
}

/** The annotations of `levels` under `scope`, in construct-tree order, as cdktf's synth collects them. */
function annotationsUnder(scope: IConstruct, levels: readonly string[]): Annotation[] {
  return scope.node.findAll().flatMap((node) => node.node.metadata
    .filter((entry) => levels.includes(entry.type))
    .map((entry) => ({ constructPath: node.node.path, level: entry.type as Annotation['level'], message: String(entry.data), stacktrace: entry.trace })));
}

/** Annotations of `levels` under `scope`, as `level: [path] message` lines. */
function annotationLines(scope: IConstruct, levels: readonly string[]): string[] {
  return annotationsUnder(scope, levels).map((annotation) => `${ANNOTATION_PREFIX[annotation.level]}: [${annotation.constructPath}] ${annotation.message}`);
}

/**
 * The deployable app: `npm run synth` or `cdktf synth`, then `cdktf deploy batch-<location>`.
 * Bad input prints one line per problem — the config's shape, its cross-field rules, what the library's
 * constructs refuse, best-practice errors, all in one run, each under its JSON path — and exits non-zero
 * without writing any Terraform: stacks are synthesized into a staging folder whose files
 * move into the output folder only when every stack succeeded, keeping what Terraform keeps there
 * (`.terraform/`, `.terraform.lock.hcl`, plans). The output folder is locked while a synth writes it, and
 * one that is the project, a folder above it or a folder of other files is refused. Warnings and
 * suppressions are printed.
 */
export function runApp(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.error,
  outdir: string = env.CDKTF_OUTDIR ?? 'cdktf.out',
): number {
  const loaded = loadDeploymentConfig(env);
  if ('errors' in loaded) {
    loaded.errors.forEach((line) => log(line));
    return 1;
  }
  const folderProblem = outputFolderProblem(outdir);
  if (folderProblem) {
    log(`CDKTF_OUTDIR=${outdir}: ${folderProblem}`);
    return 1;
  }
  const lock = lockOutputFolder(outdir);
  if (typeof lock === 'string') {
    log(`CDKTF_OUTDIR=${outdir}: ${lock}`);
    return 1;
  }
  try {
    const contentProblem = outputContentProblem(outdir);
    if (contentProblem) {
      log(`CDKTF_OUTDIR=${outdir}: ${contentProblem}`);
      return 1;
    }
    return synthesize(loaded, log, outdir);
  } finally {
    lock.release();
  }
}

function synthesize(loaded: ParsedConfig, log: (line: string) => void, outdir: string): number {
  const staging = `${outdir}.staging-${process.pid}`;
  try {
    // Validations run here, so every stack's problems are reported together (cdktf's synth stops at the
    // first stack with errors); synth skips them. The best-practice checks run after synth, on the
    // Terraform it wrote, so every resource is resolved once.
    const app = new App({ outdir: staging, skipValidation: true });
    const built = buildDeployment(app, loaded, { deferBestPractices: true });
    const problems = [...loaded.problems, ...built.problems];
    const annotated = errorAnnotations(app).filter(({ message }) => !built.mapped.has(message)).map(({ line }) => `${loaded.source}: ${line}`);
    // On the tree, before anything is synthesized, when the run stops anyway (one run shows every
    // problem), and for HCL output (`cdktf synth --hcl`), which writes no JSON to check.
    const onTree = loaded.config !== undefined && (problems.length > 0 || annotated.length > 0 || app.hclOutput) ? built.bestPracticeProblems() : [];
    if (problems.length > 0 || annotated.length > 0 || onTree.length > 0 || loaded.config === undefined) {
      return refused([...problems, ...onTree].map((problem) => `${loaded.source}: ${formatConfigProblem(problem)}`).concat(annotated), staging, log);
    }
    app.synth();
    if (!app.hclOutput) {
      const found = built.bestPracticeProblems((stack) => JSON.parse(readFileSync(join(staging, app.manifest.forStack(stack).synthesizedStackPath), 'utf8')));
      if (found.length > 0) return refused(found.map((problem) => `${loaded.source}: ${formatConfigProblem(problem)}`), staging, log);
      // The findings were annotated after synth wrote cdktf's manifest, whose annotations the CLI prints.
      manifestAnnotations(app, [...built.stacks, ...built.replications]);
    }
    annotationLines(app, ['@cdktf/warn', '@cdktf/info']).forEach((line) => log(inConfigWords(line)));
    writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(deploymentManifest(loaded.config, built.stacks, built.replications), null, 2)}\n`);
    const plan = capacityPlan(loaded.config, built.stacks);
    writeFileSync(join(staging, CAPACITY_FILE), `${JSON.stringify(plan, null, 2)}\n`);
    capacityTable(plan).forEach((line) => log(line));
    plan.warnings.forEach((line) => log(`warning: [capacity] ${line}`));
    if (loaded.config.findingsReport) {
      writeFileSync(join(staging, FINDINGS_FILE), `${JSON.stringify({ deployment: loaded.config.name, findings: findingRecords(app) }, null, 2)}\n`);
    }
    publishOutput(staging, outdir);
    // A report of an earlier synth must not outlive the config that asked for it.
    if (!loaded.config.findingsReport) rmSync(join(outdir, FINDINGS_FILE), { force: true });
    return 0;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Puts each stack's annotations, as they are now, into cdktf's manifest of `app`, and rewrites it. */
function manifestAnnotations(app: App, stacks: readonly TerraformStack[]): void {
  for (const stack of stacks) {
    const annotations = app.manifest.forStack(stack).annotations;
    annotations.splice(0, annotations.length, ...annotationsUnder(stack, Object.keys(ANNOTATION_PREFIX)));
  }
  app.manifest.writeToFile();
}

/** Prints `errors` and removes the staging folder: nothing is written. */
function refused(errors: readonly string[], staging: string, log: (line: string) => void): number {
  rmSync(staging, { recursive: true, force: true });
  errors.forEach((line) => log(line));
  return 1;
}

/** Error annotations under `scope`, each as its message and its `error: [path] message` line. */
function errorAnnotations(scope: IConstruct): Array<{ readonly message: string; readonly line: string }> {
  return annotationsUnder(scope, ['@cdktf/error']).map((annotation) => ({ message: annotation.message, line: `error: [${annotation.constructPath}] ${annotation.message}` }));
}

/**
 * {@link runApp} as the `npm run synth` and `cdktf synth` process runs it: with cdktf's token creation
 * stacks shortened (see creation-stacks.ts), and started from the event loop, where the call stack
 * every token's creation stack is captured from is a dozen module-loader frames shallower.
 */
export function startApp(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.error,
  outdir: string = env.CDKTF_OUTDIR ?? 'cdktf.out',
): Promise<number> {
  shortenCreationStacks();
  return new Promise((resolve, reject) => setImmediate(() => {
    try {
      resolve(runApp(env, log, outdir));
    } catch (error) {
      reject(error);
    }
  }));
}

if (require.main === module) {
  startApp().then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
