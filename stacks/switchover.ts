import { mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from '../lib/engine';
import { AzureRegion, BatchRegionStack, BlobReplicationStack, RegionRole } from '../lib';
import { CONFIG_ENV_VAR, loadDeploymentConfig, readDeploymentConfig } from './config';
import { buildDeployment } from './deployment';
import { MANIFEST_FILE } from './main';
import { arrayElementSpans } from './json-spans';
import { formatConfigProblem } from './problems';

/**
 * `npm run switchover -- <region> [--from <primary>]`: makes `<region>` the primary of the deployment
 * config named by `BATCH_DEPLOYMENT_CONFIG` and the primary it replaces a standby, by rewriting those two
 * roles and nothing else in the file, checks the result as a synth would, and prints the runbook's deploy
 * order. In split mode, `--from` names which primary hands over. The seed asks for the switchover to be
 * practised, e.g. monthly: a drill is this command, then the same with the old primary to switch back.
 * @returns the exit code: 0 when the file was rewritten
 */
export function switchover(args: readonly string[], env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.error): number {
  const usage = 'usage: npm run switchover -- <region> [--from <primary region>]';
  const fromAt = args.indexOf('--from');
  const from = fromAt >= 0 ? args[fromAt + 1] : undefined;
  const positional = fromAt < 0 ? [...args] : args.filter((_, i) => i !== fromAt && i !== fromAt + 1);
  if (positional.length !== 1 || (fromAt >= 0 && from === undefined)) {
    log(usage);
    return 2;
  }
  const file = env[CONFIG_ENV_VAR];
  if (file === undefined || file === '') {
    log(`switchover rewrites the deployment config, so it needs one: set ${CONFIG_ENV_VAR} to its file (the embedded default cannot be rewritten)`);
    return 2;
  }
  const loaded = loadDeploymentConfig(env);
  // The file as read once, checked as a synth would: the config's rules and the library's.
  const text = 'errors' in loaded ? undefined : readFileSync(file, 'utf8');
  const before = text === undefined ? [] : checked(text, file);
  if ('errors' in loaded || loaded.config === undefined || before.length > 0) {
    ('errors' in loaded ? loaded.errors : before).forEach((line) => log(line));
    log(`${file}: has problems already; fix them before a switchover`);
    return 1;
  }
  const { config } = loaded;
  // Regions compare as the library resolves them: "West US", "westus" and "WestUS" are one.
  const find = (name: string) => config.regions.findIndex((region) => regionName(region.location) === regionName(name));
  const locations = config.regions.map((region) => region.location).join(', ');
  const target = find(positional[0]);
  if (target < 0) {
    log(`${file}: ${JSON.stringify(positional[0])} is not a region of the deployment; give one of ${locations}`);
    return 1;
  }
  if (config.regions[target].role === RegionRole.PRIMARY) {
    log(`${file}: $.regions[${target}] ${config.regions[target].location} is primary already; give a standby region (${standbys(config.regions).join(', ') || 'none'})`);
    return 1;
  }
  const primaries = config.regions.flatMap((region, i) => (region.role === RegionRole.PRIMARY ? [i] : []));
  let old: number;
  if (from !== undefined) {
    old = find(from);
    if (old < 0 || config.regions[old].role !== RegionRole.PRIMARY) {
      log(`${file}: --from ${JSON.stringify(from)} is not a primary region of the deployment; give one of ${primaries.map((i) => config.regions[i].location).join(', ')}`);
      return 1;
    }
  } else if (primaries.length === 1) {
    old = primaries[0];
  } else {
    log(`${file}: the deployment splits its work between ${primaries.map((i) => config.regions[i].location).join(', ')}; name the primary that hands over with --from <region>`);
    return 1;
  }

  const rewritten = withRoles(text!, new Map([[target, RegionRole.PRIMARY], [old, RegionRole.STANDBY]]));
  const problems = checked(rewritten, file);
  if (problems.length > 0) {
    problems.forEach((line) => log(line));
    log(`${file}: the switchover would leave these problems, so the file is unchanged`);
    return 1;
  }
  // The config as it was, for the commands that still need the old stacks (the old replication).
  const replicated = config.referenceData !== undefined;
  const previous = `${file}.before-switchover`;
  try {
    if (replicated) writeFileSync(previous, text!);
    // Written next to the file a symlink points at, with its mode, then moved over it in one step.
    const target = realpathSync(file);
    const temporary = `${target}.switchover-${process.pid}`;
    writeFileSync(temporary, rewritten, { mode: statSync(target).mode });
    renameSync(temporary, target);
  } catch (error) {
    log(`${file}: cannot be rewritten (${(error as Error).message}); the file is unchanged`);
    return 1;
  }

  const [to, away] = [regionName(config.regions[target].location), regionName(config.regions[old].location)];
  const env_ = `${CONFIG_ENV_VAR}=${shellQuoted(file)}`;
  const deploy = (location: string) => `${env_} npx cdktf deploy ${BatchRegionStack.stackName({ name: location })}`;
  const manifest = `${env[`CDKTF_OUTDIR`] ?? 'cdktf.out'}/${MANIFEST_FILE}`;
  // Reference data flows from the primary to each standby, and a destination's containers are read-only
  // while its policy exists (Learn "Object replication for block blobs", "Replication rules"): the old
  // pairs go before the new primary takes work, the new pairs come last.
  const standbysAfter = config.regions.filter((_, i) => (i === old || (config.regions[i].role === RegionRole.STANDBY && i !== target))).map((region) => regionName(region.location));
  const standbysBefore = config.regions.filter((_, i) => i === target || (config.regions[i].role === RegionRole.STANDBY && i !== old)).map((region) => regionName(region.location));
  const pairs = (source: string, standbys: readonly string[]) => standbys.map((standby) => BlobReplicationStack.stackName({ name: source }, { name: standby })).join(' ');
  const steps = [
    ...(replicated ? [`${CONFIG_ENV_VAR}=${shellQuoted(previous)} npx cdktf destroy ${pairs(away, standbysBefore)}    # the old replication (the config before the switchover names it); its destination containers are read-only`] : []),
    `${deploy(to)}    # the new primary's pools scale up to full size first`,
    `${env_} npm run synth    # ${manifest} lists ${to} under "working"; point clients at its accountEndpoint`,
    `drain ${away}: submit nothing new there and let its running jobs finish`,
    `${deploy(away)}    # the old primary scales down to its standby size last`,
    ...(replicated ? [`${env_} npx cdktf deploy ${pairs(to, standbysAfter)}    # reference data flows from the new primary`] : []),
  ];
  [
    `${file}: ${to} is primary now and ${away} standby; nothing else in the file changed.`,
    'Deploy in this order:',
    ...steps.map((step, i) => `  ${i + 1}. ${step}`),
    ...(replicated ? [
      `If ${away} is down, step 1 fails on its side after removing the standbys' side (the provider deletes the destination's policy first), so their containers are writable again: go on, and run step 1 again once ${away} is back; its own new pair in the last step waits for it too.`,
    ] : []),
    `A drill is this switchover, then "npm run switchover -- ${away}${from !== undefined ? ` --from ${to}` : ''}" to switch back; the guidance asks for one every month.`,
  ].forEach((line) => log(line));
  return 0;
}

/** The ARM name the library resolves a configured location to (`West US` is `westus`); the text itself when it is no region. */
function regionName(location: string): string {
  try {
    return AzureRegion.of(location).name;
  } catch {
    return location.toLowerCase();
  }
}

/** `text` as one shell word: as it is when it is plain, else in single quotes. */
function shellQuoted(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The standby regions' locations. */
function standbys(regions: ReadonlyArray<{ readonly location: string; readonly role: RegionRole }>): string[] {
  return regions.filter((region) => region.role === RegionRole.STANDBY).map((region) => region.location);
}

/**
 * `text` with the roles of the regions at the given indexes set, every other byte as it was: a role
 * that is written is replaced; one left to its default is written after the region's location.
 */
function withRoles(text: string, roles: ReadonlyMap<number, RegionRole>): string {
  const spans = arrayElementSpans(text, 'regions');
  const edits = [...roles].map(([index, role]) => {
    const region = spans[index]!;
    const written = region.members.get('role');
    if (written) return { start: written.start, end: written.end, text: JSON.stringify(role) };
    const location = region.members.get('location')!;
    return { start: location.end, end: location.end, text: `, "role": ${JSON.stringify(role)}` };
  }).sort((a, b) => b.start - a.start);
  return edits.reduce((result, edit) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
}

/** The problems a synth of `text` would print (the config's and the library's), as lines; none when it is sound. */
function checked(text: string, file: string): string[] {
  const parsed = readDeploymentConfig(JSON.parse(text), file);
  const outdir = mkdtempSync(join(tmpdir(), 'switchover-'));
  try {
    const built = buildDeployment(new App({ outdir, skipValidation: true }), parsed);
    return [...parsed.problems, ...built.problems].map((problem) => `${file}: ${formatConfigProblem(problem)}`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) process.exitCode = switchover(process.argv.slice(2));
