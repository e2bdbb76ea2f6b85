import { diskArguments } from '../../pool/data-disk-start-task';
import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** Mount paths of the data-disk start task, read from its command line in the format it writes. */
export function dataDiskMountPaths(commandLine: unknown): string[] {
  return diskArguments(commandLine).map((disk) => disk.mountPath);
}

/** BATCH-008: data disks are not mounted under /mnt. */
export const dataDiskUnderMnt: BestPracticeRule = {
  id: 'BATCH-008',
  severity: Severity.WARNING,
  title: 'Data disks are not mounted under /mnt or /mnt/resource',
  explanation: 'Azure mounts the temporary disk at /mnt (/mnt/resource on some images); a data disk there races it at boot and sits on a disk that is wiped on redeploy.',
  source: 'seeds/batch-best-practices.md, "Attaching and preparing data disks" (tip on /mnt and /mnt/resource)',
  fix: 'Mount data disks at a path of their own, e.g. /data/<name>.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) =>
    dataDiskMountPaths(block(pool.attributes.start_task)?.command_line)
      .filter((path) => path === '/mnt' || path.startsWith('/mnt/'))
      .map((path) => ({ resource: pool, message: `mounts a data disk at ${path}` }))),
};
