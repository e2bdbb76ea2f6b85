import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { DataDiskStartTask, dataDiskScript } from '../../lib/pool/data-disk-start-task';

describe('DataDiskStartTask', () => {
  const task = new DataDiskStartTask({ dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data/work' }], commands: ["echo 'it''s ready'"], waitSeconds: 60, maxRetries: 5 });

  test('the command line carries the packaged script verbatim, with no resource files', () => {
    const match = /printf %s ([A-Za-z0-9+/=]+) \| base64 -d \| gzip -dc \| bash -s -- 0:\/data\/work:ext4;/.exec(task.commandLine);
    expect(match).not.toBeNull();
    const decoded = gunzipSync(Buffer.from(match![1], 'base64')).toString('utf8');
    expect(decoded).toBe(readFileSync('lib/pool/data-disks.sh', 'utf8'));
    expect(decoded).toBe(dataDiskScript());
  });

  test('user commands run after the disks, quoted safely', () => {
    expect(task.commandLine.endsWith(`; echo '\\''it'\\'''\\''s ready'\\'''`)).toBe(true);
    expect(task.renderStartTask()).toEqual({
      commandLine: task.commandLine,
      commonEnvironmentProperties: { DATA_DISK_WAIT_SECONDS: '60' },
      waitForSuccess: true,
      taskRetryMaximum: 5,
      userIdentity: { autoUser: { elevationLevel: 'Admin', scope: 'Pool' } },
    });
  });

  test('the command line is the same on every synth', () => {
    expect(new DataDiskStartTask({ dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data/work' }], commands: ["echo 'it''s ready'"] }).commandLine).toBe(task.commandLine);
  });

  test('commands alone need no disk step', () => {
    expect(new DataDiskStartTask({ dataDisks: [], commands: ['apt-get install -y ffmpeg'] }).commandLine).toBe("/bin/bash -c 'set -euo pipefail; apt-get install -y ffmpeg'");
  });

  test('validation of waits and retries', () => {
    expect(new DataDiskStartTask({ dataDisks: [], waitSeconds: 0, maxRetries: 101 }).problems()).toEqual([
      { path: 'waitSeconds', value: 0, message: 'is out of range; use a whole number of seconds from 1 to 3600' },
      { path: 'maxRetries', value: 101, message: 'is out of range; use a whole number from 0 to 100' },
    ]);
  });
});
