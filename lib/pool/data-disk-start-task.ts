import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Token } from '../engine';
import { knownOnlyAtDeploy, Problem } from '../private/problems';

/** Host caching of a data disk. Values are azurerm's `caching`. */
export enum DiskCaching {
  /** No host caching: the only choice for disks of 4 TiB (4096 GiB) or more, and for write-heavy logs. */
  NONE = 'None',
  /** Reads are cached on the host; writes go straight to the disk. */
  READ_ONLY = 'ReadOnly',
  /** Reads and writes are cached on the host; a host failure can lose writes not yet flushed. */
  READ_WRITE = 'ReadWrite',
}

/**
 * Storage type of a data disk. Values are azurerm's `storage_account_type`, which accepts only these two
 * (`internal/services/batch/batch_pool_resource.go:604-611` at v4.55.0), although the Batch API also
 * knows `StandardSSD_LRS`.
 */
export enum DiskStorageType {
  /** Standard HDD, locally redundant: works on every VM size. */
  STANDARD_HDD = 'Standard_LRS',
  /** Needs a premium-storage-capable VM size (an `s` in its name). */
  PREMIUM_SSD = 'Premium_LRS',
}

/** File system created on a blank data disk. */
export enum DiskFileSystem {
  /** ext4, formatted with `mkfs.ext4`. */
  EXT4 = 'ext4',
  /** XFS, formatted with `mkfs.xfs` (the image needs xfsprogs). */
  XFS = 'xfs',
}

/** One data disk of every node of a pool. */
export interface DataDisk {
  /** Logical unit number, 0-63, unique in the pool. */
  readonly lun: number;
  /** Size in GiB, 1-32767. */
  readonly sizeGb: number;
  /**
   * Absolute path the disk is mounted at, unique in the pool: not a system directory, not at, inside or
   * over Batch's working directories (`/mnt/batch`, `/mnt/resource/batch`, `/opt/batch/data`), and best
   * outside `/mnt` (the temporary disk).
   */
  readonly mountPath: string;
  /**
   * Host caching of the disk.
   * @default - DiskCaching.READ_ONLY; DiskCaching.NONE from 4 TiB (4096 GiB), which Azure does not cache
   */
  readonly caching?: DiskCaching;
  /**
   * Storage type of the managed disk.
   * @default - DiskStorageType.PREMIUM_SSD when the VM size supports premium storage, else DiskStorageType.STANDARD_HDD
   */
  readonly storageType?: DiskStorageType;
  /** File system created when the disk is blank; an existing ext4 or xfs file system is kept. @default DiskFileSystem.EXT4 */
  readonly fileSystem?: DiskFileSystem;
}

/** Properties of a {@link DataDiskStartTask}. */
export interface DataDiskStartTaskProps {
  /** The disks to prepare. */
  readonly dataDisks: DataDisk[];
  /**
   * Your start-task commands, run after the disks are mounted, as root, in order, each as its own
   * `bash -c` with bash's default options; the first that fails fails the start task.
   * @default - none
   */
  readonly commands?: string[];
  /**
   * Seconds to wait for each disk's device to appear.
   * @default 300
   */
  readonly waitSeconds?: number;
  /**
   * Times Batch retries the start task after a failure (0-100). Batch also takes -1, retries without
   * limit, which its own reference calls "not recommended for a start task or any task" (Batch .NET
   * `TaskConstraints.MaxTaskRetryCount`), so the library refuses it; Batch documents no upper limit,
   * so 100 is the library's.
   * @default 3
   */
  readonly maxRetries?: number;
}

/** LUNs Azure allows per VM. */
const MAX_LUN = 63;
/** Largest managed data disk. */
const MAX_DISK_SIZE_GB = 32767;
/** Paths a data disk must never be mounted over. */
const SYSTEM_PATHS = [
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib64', '/mnt', '/mnt/resource', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr',
  '/var', '/var/cache', '/var/lib', '/var/log', '/var/spool', '/var/tmp',
];
/**
 * Trees the OS owns whole: nothing of a node's may be mounted anywhere inside them. The data-disk
 * script keeps its records in `/var/lib/cdktf-azure-batch` (`data-disks.sh`), which a disk mounted there
 * would hide.
 */
