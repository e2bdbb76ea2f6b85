import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, runApp } from '../../stacks/main';
import { switchover } from '../../stacks/switchover';

const root = mkdtempSync(join(tmpdir(), 'batch-switchover-'));
const SUBSCRIPTION = '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b';
const USAGE = 'usage: npm run switchover -- <region> [--from <primary region>]';

/** A folder of its own holding `config.json`: a copy of a fixture, or the given text. */
function configFile(source: { fixture: string } | { text: string }, folder = mkdtempSync(join(root, 'case-'))): string {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'config.json');
  if ('fixture' in source) copyFileSync(join('test', 'fixtures', source.fixture), file);
  else writeFileSync(file, source.text);
  return file;
}

/** The command run in-process on `file`: its exit code and the lines it printed. */
function run(args: readonly string[], file: string | undefined): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = switchover(args, file === undefined ? {} : { BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line));
  return { code, lines };
}

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
function replacedOnce(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, () => to);
}

/** The indexes of the lines that differ between two texts of the same number of lines. */
function changedLines(before: string, after: string): number[] {
  const [a, b] = [before.split('\n'), after.split('\n')];
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i]));
}

/** The parsed config with every region's role taken out, to compare everything else. */
function withoutRoles(text: string): unknown {
  const config = JSON.parse(text);
  config.regions.forEach((region: any) => delete region.role);
  return config;
}

function rolesOf(text: string): Array<[string, string | undefined]> {
  return JSON.parse(text).regions.map((region: any) => [region.location, region.role]);
}

/**
 * The runbook lines for a switchover of `file` from `away` to `to`. With reference data, the replication
 * is let catch up, the old replication stacks (`[source, destination]` pairs) go first and the new ones
 * come once clients move; with `locks` (deployment `name`), the storage locks of the old pairs' accounts
 * are lifted first and the other standbys deployed last to put theirs back.
 */
