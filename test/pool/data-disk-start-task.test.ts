import { gunzipSync } from 'node:zlib';
import { Fn, Token } from 'cdktf';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchNetwork } from '../../lib/network/batch-network';
import { DataDiskStartTask, dataDiskScript, diskArgument, diskArguments, DiskFileSystem } from '../../lib/pool/data-disk-start-task';
import { SimplifiedPool } from '../../lib/pool/simplified-pool';
import { PairedStorageAccount, StorageNetworkAccess } from '../../lib/storage/paired-storage-account';
import { newStack, resourcesOf, synth, terraformString } from '../helpers';

describe('DataDiskStartTask', () => {
  const task = new DataDiskStartTask({ dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data/work' }], commands: ["echo 'it''s ready'"], waitSeconds: 60, maxRetries: 5 });

  test('the command line carries the packaged script verbatim, with no resource files', () => {
    const match = /printf %s ([A-Za-z0-9+/=]+) \| base64 -d \| gzip -dc \| bash -s -- 0:\/data\/work:ext4;/.exec(task.commandLine);
    expect(match).not.toBeNull();
    const decoded = gunzipSync(Buffer.from(match![1], 'base64')).toString('utf8');
    expect(decoded).toBe(readFileSync('lib/pool/data-disks.sh', 'utf8'));
    expect(decoded).toBe(dataDiskScript());
  });

  test('user commands run after the disks, each on its own, quoted safely', () => {
    expect(task.commandLine.endsWith(`; run 1 '\\''echo '\\''\\'\\'''\\''it'\\''\\'\\'''\\'''\\''\\'\\'''\\''s ready'\\''\\'\\'''\\'''\\'''`)).toBe(true);
    // The pool renders these into start_task (test/pool/simplified-pool.test.ts, "every option lands in the pool").
    expect([task.commands, task.waitSeconds, task.maxRetries]).toEqual([["echo 'it''s ready'"], 60, 5]);
  });

  test('the command line is the same on every synth', () => {
    expect(new DataDiskStartTask({ dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data/work' }], commands: ["echo 'it''s ready'"] }).commandLine).toBe(task.commandLine);
  });

  test('commands alone need no disk step', () => {
    expect(new DataDiskStartTask({ dataDisks: [], commands: ['apt-get install -y ffmpeg'] }).commandLine).toMatch(/^\/bin\/bash -c 'set -euo pipefail; run\(\) \{ .*; run 1 '\\''apt-get install -y ffmpeg'\\'''$/);
  });

  describe('user commands, run from the synthesized command line', () => {
    /** Runs the start task of a pool with `commands` (no disks) as Batch would, in a scratch folder. */
    function run(commands: string[]) {
      const stack = newStack();
      const region = AzureRegion.of('eastus');
      const network = new BatchNetwork(stack, 'Network', { region, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
      const storageAccount = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: 'x' });
      const account = new RegionalBatchAccount(stack, 'Account', { region, resourceGroupName: 'rg', storageAccount, network, namePrefix: 'x' });
      new SimplifiedPool(stack, 'Pool', { account, network, name: 'work', vmSize: 'Standard_D4s_v5', startTaskCommands: commands });
      const commandLine = terraformString((resourcesOf(synth(stack), 'azurerm_batch_pool')[0].start_task as { command_line: string }).command_line);
      const cwd = mkdtempSync(join(tmpdir(), 'start-task-'));
      const inherited = { ...process.env };
      delete inherited.HTTP_PROXY;
      const result = spawnSync('sh', ['-c', commandLine], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: inherited });
      rmSync(cwd, { recursive: true, force: true });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    test('a comment swallows nothing after it', () => {
      expect(run(['echo a # note', 'echo b'])).toEqual({ status: 0, stdout: 'a\nb\n', stderr: '' });
    });

    test('a background job does not stop the commands after it', () => {
      expect(run(['sleep 0.2 &', 'echo after'])).toMatchObject({ status: 0, stdout: 'after\n' });
    });

    test('an unbalanced quote fails that command alone, after those before it ran, naming it', () => {
      const result = run(['echo first', 'echo "oops', 'echo never']);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('first\n');
      expect(result.stderr).toContain('start-task: command 2 failed with exit 2');
    });

    test('commands run with bash\'s default options: an unset variable is not fatal', () => {
      expect(run(['[ -n "$HTTP_PROXY" ] || echo no-proxy', 'false | true; echo pipes'])).toEqual({ status: 0, stdout: 'no-proxy\npipes\n', stderr: '' });
    });

    test('a failing command fails the task with its exit code', () => {
      expect(run(['exit 7', 'echo never'])).toMatchObject({ status: 7, stdout: '', stderr: 'start-task: command 1 failed with exit 7\n' });
    });
  });

  test('the script travels with a fixed gzip header: the same bytes whatever OS synthesizes', () => {
    // zlib writes the OS of its build into byte 9 (nodejs/node#48690): macOS writes 19, Linux 3. Make
    // it write macOS's here, and the command line must still carry 3.
    jest.isolateModules(() => {
      jest.doMock('node:zlib', () => {
        const zlib = jest.requireActual('node:zlib');
        return { ...zlib, gzipSync: (...args: Parameters<typeof zlib.gzipSync>) => { const out = zlib.gzipSync(...args); out[9] = 19; return out; } };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DataDiskStartTask: OnMacOs } = require('../../lib/pool/data-disk-start-task') as typeof import('../../lib/pool/data-disk-start-task');
      const commandLine = new OnMacOs({ dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data/work' }] }).commandLine;
      const gzip = Buffer.from(/printf %s ([A-Za-z0-9+/=]+) \|/.exec(commandLine)![1], 'base64');
      expect([gzip[0], gzip[1], gzip[9]]).toEqual([0x1f, 0x8b, 3]);
      expect(gzip.readUInt32LE(4)).toBe(0);
      // The same script bytes as the synth on this machine.
      expect(/printf %s (\S+)/.exec(commandLine)![1]).toBe(/printf %s (\S+)/.exec(task.commandLine)![1]);
    });
    jest.dontMock('node:zlib');
  });

  test('a command line longer than Batch takes (32768 characters) is refused at commands, measured on the line itself', () => {
    const disks = [{ lun: 0, sizeGb: 64, mountPath: '/data/work' }];
    const base = new DataDiskStartTask({ dataDisks: disks, commands: [''] }).commandLine.length;
    const exactly = new DataDiskStartTask({ dataDisks: disks, commands: ['x'.repeat(32768 - base)] });
    expect([exactly.commandLine.length, exactly.problems()]).toEqual([32768, []]);
    const over = new DataDiskStartTask({ dataDisks: disks, commands: ['x'.repeat(32769 - base)] });
    expect(over.problems()).toEqual([{
      path: 'commands', value: over.commands,
      message: 'make a start-task command line of 32769 characters, and Batch takes at most 32768; move long commands into a script your first command fetches, or into an application package',
    }]);
  });

  test('a LUN, size, mount path or wait known only at deploy time is refused, and retries so known are left to Terraform', () => {
    const token = Token.asNumber(Fn.abs(3));
    const path = Token.asString(Fn.lower('/data/work'));
    const task = new DataDiskStartTask({ dataDisks: [{ lun: token, sizeGb: token, mountPath: path }], waitSeconds: token, maxRetries: token });
    expect(task.problems()).toEqual([
      { path: 'dataDisks[0].lun', value: token, message: 'is known only at deploy time, but each LUN is checked against the other disks\' and written into the start task\'s command line at synth; give a number' },
      { path: 'dataDisks[0].sizeGb', value: token, message: 'is known only at deploy time, but the pool chooses the disk\'s caching by it at synth (Azure caches disks below 4 TiB only); give a number' },
      { path: 'dataDisks[0].mountPath', value: path, message: 'is known only at deploy time, but the path is checked (no system or Batch directory, no other disk\'s) and quoted into the start task\'s command line at synth; give the path as a literal, such as "/data/work"' },
      { path: 'waitSeconds', value: token, message: 'is known only at deploy time, but it is written into the start task\'s environment as text at synth; give a number' },
    ]);
  });

  test('validation of waits and retries', () => {
    expect(new DataDiskStartTask({ dataDisks: [], waitSeconds: 0, maxRetries: 101 }).problems()).toEqual([
      { path: 'waitSeconds', value: 0, message: 'is out of range; use a whole number of seconds from 1 to 3600' },
      { path: 'maxRetries', value: 101, message: 'is out of range; use a whole number from 0 to 100' },
    ]);
  });
});

describe('the disk argument format', () => {
  test('what diskArgument writes, diskArguments reads back from a command line', () => {
    const disks = [
      { lun: 0, mountPath: '/data/work', fileSystem: DiskFileSystem.EXT4 },
      { lun: 63, mountPath: '/srv/scratch-1.d', fileSystem: DiskFileSystem.XFS },
    ];
    const commandLine = `/bin/bash -c 'set -e; /opt/prepare.sh 300 ${disks.map(diskArgument).join(' ')}; run 1 echo'`;
    expect(diskArguments(commandLine)).toEqual(disks);
    expect(diskArguments(undefined)).toEqual([]);
    expect(diskArguments('echo 0:/data:btrfs')).toEqual([]);
  });
});
