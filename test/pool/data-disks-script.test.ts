import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { BatchNetwork } from '../../lib/network/batch-network';
import { DataDisk, DiskFileSystem } from '../../lib/pool/data-disk-start-task';
import { SimplifiedPool } from '../../lib/pool/simplified-pool';
import { PairedStorageAccount, StorageNetworkAccess } from '../../lib/storage/paired-storage-account';
import { SYSTEM_TMPDIR_ENV } from '../global-setup';
import { newStack, resourcesOf, synth, terraformString } from '../helpers';

/**
 * Runs the start task's command line, taken from the synthesized Terraform, against real loop devices.
 * Needs root on Linux with the tools of TOOLS on PATH; under CI=true these must be present.
 */
const TOOLS = ['losetup', 'mkfs.ext4', 'mkfs.xfs', 'xfs_io', 'blkid', 'wipefs', 'findmnt'];
/** The tools of TOOLS not on PATH, found with one shell. */
const missing = process.platform !== 'linux' ? TOOLS : spawnSync('sh', ['-c', 'for tool; do command -v "$tool" >/dev/null || echo "$tool"; done', 'sh', ...TOOLS], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
const canRun = process.platform === 'linux' && process.getuid?.() === 0 && missing.length === 0;
const required = process.env.CI === 'true';
const describeDisks = canRun || required ? describe : describe.skip;
if (!canRun && !required) {
  // Visible reason in the test output: the suite is reported as skipped with this name.
  const why = process.platform !== 'linux' || process.getuid?.() !== 0 ? 'needs root on Linux' : `needs ${missing.join(', ')} on PATH`;
  describe.skip(`data-disk script on loop devices (skipped: ${why})`, () => undefined);
}

/** The start task command line of a pool with `disks`, exactly as synthesized. */
function commandLineFor(disks: DataDisk[], vmSize = 'Standard_D4s_v5'): string {
  const stack = newStack();
  const region = AzureRegion.of('eastus');
  const network = new BatchNetwork(stack, 'Network', { region, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
  const storageAccount = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: 'x' });
  const account = new RegionalBatchAccount(stack, 'Account', { region, resourceGroupName: 'rg', storageAccount, network, namePrefix: 'x' });
  new SimplifiedPool(stack, 'Pool', { account, network, name: 'work', vmSize, dataDisks: disks });
  const [pool] = resourcesOf(synth(stack), 'azurerm_batch_pool');
  return terraformString((pool.start_task as { command_line: string }).command_line);
}

/** Writes an MBR with one Linux partition (sector 2048 on) to `device`, as fdisk would. */
function writeDosPartitionTable(device: string): void {
  const mbr = Buffer.alloc(512);
  const entry = 446;
  mbr[entry + 4] = 0x83; // Linux
  mbr.writeUInt32LE(2048, entry + 8); // first sector
  mbr.writeUInt32LE(8192, entry + 12); // sectors
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  const fd = openSync(device, 'r+');
  writeSync(fd, mbr, 0, 512, 0);
  closeSync(fd);
}

describeDisks('data-disk script on loop devices', () => {
  // Real mkfs, mount and waits for late disks: on a loaded 2-core machine a test can take several
  // seconds, past jest's default 5 s, while the script's own timeouts decide what passes.
  jest.setTimeout(30_000);
  let work: string;
  let devices: string;
  let nvme: string;
  let fstab: string;
  let state: string;
  const loops: string[] = [];

  /** The image file behind each loop device. */
  const images = new Map<string, string>();

  /** A sparse image on a loop device; returns the device. xfs needs 300 MiB. */
  function loopDevice(name: string, sizeMb = 320): string {
    const image = join(work, `${name}.img`);
    // Sparse, as truncate(1) makes it; without a process (each one forked from this worker costs ms).
    closeSync(openSync(image, 'w'));
    truncateSync(image, sizeMb * 1024 * 1024);
    const device = execFileSync('losetup', ['--find', '--show', image], { encoding: 'utf8' }).trim();
    loops.push(device);
    images.set(device, image);
    return device;
  }

  /** Links `device` as LUN `lun` the way a SCSI VM size does (`scsi1/lun<N>`). */
  function attach(lun: number, device: string): void {
    symlinkSync(device, join(devices, `lun${lun}`));
  }

  /** Links `device` as LUN `lun` the way azure-vm-utils does on an NVMe VM size (`data/by-lun/<N>`). */
  function attachNvme(lun: number, device: string): void {
    symlinkSync(device, join(nvme, String(lun)));
  }

  /** The script's environment: this test's device folders, fstab and state; tools first from `pathFirst`. */
  function diskEnv(waitSeconds: number, pathFirst?: string): NodeJS.ProcessEnv {
    return {
      ...process.env, ...(pathFirst ? { PATH: `${pathFirst}:${process.env.PATH}` } : {}),
      DATA_DISK_DEVICE_DIR: devices, DATA_DISK_NVME_DIR: nvme, DATA_DISK_FSTAB: fstab, DATA_DISK_STATE_DIR: state, DATA_DISK_WAIT_SECONDS: String(waitSeconds),
    };
  }

  function run(commandLine: string, waitSeconds = 5, pathFirst?: string): { status: number | null; output: string } {
    const result = spawnSync('sh', ['-c', commandLine], { encoding: 'utf8', env: diskEnv(waitSeconds, pathFirst) });
    return { status: result.status, output: result.stdout + result.stderr };
  }

  function uuidOf(device: string): string {
    return execFileSync('blkid', ['-p', '-s', 'UUID', '-o', 'value', device], { encoding: 'utf8' }).trim();
  }

  /** Writes `file` onto the file system of `device` (mounted and unmounted again), as data worth keeping. */
  function writeOnto(device: string, file: string, text: string): void {
    const staging = join(work, 'staging');
    mkdirSync(staging, { recursive: true });
    execFileSync('mount', [device, staging]);
    writeFileSync(join(staging, file), text);
    execFileSync('umount', [staging]);
  }

  /**
   * Like `run`, without blocking the test; `onWait` runs once the script says it is waiting for a disk,
   * so that a disk can be attached while it waits.
   */
  function runInBackground(commandLine: string, waitSeconds: number, onWait: () => void): Promise<{ status: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn('sh', ['-c', commandLine], { env: diskEnv(waitSeconds) });
      let output = '';
      let waited = false;
      const collect = (chunk: Buffer) => {
        output += chunk;
        if (!waited && output.includes(': waiting up to ')) {
          waited = true;
          onWait();
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('close', (status) => resolve({ status, output }));
    });
  }

  function isMounted(path: string): string {
    return spawnSync('findmnt', ['--noheadings', '--output', 'SOURCE', '--mountpoint', path], { encoding: 'utf8' }).stdout.trim();
  }

  function fstabLines(): string[] {
    return existsSync(fstab) ? readFileSync(fstab, 'utf8').split('\n').filter((line) => line.trim() !== '') : [];
  }

  beforeEach(() => {
    // Not in the run's scratch folder, which may be under /dev/shm: mount paths under /dev are refused.
    work = mkdtempSync(join(process.env[SYSTEM_TMPDIR_ENV] ?? tmpdir(), 'data-disks-'));
    devices = join(work, 'scsi1');
    mkdirSync(devices);
    nvme = join(work, 'by-lun');
    mkdirSync(nvme);
    fstab = join(work, 'fstab');
    state = join(work, 'state');
    writeFileSync(fstab, '# static file system information\nUUID=0000-OS / ext4 defaults 0 1\n');
  });

  afterEach(() => {
    // One shell: unmount this test's mounts, deepest first, then detach its loop devices.
    spawnSync('sh', ['-c', `grep -o "${work}/mnt/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount; for loop; do losetup -d "$loop"; done`, 'sh', ...loops.splice(0)]);
    rmSync(work, { recursive: true, force: true });
  });

  test('first run formats and mounts, a second run changes nothing, a run after unmounting remounts without formatting, and a later start task moves a disk to its new path with its files and file system', () => {
    const ext4 = loopDevice('a');
    const xfs = loopDevice('b');
    attach(0, ext4);
    attach(1, xfs);
    const a = join(work, 'mnt/a');
    const b = join(work, 'mnt/b');
    const commandLine = commandLineFor([
      { lun: 0, sizeGb: 1, mountPath: a },
      { lun: 1, sizeGb: 1, mountPath: b, fileSystem: DiskFileSystem.XFS },
    ]);

    const first = run(commandLine);
    expect(first.status).toBe(0);
    expect(first.output).toContain('LUN 0: /dev/');
    expect(first.output).toMatch(/LUN 0: .* is blank; creating ext4/);
    expect(first.output).toMatch(/LUN 1: .* is blank; creating xfs/);
    expect(isMounted(a)).toBe(ext4);
    expect(isMounted(b)).toBe(xfs);
    const uuidA = uuidOf(ext4);
    const uuidB = uuidOf(xfs);
    const expectedFstab = [
      '# static file system information',
      'UUID=0000-OS / ext4 defaults 0 1',
      `UUID=${uuidA} ${a} ext4 defaults,nofail 0 2`,
      `UUID=${uuidB} ${b} xfs defaults,nofail 0 2`,
    ];
    expect(fstabLines()).toEqual(expectedFstab);
    writeFileSync(join(a, 'result.dat'), 'frame 1');

    const second = run(commandLine);
    expect(second.status).toBe(0);
    expect(second.output).not.toMatch(/creating|fstab entry|mounted/);
    expect(fstabLines()).toEqual(expectedFstab);

    execFileSync('umount', [a]);
    execFileSync('umount', [b]);
    const third = run(commandLine);
    expect(third.status).toBe(0);
    expect(third.output).not.toContain('creating');
    expect(isMounted(a)).toBe(ext4);
    expect(readFileSync(join(a, 'result.dat'), 'utf8')).toBe('frame 1');
    expect(fstabLines()).toEqual(expectedFstab);

    // The pool's start task changed in place (LUN 0 to a new path, as XFS), and the node rebooted.
    execFileSync('umount', [a]);
    execFileSync('umount', [b]);
    const c = join(work, 'mnt/c');
    const moved = run(commandLineFor([
      { lun: 0, sizeGb: 1, mountPath: c, fileSystem: DiskFileSystem.XFS },
      { lun: 1, sizeGb: 1, mountPath: b, fileSystem: DiskFileSystem.XFS },
    ]));
    expect(moved.status).toBe(0);
    expect(moved.output).not.toContain('creating');
    expect(moved.output).toMatch(/LUN 0: .* already holds ext4, not xfs; keeping it and its data/);
    expect(isMounted(c)).toBe(ext4);
    expect(readFileSync(join(c, 'result.dat'), 'utf8')).toBe('frame 1');
    // Its old entry replaced by one at the end; the other disk's is untouched.
    expect(fstabLines()).toEqual([...expectedFstab.slice(0, 2), expectedFstab[3], `UUID=${uuidA} ${c} ext4 defaults,nofail 0 2`]);
  });

  test('the start task of a Standard_D4s_v6 pool on an NVMe layout: disks found by LUN in data/by-lun are formatted and mounted once, and a later LUN is waited for', async () => {
    const first = loopDevice('nvme-a');
    const second = loopDevice('nvme-b');
    attachNvme(0, first);
    const a = join(work, 'mnt/a');
    const b = join(work, 'mnt/b');
    const commandLine = commandLineFor([
      { lun: 0, sizeGb: 256, mountPath: a },
      { lun: 1, sizeGb: 256, mountPath: b, fileSystem: DiskFileSystem.XFS },
    ], 'Standard_D4s_v6');
    // LUN 1 shows up late, as disks do while a node boots.
    const result = await runInBackground(commandLine, 20, () => attachNvme(1, second));
    expect(result.output).toContain('data-disks: LUN 1: waiting up to 20s for the disk to appear');
    expect(result.output).toMatch(/LUN 0: .* is blank; creating ext4/);
    expect(result.output).toMatch(/LUN 1: .* is blank; creating xfs/);
    expect(result.status).toBe(0);
    expect(isMounted(a)).toBe(first);
    expect(isMounted(b)).toBe(second);
    expect(fstabLines().filter((line) => line.includes(`${work}/mnt/`))).toHaveLength(2);

    const again = run(commandLine);
    expect(again.status).toBe(0);
    expect(again.output).not.toMatch(/creating|fstab entry|mounted/);
  });

  test('a disk that already holds a file system keeps its files', () => {
    const device = loopDevice('filled', 64);
    execFileSync('mkfs.ext4', ['-q', '-F', device]);
    writeOnto(device, 'reference.bin', 'genome');
    attach(3, device);
    const mountPath = join(work, 'mnt/reference');

    const result = run(commandLineFor([{ lun: 3, sizeGb: 1, mountPath, fileSystem: DiskFileSystem.XFS }]));
    expect(result.status).toBe(0);
    expect(result.output).toContain('already holds ext4, not xfs; keeping it and its data');
    expect(readFileSync(join(mountPath, 'reference.bin'), 'utf8')).toBe('genome');
    expect(fstabLines().filter((line) => line.includes(mountPath))).toEqual([expect.stringMatching(new RegExp(`^UUID=\\S+ ${mountPath} ext4 defaults,nofail 0 2$`))]);
  });

  test('a LUN that appears seconds after the script starts is waited for', async () => {
    const device = loopDevice('late', 64);
    const mountPath = join(work, 'mnt/late');
    const commandLine = commandLineFor([{ lun: 2, sizeGb: 1, mountPath }]);
    const result = await runInBackground(commandLine, 20, () => attach(2, device));
    expect(result.output).toContain('data-disks: LUN 2: waiting up to 20s for the disk to appear');
    expect(result.status).toBe(0);
    expect(isMounted(mountPath)).toBe(device);
  });

  test('a LUN that never appears fails, naming the LUN', () => {
    const result = run(commandLineFor([{ lun: 7, sizeGb: 1, mountPath: join(work, 'mnt/missing') }]), 0);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`data-disks: LUN 7: no disk at ${devices}/lun7 (SCSI) or ${nvme}/7 (NVMe) after 0s; attach a data disk with LUN 7 to the pool or remove it from the start task`);
    expect(fstabLines()).toHaveLength(2);
  });

  test('a disk with foreign data (a partition table) is never formatted and fails naming the LUN', () => {
    const device = loopDevice('foreign', 64);
    writeDosPartitionTable(device);
    const before = execFileSync('blkid', ['-p', '-o', 'export', device], { encoding: 'utf8' });
    attach(4, device);
    const result = run(commandLineFor([{ lun: 4, sizeGb: 1, mountPath: join(work, 'mnt/foreign') }]));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('data-disks: LUN 4: ');
    expect(result.output).toContain('holds data this script cannot mount (partition table dos)');
    expect(execFileSync('blkid', ['-p', '-o', 'export', device], { encoding: 'utf8' })).toBe(before);
  });

  test('a mount path held by another device fails, naming the LUN', () => {
    const other = loopDevice('other', 64);
    execFileSync('mkfs.ext4', ['-q', '-F', other]);
    const mountPath = join(work, 'mnt/busy');
    mkdirSync(mountPath, { recursive: true });
    execFileSync('mount', [other, mountPath]);
    attach(5, loopDevice('mine', 64));
    const result = run(commandLineFor([{ lun: 5, sizeGb: 1, mountPath }]));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`data-disks: LUN 5: ${mountPath} is already the mount point of ${other}, not of this disk`);
  });

  describe('faults: every step interrupted is completed by the next run, and data is never taken for blank', () => {
    /** A folder of PATH shims: `tool` runs `body` (bash) in place of the real one, given as $REAL. */
    function shim(tool: string, body: string): string {
      const dir = join(work, `shim-${tool}`);
      mkdirSync(dir, { recursive: true });
      const real = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
      writeFileSync(join(dir, tool), `#!/bin/bash\nREAL=${real}\n${body}\n`, { mode: 0o755 });
      return dir;
    }

    const modeOf = (path: string) => statSync(path).mode & 0o7777;
    /**
     * A digest of every byte of the disk, read from its image file once the device's buffers are flushed
     * to it, without reading hundreds of MiB of holes: the image is digested MiB by MiB, and a MiB that
     * the image's map (SEEK_DATA and SEEK_HOLE, listed by xfs_io) shows as all hole counts as a MiB of
     * zeros without being read. The map itself is left out: the host's file system may allocate a range
     * without its bytes changing (reads through the loop device can do it), and only bytes count.
     */
    const MIB = 1024 * 1024;
    const zeroMib = createHash('sha256').update(Buffer.alloc(MIB)).digest();
    /** The byte ranges of `image` its file system holds data for (the rest are holes), as xfs_io lists them. */
    const dataRanges = (image: string) => {
      const size = statSync(image).size;
      const map = execFileSync('xfs_io', ['-r', '-c', 'seek -a -r 0', image], { encoding: 'utf8' });
      const marks = [...map.matchAll(/^(DATA|HOLE)\s+(\d+)$/gm)].map(([, kind, offset]) => ({ kind, offset: Number(offset) }));
      return marks.flatMap(({ kind, offset }, i) => (kind === 'DATA' ? [{ from: offset, to: marks[i + 1]?.offset ?? size }] : []));
    };
    /** The digest; with `readAll`, every MiB is read, holes too (the test below compares the two). */
    const digest = (device: string, readAll = false) => {
      execFileSync('blockdev', ['--flushbufs', device]);
      const image = images.get(device)!;
      const size = statSync(image).size;
      const data = readAll ? [{ from: 0, to: size }] : dataRanges(image);
      const hash = createHash('sha256');
      const buffer = Buffer.alloc(MIB);
      const fd = openSync(image, 'r');
      for (let at = 0; at < size; at += MIB) {
        const length = Math.min(MIB, size - at);
        if (length === MIB && !data.some(({ from, to }) => from < at + MIB && to > at)) {
          hash.update(zeroMib);
          continue;
        }
        const read = readSync(fd, buffer, 0, length, at);
        hash.update(createHash('sha256').update(buffer.subarray(0, read)).digest());
      }
      closeSync(fd);
      return hash.digest('hex');
    };

    test('the digest of a disk is that of all its bytes, and changes with one byte written through the device, into a hole or over data', () => {
      const device = loopDevice('digest', 64);
      execFileSync('mkfs.ext4', ['-q', '-F', device]);
      const at = 48 * MIB;
      execFileSync('blockdev', ['--flushbufs', device]);
      expect(dataRanges(images.get(device)!).filter(({ from, to }) => from <= at && at < to)).toEqual([]);
      const formatted = digest(device);
      expect(digest(device, true)).toBe(formatted);
      execFileSync('sh', ['-c', `printf x | dd of=${device} bs=1 seek=${at} conv=notrunc 2>/dev/null`]);
      const inHole = digest(device);
      expect(inHole).not.toBe(formatted);
      expect(digest(device, true)).toBe(inHole);
      execFileSync('sh', ['-c', `printf y | dd of=${device} bs=1 seek=${at} conv=notrunc 2>/dev/null`]);
      expect(digest(device)).not.toBe(inHole);
      expect(digest(device)).toBe(digest(device, true));
    });

    test.each<[string, string, DiskFileSystem, boolean]>([
      // Killed after mkfs, before the format was recorded as done: the next run cannot tell a finished
      // format from an interrupted one, so it formats again — the disk held nothing but its fresh file system.
      ['killed right after mkfs.ext4', 'mkfs.ext4', DiskFileSystem.EXT4, true],
      ['killed right after mkfs.xfs', 'mkfs.xfs', DiskFileSystem.XFS, true],
      ['killed right after mount', 'mount', DiskFileSystem.EXT4, false],
    ])('a run %s: the next run completes it, opens the disk to every user once, and formats only its own unfinished format', (_, tool, fileSystem, formatsAgain) => {
      const device = loopDevice('killed');
      attach(0, device);
      const mountPath = join(work, 'mnt/killed');
      const commandLine = commandLineFor([{ lun: 0, sizeGb: 1, mountPath, fileSystem }]);
      const killed = run(commandLine, 5, shim(tool, '"$REAL" "$@"; rc=$?; kill -KILL "$PPID"; exit $rc'));
      expect(killed.status).not.toBe(0);
      const uuidBefore = uuidOf(device);
      expect(uuidBefore).not.toBe('');

      const next = run(commandLine);
      expect(next.status).toBe(0);
      expect(next.output.includes('LUN 0: finishing the')).toBe(formatsAgain);
      expect(next.output).not.toContain('is blank');
      expect(isMounted(mountPath)).toBe(device);
      expect(modeOf(mountPath)).toBe(0o1777);
      const uuid = uuidOf(device);
      if (!formatsAgain) expect(uuid).toBe(uuidBefore);
      expect(fstabLines().filter((line) => line.includes(mountPath))).toEqual([`UUID=${uuid} ${mountPath} ${fileSystem} defaults,nofail 0 2`]);

      // Opened once: a later chmod by the user is kept, and nothing is formatted, on the next run.
      writeFileSync(join(mountPath, 'kept.dat'), 'kept');
      execFileSync('chmod', ['0750', mountPath]);
      const third = run(commandLine);
      expect(third.status).toBe(0);
      expect(third.output).not.toMatch(/finishing|creating/);
      expect(modeOf(mountPath)).toBe(0o750);
      expect(readFileSync(join(mountPath, 'kept.dat'), 'utf8')).toBe('kept');
    });

    test('an mkfs.xfs killed midway (superblock written, the rest not) is formatted again by the next run, which mounts it', () => {
      const device = loopDevice('half');
      attach(0, device);
      const mountPath = join(work, 'mnt/half');
      const commandLine = commandLineFor([{ lun: 0, sizeGb: 1, mountPath, fileSystem: DiskFileSystem.XFS }]);
      // The shim writes what an interrupted mkfs.xfs leaves: the first 64 KiB of a fresh XFS (its
      // primary superblock), nothing of the other allocation groups, and dies with the script.
      const half = shim('mkfs.xfs', `img=$(mktemp); truncate -s 320M "$img"; "$REAL" -q -f "$img"; dev="\${@: -1}"; dd if="$img" of="$dev" bs=64k count=1 conv=notrunc 2>/dev/null; rm -f "$img"; kill -KILL "$PPID"; exit 137`);
      expect(run(commandLine, 5, half).status).not.toBe(0);
      expect(execFileSync('blkid', ['-p', '-o', 'value', '-s', 'TYPE', device], { encoding: 'utf8' }).trim()).toBe('xfs');

      const next = run(commandLine);
      expect(next.output).toContain('LUN 0: finishing the xfs format');
      expect(next.status).toBe(0);
      expect(isMounted(mountPath)).toBe(device);
      expect(modeOf(mountPath)).toBe(0o1777);
    });

    // Sizes: XFS needs 300 MiB; ext4 gets 4 KiB blocks from 320 MiB (1 KiB blocks on 64 MiB), which the
    // backup-superblock case needs; the primary-superblock case is found at byte 0 whatever the size.
    test.each<[string, DiskFileSystem, number, RegExp, number]>([
      ['an ext4 disk with a damaged primary superblock', DiskFileSystem.EXT4, 4, /holds data near byte 0/, 64],
      ['an XFS disk with a damaged primary superblock', DiskFileSystem.XFS, 4, /holds data near byte 0/, 320],
      ['an ext4 disk whose first 2 MiB are gone', DiskFileSystem.EXT4, 2048, /holds data at byte \d+, where ext and XFS keep superblock copies/, 320],
      ['an XFS disk whose first 2 MiB are gone', DiskFileSystem.XFS, 2048, /holds data at byte \d+, where ext and XFS keep superblock copies/, 320],
    ])('%s, files intact behind it, is refused and left untouched', (_, fileSystem, zeroedKb, why, sizeMb) => {
      const device = loopDevice('damaged', sizeMb);
      execFileSync(`mkfs.${fileSystem}`, fileSystem === DiskFileSystem.XFS ? ['-q', '-f', device] : ['-q', '-F', device]);
      writeOnto(device, 'results.dat', 'months of simulation');
      execFileSync('dd', ['if=/dev/zero', `of=${device}`, 'bs=1024', `count=${zeroedKb}`, 'conv=notrunc'], { stdio: 'ignore' });
      expect(spawnSync('blkid', ['-p', device]).status).toBe(2);
      const before = digest(device);
      attach(6, device);

      const result = run(commandLineFor([{ lun: 6, sizeGb: 1, mountPath: join(work, 'mnt/damaged'), fileSystem }]));
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(`data-disks: LUN 6: ${device} `);
      expect(result.output).toMatch(why);
      expect(result.output).not.toContain('creating');
      expect(digest(device)).toBe(before);
    });

    test('a 5 TiB XFS disk (allocation groups of the largest size) whose first 2 MiB are gone is refused, untouched', () => {
      const device = loopDevice('large', 5 * 1024 * 1024);
      execFileSync('mkfs.xfs', ['-q', '-f', device]);
      writeOnto(device, 'results.dat', 'months of simulation');
      execFileSync('dd', ['if=/dev/zero', `of=${device}`, 'bs=1M', 'count=2', 'conv=notrunc'], { stdio: 'ignore' });
      // The second allocation group starts at 268435455 4 KiB blocks, just under 1 TiB.
      const region = () => execFileSync('sh', ['-c', `dd if=${device} bs=1M skip=1048574 count=4 2>/dev/null | sha256sum`], { encoding: 'utf8' });
      const before = region();
      attach(6, device);
      const result = run(commandLineFor([{ lun: 6, sizeGb: 5120, mountPath: join(work, 'mnt/large'), fileSystem: DiskFileSystem.XFS }]));
      expect(result.output).toMatch(/data-disks: LUN 6: .* holds data at byte \d+, where ext and XFS keep superblock copies/);
      expect(result.status).not.toBe(0);
      expect(region()).toBe(before);
      expect(result.output).not.toContain('creating');
    });

    test('a record of an unfinished format is not trusted when the disk holds files: refused, untouched', () => {
      const device = loopDevice('stale', 64);
      attach(0, device);
      const mountPath = join(work, 'mnt/stale');
      const commandLine = commandLineFor([{ lun: 0, sizeGb: 1, mountPath }]);
      // The format finished but the run died before recording it; then files were written (say, by hand).
      expect(run(commandLine, 5, shim('mkfs.ext4', '"$REAL" "$@"; rc=$?; kill -KILL "$PPID"; exit $rc')).status).not.toBe(0);
      writeOnto(device, 'results.dat', 'months of simulation');
      const before = digest(device);

      const result = run(commandLine);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(`data-disks: LUN 0: ${device} holds files, though the record in ${state} says its format never finished`);
      expect(digest(device)).toBe(before);
    });

    test('a blank check that cannot count (a broken wc) never passes a disk for blank: refused, nothing formatted', () => {
      const device = loopDevice('uncounted', 64);
      attach(0, device);
      const result = run(commandLineFor([{ lun: 0, sizeGb: 1, mountPath: join(work, 'mnt/uncounted') }]), 5, shim('wc', 'exit 1'));
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(`data-disks: LUN 0: ${device} has no signature blkid knows, but holds data near byte 0`);
      expect(result.output).not.toContain('creating');
      expect(spawnSync('blkid', ['-p', device]).status).toBe(2);
    });

    test('a mount path that is a file fails before anything is formatted', () => {
      const device = loopDevice('file', 64);
      attach(0, device);
      mkdirSync(join(work, 'mnt'), { recursive: true });
      const mountPath = join(work, 'mnt/afile');
      writeFileSync(mountPath, 'not a folder');
      const result = run(commandLineFor([{ lun: 0, sizeGb: 1, mountPath }]));
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(`data-disks: LUN 0: ${mountPath} exists and is not a directory`);
      expect(spawnSync('blkid', ['-p', device]).status).toBe(2);
    });

    test('a symlinked fstab is written through, and an entry with a trailing slash for the same path is a conflict', () => {
      const real = join(work, 'fstab.real');
      renameSync(fstab, real);
      symlinkSync(real, fstab);
      const device = loopDevice('linked', 64);
      attach(0, device);
      const mountPath = join(work, 'mnt/linked');
      expect(run(commandLineFor([{ lun: 0, sizeGb: 1, mountPath }])).status).toBe(0);
      expect(lstatSync(fstab).isSymbolicLink()).toBe(true);
      expect(readFileSync(real, 'utf8')).toContain(` ${mountPath} ext4 defaults,nofail 0 2`);

      const other = loopDevice('other', 64);
      attach(1, other);
      const taken = join(work, 'mnt/taken');
      writeFileSync(real, `${readFileSync(real, 'utf8')}UUID=1234-ABCD ${taken}/ ext4 defaults 0 2\n`);
      const result = run(commandLineFor([{ lun: 1, sizeGb: 1, mountPath: taken }]));
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(`data-disks: LUN 1: ${taken} is given to UUID=1234-ABCD in ${real}`);
    });
  });
});
