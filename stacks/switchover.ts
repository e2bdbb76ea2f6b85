import { mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from '../lib/engine';
import { AzureRegion, BatchRegionStack, BlobReplicationStack, PairedStorageAccount, RegionRole } from '../lib';
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
  const { problems: before, storageAccounts } = text === undefined ? { problems: [], storageAccounts: new Map<string, StorageAccountName>() } : checked(text, file);
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
  const { problems } = checked(rewritten, file);
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
  // pairs go before the new primary takes work. A new policy copies only blobs created after it unless
  // copyExistingBlobs (same section): then the new pairs come as soon as clients move, before the drain,
  // and the old primary's containers turn read-only from there; with copyExistingBlobs they come last.
  const standbysAfter = config.regions.filter((_, i) => (i === old || (config.regions[i].role === RegionRole.STANDBY && i !== target))).map((region) => regionName(region.location));
  const standbysBefore = config.regions.filter((_, i) => i === target || (config.regions[i].role === RegionRole.STANDBY && i !== old)).map((region) => regionName(region.location));
  const pairs = (source: string, standbys: readonly string[]) => standbys.map((standby) => BlobReplicationStack.stackName({ name: source }, { name: standby })).join(' ');
  // A CanNotDelete lock on an account stops deleting its policies, which are its children (Learn "Lock
  // your resources to protect your infrastructure", "Lock inheritance"): lifted for the old pairs' accounts,
  // put back by deploying each region stack again.
  const locked = replicated && config.locks;
  const accountOf = (location: string) => storageAccounts.get(location);
  const named = (locations: readonly string[]) => locations.map(accountOf).filter((account): account is StorageAccountName => account !== undefined);
  const liftLock = (account: StorageAccountName) => `az lock delete --ids "$(az lock show --name ${PairedStorageAccount.DELETE_LOCK_NAME} --resource-group ${account.resourceGroup} --resource-type Microsoft.Storage/storageAccounts --resource-name ${account.name} --output tsv --query id)"`;
  const others = standbysBefore.filter((location) => location !== to);
  const copyAll = config.referenceData?.copyExistingBlobs === true;
  const newPairs = `${env_} npx cdktf deploy ${pairs(to, standbysAfter)}    # reference data flows from the new primary${copyAll
    ? ', its existing blobs included (copyExistingBlobs)'
    : `; upload to it only after this step, as a new policy copies only blobs created after it; ${away}'s containers are read-only from here`}`;
  const steps = [
    ...(replicated ? ['let the replication catch up: a blob the old policies have not copied when they go is never copied (Learn "Configure object replication", "Check the replication status of a blob")'] : []),
    ...(locked ? [`lift the storage locks the old replication's accounts carry: ${named([away, ...standbysBefore]).map(liftLock).join('; ')}`] : []),
    ...(replicated ? [`${CONFIG_ENV_VAR}=${shellQuoted(previous)} npx cdktf destroy ${pairs(away, standbysBefore)}    # the old replication (the config before the switchover names it); its destination containers are read-only`] : []),
    ...(locked ? others.map((location) => `${deploy(location)}    # puts back its storage lock`) : []),
    `${deploy(to)}    # the new primary's pools scale up to full size first`,
    `${env_} npm run synth    # ${manifest} lists ${to} under "working"; point clients at its accountEndpoint`,
    ...(replicated && !copyAll ? [newPairs] : []),
    `drain ${away}: submit nothing new there and let its running jobs finish`,
    `${deploy(away)}    # the old primary scales down to its standby size last`,
    ...(replicated && copyAll ? [newPairs] : []),
  ];
  const downAccounts = named(standbysBefore).map((account) => `${account.name} (${account.resourceGroup})`).join(', ') || 'each old standby\'s account';
  const awayAccount = accountOf(away);
  [
    `${file}: ${to} is primary now and ${away} standby; nothing else in the file changed.`,
    'Deploy in this order:',
    ...steps.map((step, i) => `  ${i + 1}. ${step}`),
    ...(replicated ? [
      // terraform destroy refreshes first and stops on an account it cannot read (the provider reads both
      // ends of a policy, storage_object_replication_resource.go:250-268 at v4.55.0): nothing is deleted.
      `If ${away} is down, the destroy of the old replication cannot read ${away}'s account and deletes nothing. Free the containers of the old replication's destinations, ${to}'s among them, by deleting the policy on each account, ${downAccounts}: az storage account or-policy list --account-name <account> --resource-group <resource group>, then az storage account or-policy delete --policy-id <id> --account-name <account> --resource-group <resource group> (Learn "Configure object replication", "Remove a replication policy"). Once ${away} is back, and before its deploy puts its lock back, delete the policies on its account${awayAccount ? `, ${awayAccount.name} (${awayAccount.resourceGroup})` : ''}, the same way, then run the destroy to clear the state; its own new pair waits for it too.`,
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

/** A storage account of a region, by name and resource group. */
interface StorageAccountName {
  readonly name: string;
  readonly resourceGroup: string;
}

/**
 * The config `text` checked as a synth would (its problems, as lines), and the storage account of each
 * region whose ARM id the library builds (every region, with reference data), by location.
 */
function checked(text: string, file: string): { problems: string[]; storageAccounts: Map<string, StorageAccountName> } {
  const parsed = readDeploymentConfig(JSON.parse(text), file);
  const outdir = mkdtempSync(join(tmpdir(), 'switchover-'));
  try {
    const built = buildDeployment(new App({ outdir, skipValidation: true }), parsed);
    const storageAccounts = new Map(built.stacks.flatMap((stack) => {
      const id = stack.batchRegion.storageAccountArmId?.split('/');
      return id === undefined ? [] : [[stack.batchRegion.region.name, { name: id[id.length - 1], resourceGroup: id[4] }] as const];
    }));
    return { problems: [...parsed.problems, ...built.problems].map((problem) => `${file}: ${formatConfigProblem(problem)}`), storageAccounts };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) process.exitCode = switchover(process.argv.slice(2));
