import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Aspects } from 'cdktf';
import type { IConstruct } from 'constructs';
import { ValidationError } from '../lib/private/problems';
import { ConfigResult, loadDeploymentConfig } from './config';
import { buildDeployment, deploymentManifest } from './deployment';
import { lockOutputFolder, outputFolderProblem, publishOutput } from './output-folder';

/** File in the output folder that lists every region, its role, endpoint and pool ids. */
export const MANIFEST_FILE = 'deployment-manifest.json';

const ANNOTATION_PREFIX: Record<string, string> = { '@cdktf/error': 'error', '@cdktf/warn': 'warning', '@cdktf/info': 'info' };

/** Annotations of `levels` under `scope`, as `level: [path] message` lines. */
function annotationLines(scope: IConstruct, levels: readonly string[]): string[] {
  return scope.node.findAll().flatMap((node) => node.node.metadata
    .filter((entry) => levels.includes(entry.type))
    .map((entry) => `${ANNOTATION_PREFIX[entry.type]}: [${node.node.path}] ${String(entry.data)}`));
}

/**
 * The deployable app: `npm run synth` or `cdktf synth`, then `cdktf deploy batch-<location>`.
 * Bad input (config problems, construct misuse, best-practice errors) prints one line per problem and
 * exits non-zero without writing any Terraform: stacks are synthesized into a staging folder whose files
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
  if (!loaded.ok) {
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
    return synthesize(loaded, log, outdir);
  } finally {
    lock.release();
  }
}

function synthesize(loaded: Extract<ConfigResult, { ok: true }>, log: (line: string) => void, outdir: string): number {
  const staging = `${outdir}.staging-${process.pid}`;
  let app: App | undefined;
  try {
    app = new App({ outdir: staging });
    const stacks = buildDeployment(app, loaded.config);
    // Run the best-practice checks of every stack first, so all their errors are reported at once
    // (synth stops at the first stack with errors). The aspect checks each stack once.
    for (const stack of stacks) Aspects.of(stack).all.forEach((aspect) => aspect.visit(stack));
    const errors = annotationLines(app, ['@cdktf/error']);
    if (errors.length > 0) {
      rmSync(staging, { recursive: true, force: true });
      errors.forEach((line) => log(`${loaded.source}: ${line}`));
      return 1;
    }
    app.synth();
    annotationLines(app, ['@cdktf/warn', '@cdktf/info']).forEach((line) => log(line));
    writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(deploymentManifest(loaded.config, stacks), null, 2)}\n`);
    publishOutput(staging, outdir);
    return 0;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof ValidationError) {
      error.problems.forEach((line) => log(`${loaded.source}: ${line}`));
      return 1;
    }
    const errors = app ? annotationLines(app, ['@cdktf/error']) : [];
    if (errors.length === 0) throw error;
    errors.forEach((line) => log(`${loaded.source}: ${line}`));
    return 1;
  }
}

if (require.main === module) process.exitCode = runApp();