const SYSTEM_TREES = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/run', '/sbin', '/sys', '/usr', '/var/lib/cdktf-azure-batch'];
/**
 * Batch's working trees (`AZ_BATCH_NODE_ROOT_DIR`), where the node agent keeps every task's files, the
 * start task's own included: a disk mounted there, anywhere inside, or over a parent, hides them. On the
 * temporary disk, `/mnt/batch` or `/mnt/resource/batch`; on a Linux VM size without a local temporary
 * disk (Dsv5, the default, and every size without one), `/opt/batch/data` on the OS disk (Learn, *Files
 * and directories in Azure Batch*, "Batch root directory location"; *Use temporary NVMe disks on Batch
 * compute nodes*, "VM temporary disk configurations": NVMe-only sizes get `/mnt/resource/batch`). Learn,
 * "Azure Batch best practices", "Temporary disks and AZ_BATCH_NODE_ROOT_DIR": redirecting these "or any
 * of the parent directories isn't supported and can lead to instability" (seeds/batch-best-practices.md).
 * All are refused whatever the VM size: Learn calls the paths implementation details that may change.
 */
const BATCH_TREES = ['/mnt/batch', '/mnt/resource/batch', '/opt/batch/data'];
/** Letters, digits, ".", "_" and "-" in each segment: nothing fstab would need escaped (whitespace, "\\", "#"). */
const MOUNT_PATH = /^\/$|^(\/[A-Za-z0-9._-]+)+$/;
/** Linux PATH_MAX, terminating NUL included (linux/limits.h). */
const MAX_PATH_LENGTH = 4095;
/**
 * The longest command line Batch takes: its error "Total size of commandLine cannot be more than 32768
 * characters", as a Batch maintainer quoted it (virtual-kubelet/virtual-kubelet#503); Data Factory's
 * troubleshooting page quotes the same limit for resourceFiles. No Learn page states it.
 */
const MAX_COMMAND_LINE_LENGTH = 32768;
/** What a disk's LUN is needed for at synth. */
const LUN_USE = 'each LUN is checked against the other disks\' and written into the start task\'s command line at synth';
/** What a disk's mount path is needed for at synth. */
const MOUNT_PATH_USE = 'the path is checked (no system or Batch directory, no other disk\'s) and quoted into the start task\'s command line at synth';

/** `path` as the node sees it: `.` segments, repeated and trailing slashes removed; `..` kept, to be refused. */
function normalizedMountPath(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  return `/${segments.join('/')}`;
}

let script: string | undefined;
let payload: string | undefined;

/** The data-disk script shipped with the package (`data-disks.sh` beside this file). */
export function dataDiskScript(): string {
  script ??= readFileSync(join(__dirname, 'data-disks.sh'), 'utf8');
  return script;
}

/** The script gzipped and base64-encoded, computed once per process. */
function scriptPayload(): string {
  if (payload === undefined) {
    const gzip = gzipSync(dataDiskScript(), { level: 9 });
    // Byte 9 of a gzip header names the OS that wrote it (RFC 1952, 2.3.1); zlib writes the build's own
    // (nodejs/node#48690: macOS differs), so it is fixed to 3 (Unix) for one command line on every OS.
    gzip[9] = 3;
    payload = gzip.toString('base64');
  }
  return payload;
}

/**
 * The start task that prepares a pool's data disks: a self-contained command line (the script travels
 * inside it, gzip + base64, so nodes without a route to storage run it too) that formats only blank
 * disks, mounts every disk, keeps one `nofail` fstab entry per disk by UUID and changes nothing on
 * later runs; then your commands. It runs elevated, is retried, and pools wait for it to succeed.
 */
export class DataDiskStartTask {
  /** The disks, with their file system default applied (caching and storage type are the pool's). */
  public readonly dataDisks: ReadonlyArray<DataDisk & { readonly fileSystem: DiskFileSystem }>;
  /** Your commands, run after the disks are mounted, in order; empty when none were given. */
  public readonly commands: readonly string[];
  /** Seconds the task waits for each disk's device to appear: `waitSeconds`, 300 unless given. */
  public readonly waitSeconds: number;
  /** Times Batch retries the task after a failure: `maxRetries`, 3 unless given. */
  public readonly maxRetries: number;

  private readonly givenDisks: readonly DataDisk[];
  private line?: string;

