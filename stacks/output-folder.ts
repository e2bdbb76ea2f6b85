import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The file cdktf writes at the top of every output folder: what marks a folder as one. */
const CDKTF_MANIFEST = 'manifest.json';

/**
 * Why synthesizing into `outdir` would lose something, or undefined when it is safe: the project itself
 * or a folder above it, a folder that holds other things than a cdktf output, or a parent that does not
 * exist.
 */
export function outputFolderProblem(outdir: string, projectDir: string = process.cwd()): string | undefined {
  if (outdir.trim() === '') return 'is empty; name a folder for the synthesized stacks, e.g. "cdktf.out"';
  const target = resolve(outdir);
  const project = resolve(projectDir);
  if (target === project || project.startsWith(`${target}${sep}`) || target === sep) {
    return `is the project folder or one above it (${target}); synthesizing there would replace your files — name a folder of its own, e.g. "cdktf.out"`;
  }
  if (!existsSync(dirname(target))) return `has no parent folder ${dirname(target)}; create it first or name another folder`;
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) return `is a file, not a folder; name a folder for the synthesized stacks`;
    if (readdirSync(target).length > 0 && !existsSync(join(target, CDKTF_MANIFEST))) {
      return `holds files but no cdktf ${CDKTF_MANIFEST}, so it is not a synth output; empty it or name another folder`;
    }
  }
  return undefined;
}

/**
 * Takes the lock on `outdir` (`<outdir>.lock`, holding the synth's pid) so concurrent synths never mix
 * their files; a lock left by a process that is gone is taken over. Returns the release function, or
 * why the lock is held.
 */
export function lockOutputFolder(outdir: string): { release: () => void } | string {
  const lock = `${resolve(outdir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(lock, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot be locked (${(error as Error).message}); check that its parent folder is writable`;
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
        return `is being written by another synth (process ${holder}, lock ${lock}); wait for it to finish`;
      }
      rmSync(lock, { force: true });
    }
  }
  return `cannot be locked (${lock} keeps coming back); wait for the other synth to finish`;
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

/** The synthesized stack files the last synth recorded in its cdktf manifest (`stacks.<name>.synthesizedStackPath`). */
function previousStackFiles(outdir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(outdir, CDKTF_MANIFEST), 'utf8')) as { stacks?: Record<string, { synthesizedStackPath?: string }> };
    return Object.values(manifest.stacks ?? {}).flatMap((stack) => (stack.synthesizedStackPath ? [stack.synthesizedStackPath.replace(/^\.\//, '')] : []));
  } catch {
    return [];
  }
}
