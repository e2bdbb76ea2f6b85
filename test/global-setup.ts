import { mkdtempSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Free space a RAM-backed folder needs for the tests' scratch (the loop-device tests' mkfs.xfs shim makes a 320 MiB sparse image there). */
const SCRATCH_BYTES = 2 * 1024 ** 3;
/** Where the scratch folder of this run is, for the teardown. */
export const SCRATCH_ENV = 'CDKTF_AZURE_BATCH_TEST_SCRATCH';
/**
 * The system's temporary folder, for tests whose folders must not be under /dev: the loop-device tests
 * mount disks inside theirs, and the library refuses mount paths under system folders. They clean up.
 */
export const SYSTEM_TMPDIR_ENV = 'CDKTF_AZURE_BATCH_SYSTEM_TMPDIR';

/**
 * One scratch folder per jest run, which the workers (spawned after this, with this environment) use
 * as their TMPDIR: every temporary folder of the run — cdktf's Testing.app outdirs and the tests' own
 * (the loop-device tests keep theirs outside /dev, see SYSTEM_TMPDIR_ENV) — goes there, and
 * test/global-teardown.ts removes it, so runs leave nothing behind. It is on /dev/shm when that is a RAM-backed folder with room (a folder made there costs a
 * twentieth of one on this machine's disk), and in the system's temporary folder otherwise.
 */
export default function globalSetup(): void {
  process.env[SYSTEM_TMPDIR_ENV] = tmpdir();
  const base = ramFolder() ?? tmpdir();
  const scratch = mkdtempSync(join(base, 'cdktf-azure-batch-tests-'));
  process.env[SCRATCH_ENV] = scratch;
  process.env.TMPDIR = scratch;
}

function ramFolder(): string | undefined {
  try {
    const stats = statfsSync('/dev/shm');
    return stats.bavail * stats.bsize >= SCRATCH_BYTES ? '/dev/shm' : undefined;
  } catch {
    return undefined;
  }
}
