import { App } from 'cdktf';
import { ValidationError } from '../lib/private/problems';
import { loadDeploymentConfig } from './config';
import { buildDeployment } from './deployment';

/**
 * The deployable app: `npm run synth` or `cdktf synth`, then `cdktf deploy batch-<location>`.
 * Bad input prints one line per problem and exits non-zero before any Terraform is written.
 */
function main(): number {
  const loaded = loadDeploymentConfig();
  if (!loaded.ok) {
    loaded.errors.forEach((line) => console.error(line));
    return 1;
  }
  try {
    const app = new App();
    buildDeployment(app, loaded.config);
    app.synth();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    error.problems.forEach((line) => console.error(`${loaded.source}: ${line}`));
    return 1;
  }
  return 0;
}

process.exitCode = main();
