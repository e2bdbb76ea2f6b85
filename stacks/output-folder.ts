import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The file cdktf writes at the top of every output folder: what marks a folder as one. */
const CDKTF_MANIFEST = 'manifest.json';

/**
 * Why synthesizing into `outdir` would lose something, or undefined when it is safe, from its path alone:
 * the project itself or a folder above it, or a parent that does not exist. What the folder holds is
 * checked under the lock ({@link outputContentProblem}).
 */
export function outputFolderProblem(outdir: string, projectDir: string = process.cwd()): string | undefined {
  if (outdir.trim() === '') return 'is empty; name a folder for the synthesized stacks, e.g. "cdktf.out"';
  const target = resolve(outdir);
  const project = resolve(projectDir);
  if (target === project || project.startsWith(`${target}${sep}`) || target === sep) {
    return `is the project folder or one above it (${target}); synthesizing there would replace your files — name a folder of its own, e.g. "cdktf.out"`;
  }
  if (!existsSync(dirname(target))) return `has no parent folder ${dirname(target)}; create it first or name another folder`;
  return undefined;
}

/**
 * Why `outdir`'s contents must not be replaced: a file in its place, or files without a cdktf manifest.
 * Asked while holding the lock, since another synth that is publishing moves its manifest in last: seen
 * from outside the lock, its half-written folder looks like a folder of other files.
 */
export function outputContentProblem(outdir: string): string | undefined {
  const target = resolve(outdir);
  if (!existsSync(target)) return undefined;
  if (!statSync(target).isDirectory()) return `is a file, not a folder; name a folder for the synthesized stacks`;
  if (readdirSync(target).length > 0 && cdktfManifest(target) === undefined) {
    return `holds files but no cdktf ${CDKTF_MANIFEST}, so it is not a synth output; empty it or name another folder`;
  }
  return undefined;
}

/**
 * Takes the lock on `outdir` (`<outdir>.lock`, holding the synth's pid) so concurrent synths never mix
 * their files. The lock appears whole or not at all (a hard link to a file already holding the pid); a
 * lock whose process is gone is moved aside under a name of this process's own before it is removed, so
 * two synths cannot both take it over; release removes the lock only while it is still this process's.
 * Returns the release function, or why the lock is held.
 */
export function lockOutputFolder(outdir: string): { release: () => void } | string {
  const lock = `${resolve(outdir)}.lock`;
  const mine = `${lock}.${process.pid}`;
  try {
    writeFileSync(mine, String(process.pid));
  } catch (error) {
    return `cannot be locked (${(error as Error).message}); check that its parent folder is writable`;
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mine, lock);
        return { release: () => releaseLock(lock) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot be locked (${(error as Error).message}); check that its parent folder is writable`;
      }
      const holder = lockHolder(lock);
      if (holder !== undefined && processAlive(holder)) {
        return `is being written by another synth (process ${holder}, lock ${lock}); wait for it to finish`;
      }
      // Gone (or vanished meanwhile): move it aside, and remove it only if it is still the dead one.
      const aside = `${lock}.stale-${process.pid}`;
      try {
        renameSync(lock, aside);
        const moved = lockHolder(aside);
        if (moved !== undefined && moved !== holder && processAlive(moved)) renameSync(aside, lock);
        else rmSync(aside, { force: true });
      } catch {
        // Another synth moved it first; try again.
      }
    }
    return `cannot be locked (${lock} keeps changing hands); wait for the other synths to finish`;
  } finally {
    rmSync(mine, { force: true });
  }
}

/** The pid in a lock file, or undefined when there is none (or no file). */
function lockHolder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function releaseLock(lock: string): void {
  if (lockHolder(lock) === process.pid) rmSync(lock, { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every file below `dir`, relative to it. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/**
 * Moves a finished synth from `staging` into `outdir`, file by file, keeping everything it did not
 * write: a stack folder's `.terraform/`, `.terraform.lock.hcl` (the provider checksums) and saved plans
 * survive. The previous synth's files that this one no longer writes (a region taken out of the config)
 * are removed, recognised by the previous cdktf manifest. cdktf's manifest goes last, so a reader never
 * sees it point at stacks not yet written.
 */
export function publishOutput(staging: string, outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  const previous = previousStackFiles(outdir);
  const written = filesBelow(staging);
  const last = written.filter((file) => file === CDKTF_MANIFEST);
  for (const file of [...written.filter((file) => file !== CDKTF_MANIFEST), ...last]) {
    mkdirSync(dirname(join(outdir, file)), { recursive: true });
    renameSync(join(staging, file), join(outdir, file));
  }
  for (const file of previous) {
    if (!written.includes(file)) rmSync(join(outdir, file), { force: true });
  }
  rmSync(staging, { recursive: true, force: true });
}

/**
 * The stack files the last synth recorded in its cdktf manifest: only `stacks/<name>/cdk.tf.json` paths,
 * so a manifest edited by hand can never name a file outside the output folder for deletion.
 */
function previousStackFiles(outdir: string): string[] {
  const manifest = cdktfManifest(outdir);
  return Object.values(manifest?.stacks ?? {})
    .map((stack) => stack.synthesizedStackPath?.replace(/^\.\//, ''))
    .filter((path): path is string => path !== undefined && STACK_FILE.test(path));
}

/** `stacks/<stack name>/cdk.tf.json`, the one file cdktf writes per stack. */
const STACK_FILE = /^stacks\/[A-Za-z0-9_-]+\/cdk\.tf\.json$/;

/** The cdktf manifest of a folder, when it has one of cdktf's shape (`version` and `stacks`). */
function cdktfManifest(outdir: string): { version: string; stacks: Record<string, { synthesizedStackPath?: string }> } | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(outdir, CDKTF_MANIFEST), 'utf8'));
    return typeof manifest?.version === 'string' && manifest.stacks !== null && typeof manifest.stacks === 'object' ? manifest : undefined;
  } catch {
    return undefined;
  }
}