function runbook(file: string, to: string, away: string, back = `npm run switchover -- ${away}`, replication?: { before: string[][]; after: string[][]; locks?: string }): Array<string | jest.AsymmetricMatcher> {
  const env = `BATCH_DEPLOYMENT_CONFIG=${file}`;
  const stacks = (pairs: string[][]) => pairs.map(([source, destination]) => `batch-replication-${source}-${destination}`).join(' ');
  const oldStandbys = (replication?.before ?? []).map(([, standby]) => standby);
  const others = oldStandbys.filter((standby) => standby !== to);
  const name = replication?.locks ?? 'fabrikam';
  const account = `st${name}[0-9a-f]{8}`;
  const lift = (location: string) => `az lock delete --ids "\\$\\(az lock show --name do-not-delete --resource-group rg-${name}-${location} --resource-type Microsoft.Storage/storageAccounts --resource-name ${account} --output tsv --query id\\)"`;
  const steps: Array<string | RegExp> = [
    ...(replication ? ['let the replication catch up: a blob the old policies have not copied when they go is never copied (Learn "Configure object replication", "Check the replication status of a blob")'] : []),
    ...(replication?.locks ? [new RegExp(`^lift the storage locks the old replication's accounts carry: ${[away, ...oldStandbys].map(lift).join('; ')}$`)] : []),
    ...(replication ? [`BATCH_DEPLOYMENT_CONFIG=${file}.before-switchover npx cdktf destroy ${stacks(replication.before)}    # the old replication (the config before the switchover names it); its destination containers are read-only`] : []),
    ...(replication?.locks ? others.map((other) => `${env} npx cdktf deploy batch-${other}    # puts back its storage lock`) : []),
    `${env} npx cdktf deploy batch-${to}    # the new primary's pools scale up to full size first`,
    `${env} npm run synth    # cdktf.out/deployment-manifest.json lists ${to} under "working"; point clients at its accountEndpoint`,
    ...(replication ? [`${env} npx cdktf deploy ${stacks(replication.after)}    # reference data flows from the new primary; upload to it only after this step, as a new policy copies only blobs created after it; ${away}'s containers are read-only from here`] : []),
    `drain ${away}: submit nothing new there and let its running jobs finish`,
    `${env} npx cdktf deploy batch-${away}    # the old primary scales down to its standby size last`,
  ];
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    `${file}: ${to} is primary now and ${away} standby; nothing else in the file changed.`,
    'Deploy in this order:',
    ...steps.map((step, i) => (typeof step === 'string' ? `  ${i + 1}. ${step}` : expect.stringMatching(new RegExp(`^  ${i + 1}\\. ${step.source.slice(1)}`)))),
    ...(replication ? [expect.stringMatching(new RegExp(`^${escaped(`If ${away} is down, the destroy of the old replication cannot read ${away}'s account and deletes nothing. Free the containers of the old replication's destinations, ${to}'s among them, by deleting the policy on each account, `)}${oldStandbys.map((location) => `${account} \\(rg-${name}-${location}\\)`).join(', ')}${escaped(': az storage account or-policy list --account-name <account> --resource-group <resource group>, then az storage account or-policy delete --policy-id <id> --account-name <account> --resource-group <resource group> (Learn "Configure object replication", "Remove a replication policy"). Once ')}${away}${escaped(' is back, and before its deploy puts its lock back, delete the policies on its account, ')}${account} \\(rg-${name}-${away}\\)${escaped(', the same way, then run the destroy to clear the state; its own new pair waits for it too.')}$`))] : []),
    `A drill is this switchover, then "${back}" to switch back; the guidance asks for one every month.`,
  ];
}

/**
 * A config in split mode: two primaries and a standby between them, not in alphabetical order; each
 * region on a line of its own.
 */
const SPLIT = `{
  "name": "contoso",
  "mode": "split",
  "subscriptionId": "${SUBSCRIPTION}",
  "regions": [
    { "location": "westus", "addressSpace": "10.20.0.0/16", "role": "primary" },
    { "location": "centralus", "addressSpace": "10.30.0.0/16", "role": "standby" },
    { "location": "eastus", "addressSpace": "10.10.0.0/16", "role": "primary" }
  ],
  "pools": [{ "name": "work", "vmSize": "Standard_D4s_v5", "dedicatedNodes": 4, "standbyNodes": 1 }]
}
`;

describe('switchover of a copy of test/fixtures/full.json', () => {
  const original = readFileSync('test/fixtures/full.json', 'utf8');
  const file = configFile({ fixture: 'full.json' });
  const first = run(['westeurope'], file);
  const switched = readFileSync(file, 'utf8');

  test('exits 0 and changes exactly the two roles, every other byte as it was', () => {
    expect(first.code).toBe(0);
    const expected = replacedOnce(
      replacedOnce(original, '"addressSpace": "10.40.0.0/16",\n      "role": "primary"', '"addressSpace": "10.40.0.0/16",\n      "role": "standby"'),
      '"addressSpace": "10.41.0.0/16",\n      "role": "standby"', '"addressSpace": "10.41.0.0/16",\n      "role": "primary"',
    );
    expect(switched).toBe(expected);
    const lines = original.split('\n');
    expect(changedLines(original, switched).map((i) => lines[i])).toEqual(['      "role": "primary"', '      "role": "standby"']);
    expect(withoutRoles(switched)).toEqual(withoutRoles(original));
    expect(rolesOf(switched)).toEqual([['northeurope', 'standby'], ['westeurope', 'primary'], ['swedencentral', 'standby']]);
    // Nothing left next to it but the config before the switchover, which the old replication's destroy
    // reads (full.json replicates reference data): the rewrite went through a temporary file renamed over it.
    expect(readdirSync(join(file, '..')).sort()).toEqual(['config.json', 'config.json.before-switchover']);
    expect(readFileSync(`${file}.before-switchover`, 'utf8')).toBe(original);
  });

  test('every stack a printed command names is one the config that command names synthesizes', () => {
    // Each config is synthesized once, however many commands name it.
    const synthesized = new Map<string, string[]>();
    const stacksOf = (config: string) => {
      if (synthesized.has(config)) return synthesized.get(config)!;
      const outdir = mkdtempSync(join(tmpdir(), 'switchover-stacks-'));
      try {
        expect(runApp({ BATCH_DEPLOYMENT_CONFIG: config }, () => undefined, outdir)).toBe(0);
        synthesized.set(config, readdirSync(join(outdir, 'stacks')));
        return synthesized.get(config)!;
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    };
    const commands = first.lines.flatMap((line) => {
      const match = /BATCH_DEPLOYMENT_CONFIG=(\S+) npx cdktf (?:deploy|destroy) ((?:batch-\S+ ?)+)/.exec(line);
      return match ? [{ config: match[1], stacks: match[2].trim().split(' ') }] : [];
    });
    expect(commands.map((command) => command.stacks.length)).toEqual([2, 1, 1, 2, 1]);
    for (const command of commands) expect(stacksOf(command.config)).toEqual(expect.arrayContaining(command.stacks));
  });

  test('prints the deploy order: new primary first, synth and manifest, drain, old primary last', () => {
    // full.json replicates reference data to both standbys.
    expect(first.lines).toEqual(runbook(file, 'westeurope', 'northeurope', undefined, {
      before: [['northeurope', 'westeurope'], ['northeurope', 'swedencentral']], after: [['westeurope', 'northeurope'], ['westeurope', 'swedencentral']], locks: 'fabrikam',
    }));
  });

  test('the rewritten config synthesizes, with the new primary working at full size', () => {
    const outdir = join(root, 'full-switched.out');
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, () => undefined, outdir)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, MANIFEST_FILE), 'utf8'));
    expect(manifest).toMatchObject({ mode: 'failover', working: ['westeurope'], standby: ['northeurope', 'swedencentral'] });
    const pools = (stack: string) => Object.values(JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')).resource.azurerm_batch_pool as Record<string, any>);
    const render = (stack: string) => pools(stack).find((pool) => pool.display_name === 'render').fixed_scale;
    expect(render('batch-westeurope')).toMatchObject({ target_dedicated_nodes: 4, target_low_priority_nodes: 16 });
    expect(render('batch-northeurope')).toMatchObject({ target_dedicated_nodes: 1, target_low_priority_nodes: 0 });
  });

  test('switching back to the old primary gives back the original, byte for byte', () => {
    const back = run(['northeurope'], file);
    expect(back).toEqual({ code: 0, lines: runbook(file, 'northeurope', 'westeurope', undefined, {
      before: [['westeurope', 'northeurope'], ['westeurope', 'swedencentral']], after: [['northeurope', 'westeurope'], ['northeurope', 'swedencentral']], locks: 'fabrikam',
    }) });
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});

describe('switchover of a copy of test/fixtures/us-government.json (regions on one line each)', () => {
  test('swaps the two roles in place, and back again', () => {
    const original = readFileSync('test/fixtures/us-government.json', 'utf8');
    const file = configFile({ fixture: 'us-government.json' });
    expect(run(['usgovtexas'], file)).toEqual({ code: 0, lines: runbook(file, 'usgovtexas', 'usgovvirginia') });
    const switched = readFileSync(file, 'utf8');
    expect(switched).toBe(replacedOnce(
      replacedOnce(original, '"10.60.0.0/16", "role": "primary"', '"10.60.0.0/16", "role": "standby"'),
      '"10.61.0.0/16", "role": "standby"', '"10.61.0.0/16", "role": "primary"',
    ));
    expect(changedLines(original, switched)).toHaveLength(2);
    expect(withoutRoles(switched)).toEqual(withoutRoles(original));
    expect(rolesOf(switched)).toEqual([['usgovvirginia', 'standby'], ['usgovtexas', 'primary']]);
    expect(run(['usgovvirginia'], file).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});

describe('a primary whose role is left to its default', () => {
  const pools = '"pools": [{ "name": "work", "vmSize": "Standard_D4s_v5", "dedicatedNodes": 2, "standbyNodes": 1 }]';

  test.each<[string, string, string]>([
    ['location first', '{\n      "location": "eastus",\n      "addressSpace": "10.10.0.0/16"\n    }', '{\n      "location": "eastus", "role": "standby",\n      "addressSpace": "10.10.0.0/16"\n    }'],
    ['location last', '{ "addressSpace": "10.10.0.0/16", "location": "eastus" }', '{ "addressSpace": "10.10.0.0/16", "location": "eastus", "role": "standby" }'],
  ])('gets its role written right after its location (%s)', (_, region, rewritten) => {
    const text = `{\n  "name": "contoso",\n  "subscriptionId": "${SUBSCRIPTION}",\n  "regions": [\n    ${region},\n    { "location": "westus", "addressSpace": "10.20.0.0/16", "role": "standby" }\n  ],\n  ${pools}\n}\n`;
    const file = configFile({ text });
    expect(run(['westus'], file)).toEqual({ code: 0, lines: runbook(file, 'westus', 'eastus') });
    const switched = readFileSync(file, 'utf8');
    expect(switched).toBe(replacedOnce(replacedOnce(text, region, rewritten), '"role": "standby" }\n  ]', '"role": "primary" }\n  ]'));
    expect(rolesOf(switched)).toEqual([['eastus', 'standby'], ['westus', 'primary']]);
    expect(withoutRoles(switched)).toEqual(withoutRoles(text));
    // Back again: the roles of the original (now written out), the rest as it was.
    expect(run(['eastus'], file).code).toBe(0);
    const back = readFileSync(file, 'utf8');
    expect(rolesOf(back)).toEqual([['eastus', 'primary'], ['westus', 'standby']]);
    expect(back).toBe(replacedOnce(text, region, rewritten.replace('"standby"', '"primary"')));
  });
});

describe('refusals, which leave the file as it was', () => {
  /** Runs the command on a fresh copy of `text` (default: full.json) and checks the file is untouched. */
  function refused(args: readonly string[], text = readFileSync('test/fixtures/full.json', 'utf8')): { code: number; lines: string[]; file: string } {
    const file = configFile({ text });
    const result = run(args, file);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(join(file, '..'))).toEqual(['config.json']);
    return { ...result, file };
  }

  test('without BATCH_DEPLOYMENT_CONFIG (unset or empty): exit 2, since the embedded default cannot be rewritten', () => {
    const message = 'switchover rewrites the deployment config, so it needs one: set BATCH_DEPLOYMENT_CONFIG to its file (the embedded default cannot be rewritten)';
    expect(run(['westus'], undefined)).toEqual({ code: 2, lines: [message] });
    expect(run(['westus'], '')).toEqual({ code: 2, lines: [message] });
  });

  test.each<[string, string[]]>([
    ['no region', []],
    ['two regions', ['westeurope', 'swedencentral']],
    ['--from without its region', ['westeurope', '--from']],
    ['only --from', ['--from', 'northeurope']],
  ])('%s: exit 2 and the usage', (_, args) => {
    expect(refused(args)).toMatchObject({ code: 2, lines: [USAGE] });
  });

  test('a region the deployment does not have: the message lists its regions', () => {
    const { code, lines, file } = refused(['mars']);
    expect([code, lines]).toEqual([1, [`${file}: "mars" is not a region of the deployment; give one of northeurope, westeurope, swedencentral`]]);
  });

  test('a region that is primary already: the message lists the standbys', () => {
    const { code, lines, file } = refused(['northeurope']);
    expect([code, lines]).toEqual([1, [`${file}: $.regions[0] northeurope is primary already; give a standby region (westeurope, swedencentral)`]]);
  });

  test('a config with problems of its own already: its problems, then why nothing changed', () => {
    const twoPrimaries = replacedOnce(readFileSync('test/fixtures/full.json', 'utf8'), '"addressSpace": "10.41.0.0/16",\n      "role": "standby"', '"addressSpace": "10.41.0.0/16",\n      "role": "primary"');
    const { code, lines, file } = refused(['swedencentral'], twoPrimaries);
    expect([code, lines]).toEqual([1, [
      `${file}: $.regions[1].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby", or set "mode": "split" to have several take work`,
      `${file}: has problems already; fix them before a switchover`,
    ]]);
  });

  test('a config that is not JSON', () => {
    const { code, lines, file } = refused(['westus'], '{ "name": ');
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${file}: is not valid JSON \\(.+\\); fix the syntax$`)), `${file}: has problems already; fix them before a switchover`]);
  });

  test('a config the library refuses already (a data disk over /etc) is reported as having problems already', () => {
    const text = `{ "name": "contoso", "subscriptionId": "${SUBSCRIPTION}",
  "regions": [{ "location": "eastus", "addressSpace": "10.10.0.0/16", "role": "primary" }, { "location": "westus", "addressSpace": "10.20.0.0/16", "role": "standby" }],
  "pools": [{ "name": "work", "vmSize": "Standard_D4s_v5", "dedicatedNodes": 2, "dataDisks": [{ "lun": 0, "sizeGb": 64, "mountPath": "/etc" }] }]
}
`;
    const { code, lines, file } = refused(['westus'], text);
    expect([code, lines]).toEqual([1, [
      `${file}: $.pools[0].dataDisks[0].mountPath "/etc" would hide a system directory; mount data disks at a path of their own, such as "/data/work"`,
      `${file}: has problems already; fix them before a switchover`,
    ]]);
  });

  test('a switchover that would leave a problem: a standby subnet that holds its standby size, but not the full size', () => {
    const text = `{ "name": "contoso", "subscriptionId": "${SUBSCRIPTION}",
  "regions": [
    { "location": "eastus", "addressSpace": "10.10.0.0/16", "role": "primary" },
    { "location": "westus", "addressSpace": "10.20.0.0/27", "role": "standby" }
  ],
  "pools": [{ "name": "work", "vmSize": "Standard_D4s_v5", "dedicatedNodes": 8, "standbyNodes": 1 }]
}
`;
    // As it is, the config synthesizes: westus needs room for 1 node, plus 1 for a replacement.
    const folder = mkdtempSync(join(root, 'small-standby-'));
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: configFile({ text }, folder) }, () => undefined, join(folder, 'out'))).toBe(0);
    const { code, lines, file } = refused(['westus'], text);
    expect([code, lines]).toEqual([1, [
      `${file}: $.regions[1].addressSpace "10.20.0.0/27" leaves 11 addresses in the pool subnet 10.20.0.0/28 (16 minus the 5 Azure reserves), but the pools attached need 16 nodes (every node, plus the largest pool again for a replacement); use an addressSpace of /26 or shorter (the pool subnet is its first half)`,
      `${file}: the switchover would leave these problems, so the file is unchanged`,
    ]]);
  });

  test('split mode without --from: the message names the primaries', () => {
    const { code, lines, file } = refused(['centralus'], SPLIT);
    expect([code, lines]).toEqual([1, [`${file}: the deployment splits its work between westus, eastus; name the primary that hands over with --from <region>`]]);
  });

  test.each(['centralus', 'mars'])('split mode with --from %s, which is not a primary: the message names the primaries', (from) => {
    const { code, lines, file } = refused(['centralus', '--from', from], SPLIT);
    expect([code, lines]).toEqual([1, [`${file}: --from ${JSON.stringify(from)} is not a primary region of the deployment; give one of westus, eastus`]]);
  });
});

describe('switchover in split mode', () => {
  test.each<[string, string[]]>([
    ['--from after the region', ['centralus', '--from', 'eastus']],
    ['--from before the region', ['--from', 'eastus', 'centralus']],
  ])('with %s: swaps exactly the standby and the named primary, and back again', (_, args) => {
    const file = configFile({ text: SPLIT });
    expect(run(args, file)).toEqual({ code: 0, lines: runbook(file, 'centralus', 'eastus', 'npm run switchover -- eastus --from centralus') });
    const switched = readFileSync(file, 'utf8');
    expect(switched).toBe(replacedOnce(
      replacedOnce(SPLIT, '"10.30.0.0/16", "role": "standby"', '"10.30.0.0/16", "role": "primary"'),
      '"10.10.0.0/16", "role": "primary"', '"10.10.0.0/16", "role": "standby"',
    ));
    expect(rolesOf(switched)).toEqual([['westus', 'primary'], ['centralus', 'primary'], ['eastus', 'standby']]);
    expect(run(['eastus', '--from', 'centralus'], file).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(SPLIT);
  });

  test('--from in failover mode names the one primary, as without it', () => {
    const file = configFile({ fixture: 'full.json' });
    expect(run(['swedencentral', '--from', 'northeurope'], file)).toEqual({
      code: 0, lines: runbook(file, 'swedencentral', 'northeurope', 'npm run switchover -- northeurope --from swedencentral', {
        before: [['northeurope', 'westeurope'], ['northeurope', 'swedencentral']], after: [['swedencentral', 'northeurope'], ['swedencentral', 'westeurope']], locks: 'fabrikam',
      }),
    });
    expect(rolesOf(readFileSync(file, 'utf8'))).toEqual([['northeurope', 'standby'], ['westeurope', 'standby'], ['swedencentral', 'primary']]);
  });
});

describe('switchover with copyExistingBlobs', () => {
  // Learn "Object replication for block blobs", "Replication rules": by default a new policy copies only
  // blobs created after it; with copyExistingBlobs it copies every blob, so the new pairs can wait for the drain.
  test('the new pairs come last, after the old primary scales down, and copy the blobs that exist', () => {
    const config = JSON.parse(readFileSync('test/fixtures/full.json', 'utf8'));
    config.referenceData.copyExistingBlobs = true;
    const file = configFile({ text: `${JSON.stringify(config, null, 2)}\n` });
    const { code, lines } = run(['westeurope'], file);
    expect(code).toBe(0);
    const steps = lines.filter((line) => /^ {2}\d+\. /.test(line));
    expect(steps.slice(-3)).toEqual([
      '  7. drain northeurope: submit nothing new there and let its running jobs finish',
      `  8. BATCH_DEPLOYMENT_CONFIG=${file} npx cdktf deploy batch-northeurope    # the old primary scales down to its standby size last`,
      `  9. BATCH_DEPLOYMENT_CONFIG=${file} npx cdktf deploy batch-replication-westeurope-northeurope batch-replication-westeurope-swedencentral    # reference data flows from the new primary, its existing blobs included (copyExistingBlobs)`,
    ]);
  });
});

describe('the printed commands', () => {
  /** What bash runs for a printed deploy line, with `npx` a function that prints its environment's config and its arguments. */
  function asRun(line: string): { status: number | null; stdout: string } {
    const command = /^ {2}\d\. (.*?) {4}# /.exec(line)![1];
    const result = spawnSync('bash', ['-c', `npx() { printf '%s\\n' "$BATCH_DEPLOYMENT_CONFIG" "$@"; }\n${command}`], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout };
  }

  test('run in a shell as printed', () => {
    const file = configFile({ fixture: 'us-government.json' });
    const { lines } = run(['usgovtexas'], file);
    expect(asRun(lines[2])).toEqual({ status: 0, stdout: `${file}\ncdktf\ndeploy\nbatch-usgovtexas\n` });
    expect(asRun(lines[5])).toEqual({ status: 0, stdout: `${file}\ncdktf\ndeploy\nbatch-usgovvirginia\n` });
  });

  test('run in a shell as printed when the config\'s folder has a space in its name', () => {
    const file = configFile({ fixture: 'us-government.json' }, join(root, 'my configs'));
    const { code, lines } = run(['usgovtexas'], file);
    expect(code).toBe(0);
    expect(asRun(lines[2])).toEqual({ status: 0, stdout: `${file}\ncdktf\ndeploy\nbatch-usgovtexas\n` });
  });

  /** A config whose locations are spelled as Azure's display names allow (the library accepts them). */
  const spelled = (primary: string, standby: string) => `{ "name": "contoso", "subscriptionId": "${SUBSCRIPTION}",
  "regions": [{ "location": "${primary}", "addressSpace": "10.10.0.0/16" }, { "location": "${standby}", "addressSpace": "10.20.0.0/16", "role": "standby" }],
  "pools": [{ "name": "work", "vmSize": "Standard_D4s_v5", "dedicatedNodes": 2, "standbyNodes": 1 }]
}
`;

  test.each([['EastUS', 'WestUS'], ['East US', 'West US']])('locations as the library reads them: "%s" and "%s" are the stacks batch-eastus and batch-westus', (primary, standby) => {
    const folder = mkdtempSync(join(root, 'spelled-'));
    const file = configFile({ text: spelled(primary, standby) }, folder);
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, () => undefined, join(folder, 'out'))).toBe(0);
    expect(readdirSync(join(folder, 'out', 'stacks')).sort()).toEqual(['batch-eastus', 'batch-westus']);
  });

  test('name the stacks the synth writes when locations are not written as ARM names', () => {
    const file = configFile({ text: spelled('EastUS', 'WestUS') });
    const { code, lines } = run(['westus'], file);
    expect(code).toBe(0);
    expect([lines[2], lines[5]]).toEqual([
      expect.stringContaining(' npx cdktf deploy batch-westus    # '),
      expect.stringContaining(' npx cdktf deploy batch-eastus    # '),
    ]);
  });

  test('find a region written "West US" by its ARM name', () => {
    const file = configFile({ text: spelled('East US', 'West US') });
    const { code, lines } = run(['westus'], file);
    expect([code, lines[0]]).toEqual([0, expect.stringContaining('is primary now')]);
  });
});