  constructor(props: DataDiskStartTaskProps) {
    this.givenDisks = props.dataDisks;
    this.dataDisks = props.dataDisks.map((disk) => ({
      fileSystem: DiskFileSystem.EXT4, ...disk,
      mountPath: disk.mountPath.startsWith('/') ? normalizedMountPath(disk.mountPath) : disk.mountPath,
    }));
    this.commands = props.commands ?? [];
    this.waitSeconds = props.waitSeconds ?? 300;
    this.maxRetries = props.maxRetries ?? 3;
  }

  /** Problems with the disks and settings, for the pool to report; empty when valid. */
  public problems(path = 'dataDisks'): Problem[] {
    const props = this.givenDisks;
    const problems: Problem[] = [];
    const luns = new Map<number, number>();
    const mounts = new Map<string, number>();
    this.dataDisks.forEach((disk, i) => {
      const at = `${path}[${i}]`;
      if (Token.isUnresolved(disk.lun)) {
        problems.push({ path: `${at}.lun`, value: disk.lun, message: knownOnlyAtDeploy(LUN_USE, 'give a number') });
      } else if (!Number.isInteger(disk.lun) || disk.lun < 0 || disk.lun > MAX_LUN) {
        problems.push({ path: `${at}.lun`, value: disk.lun, message: `is out of range; use a whole number from 0 to ${MAX_LUN}` });
      } else if (luns.has(disk.lun)) {
        problems.push({ path: `${at}.lun`, value: disk.lun, message: `repeats ${path}[${luns.get(disk.lun)}].lun; give each disk its own LUN` });
      }
      luns.set(disk.lun, luns.get(disk.lun) ?? i);
      if (Token.isUnresolved(disk.sizeGb)) {
        problems.push({ path: `${at}.sizeGb`, value: disk.sizeGb, message: knownOnlyAtDeploy('the pool chooses the disk\'s caching by it at synth (Azure caches disks below 4 TiB only)', 'give a number') });
      } else if (!Number.isInteger(disk.sizeGb) || disk.sizeGb < 1 || disk.sizeGb > MAX_DISK_SIZE_GB) {
        problems.push({ path: `${at}.sizeGb`, value: disk.sizeGb, message: `is out of range; use a whole number of GiB from 1 to ${MAX_DISK_SIZE_GB}` });
      }
      const mountPath = disk.mountPath;
      const given = props[i]?.mountPath ?? mountPath;
      const batchTree = BATCH_TREES.find((tree) => mountPath === tree || mountPath.startsWith(`${tree}/`) || tree.startsWith(`${mountPath}/`));
      if (Token.isUnresolved(mountPath)) {
        problems.push({ path: `${at}.mountPath`, value: given, message: knownOnlyAtDeploy(MOUNT_PATH_USE, 'give the path as a literal, such as "/data/work"') });
      } else if (!MOUNT_PATH.test(mountPath) || mountPath.length > MAX_PATH_LENGTH) {
        problems.push({ path: `${at}.mountPath`, value: given, message: `is not an absolute path of letters, digits, ".", "_" and "-" of at most ${MAX_PATH_LENGTH} characters; use one such as "/data/work"` });
      } else if (mountPath.split('/').includes('..')) {
        problems.push({ path: `${at}.mountPath`, value: given, message: 'climbs with ".."; give the path it means, such as "/data/work"' });
      } else if (SYSTEM_PATHS.includes(mountPath) || SYSTEM_TREES.some((tree) => mountPath.startsWith(`${tree}/`))) {
        problems.push({ path: `${at}.mountPath`, value: given, message: `would hide ${mountPath === given ? 'a system directory' : `the system directory ${mountPath}`}; mount data disks at a path of their own, such as "/data/work"` });
      } else if (batchTree !== undefined) {
        problems.push({ path: `${at}.mountPath`, value: given, message: `would hide Batch's working directory ${batchTree}, where the node agent keeps the files of every task, the start task's too; mount data disks at a path of their own, such as "/data/work"` });
      } else if (mounts.has(mountPath)) {
        problems.push({ path: `${at}.mountPath`, value: given, message: `repeats ${path}[${mounts.get(mountPath)}].mountPath; give each disk its own mount path` });
      }
      mounts.set(mountPath, mounts.get(mountPath) ?? i);
    });
    // A disk mounted inside another's mount path hides part of it, or is hidden by it, depending on order.
    this.dataDisks.forEach((disk, i) => {
      this.dataDisks.forEach((outer, j) => {
        if (i !== j && outer.mountPath !== '/' && disk.mountPath.startsWith(`${outer.mountPath}/`)) {
          problems.push({
            path: `${path}[${i}].mountPath`, value: props[i]?.mountPath ?? disk.mountPath,
            message: `is inside ${path}[${j}].mountPath ${JSON.stringify(outer.mountPath)}, so one disk would hide part of the other; mount the disks side by side, e.g. "/data/a" and "/data/b"`,
          });
        }
      });
    });
    if (Token.isUnresolved(this.waitSeconds)) {
      problems.push({ path: 'waitSeconds', value: this.waitSeconds, message: knownOnlyAtDeploy('it is written into the start task\'s environment as text at synth', 'give a number') });
    } else if (!Number.isInteger(this.waitSeconds) || this.waitSeconds < 1 || this.waitSeconds > 3600) {
      problems.push({ path: 'waitSeconds', value: this.waitSeconds, message: 'is out of range; use a whole number of seconds from 1 to 3600' });
    }
    // Known only at deploy time, it reaches the provider as given (task_retry_maximum).
    if (!Token.isUnresolved(this.maxRetries) && (!Number.isInteger(this.maxRetries) || this.maxRetries < 0 || this.maxRetries > 100)) {
      problems.push({ path: 'maxRetries', value: this.maxRetries, message: 'is out of range; use a whole number from 0 to 100' });
    }
    // A token's length is not known until apply.
    const length = this.commands.some((command) => Token.isUnresolved(command)) ? 0 : this.commandLine.length;
    if (length > MAX_COMMAND_LINE_LENGTH) {
      problems.push({
        path: 'commands', value: this.commands,
        message: `make a start-task command line of ${length} characters, and Batch takes at most ${MAX_COMMAND_LINE_LENGTH}; move long commands into a script your first command fetches, or into an application package`,
      });
    }
    return problems;
  }

