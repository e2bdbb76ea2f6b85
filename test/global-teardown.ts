import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { SCRATCH_ENV } from './global-setup';

/** Removes the run's scratch folder (see test/global-setup.ts), and only a folder that is one. */
export default function globalTeardown(): void {
  const scratch = process.env[SCRATCH_ENV];
  if (scratch && basename(scratch).startsWith('cdktf-azure-batch-tests-')) rmSync(scratch, { recursive: true, force: true });
}
