import { App } from 'cdktf';
import { ValidationError } from '../lib/private/problems';
import { loadDeploymentConfig } from './config';
import { buildDeployment } from './deployment';

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
    buildDeployment(app, loaded.config);
    app.synth();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    error.problems.forEach((line) => log(`${loaded.source}: ${line}`));
    return 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = runApp();