  /**
   * The command line Batch runs: the disk preparation first (`<decode script> | bash -s -- <disks>`),
   * then each of your commands as its own `bash -c`, in order, with bash's default options (no `-u`, no
   * `pipefail`): a comment, a background job or a syntax error in one cannot swallow the others or the
   * disk step. The first command that fails stops the task with its number and exit code, so Batch retries
   * it.
   */
  public get commandLine(): string {
    // Built once: the disks and commands never change, and validation measures it before synth writes it.
    this.line ??= this.buildCommandLine();
    return this.line;
  }

  private buildCommandLine(): string {
    const steps: string[] = [];
    if (this.dataDisks.length > 0) {
      const disks = this.dataDisks.map(diskArgument).join(' ');
      steps.push(`printf %s ${scriptPayload()} | base64 -d | gzip -dc | bash -s -- ${disks}`);
    }
    if (this.commands.length > 0) {
      steps.push('run() { bash -c "$2" || { rc=$?; printf "start-task: command %s failed with exit %s\\n" "$1" "$rc" >&2; exit "$rc"; }; }');
      this.commands.forEach((command, i) => steps.push(`run ${i + 1} ${singleQuoted(command)}`));
    }
    return `/bin/bash -c ${singleQuoted(`set -euo pipefail; ${steps.join('; ')}`)}`;
  }
}

/** `text` as one single-quoted shell word. */
function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The script's argument for one disk, `<lun>:<mount path>:<file system>`. {@link diskArguments} reads
 * it back: the two are the one definition of the format.
 */
export function diskArgument(disk: { readonly lun: number; readonly mountPath: string; readonly fileSystem: string }): string {
  return `${disk.lun}:${disk.mountPath}:${disk.fileSystem}`;
}

/** The disks a synthesized start-task command line passes to the script, as {@link diskArgument} wrote them. */
export function diskArguments(commandLine: unknown): Array<{ readonly lun: number; readonly mountPath: string; readonly fileSystem: string }> {
  if (typeof commandLine !== 'string') return [];
  const fileSystems = Object.values(DiskFileSystem).join('|');
  const pattern = new RegExp(`(?:^|\\s)(\\d{1,2}):(\\/[^\\s:;']*):(${fileSystems})(?=[\\s;']|$)`, 'g');
  return [...commandLine.matchAll(pattern)].map((match) => ({ lun: Number(match[1]), mountPath: match[2], fileSystem: match[3] }));
}
