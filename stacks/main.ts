import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { ValidationError } from '../lib/private/problems';
import { loadDeploymentConfig } from './config';
import { buildDeployment, deploymentManifest } from './deployment';

/** File in the output folder that lists every region, its role, endpoint and pool ids. */
export const MANIFEST_FILE = 'deployment-manifest.json';

/**
 * The deployable app: `npm run synth` or `cdktf synth`, then `cdktf deploy batch-<location>`.
 * Bad input prints one line per problem and exits non-zero before any Terraform is written.
 */
export function runApp(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.error, outdir?: string): number {
  const loaded = loadDeploymentConfig(env);
  if (!loaded.ok) {
    loaded.errors.forEach((line) => log(line));
    return 1;
  }
  try {
    const app = new App({ outdir });
    const stacks = buildDeployment(app, loaded.config);
    app.synth();
    const manifest = join(app.outdir, MANIFEST_FILE);
    writeFileSync(manifest, `${JSON.stringify(deploymentManifest(loaded.config, stacks), null, 2)}\n`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    error.problems.forEach((line) => log(`${loaded.source}: ${line}`));
    return 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = runApp();
