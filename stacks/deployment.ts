import type { TerraformStack } from '../lib/engine';
import type { Construct } from 'constructs';
import {
  AzureRegion, BatchBestPractices, BatchRegionStack, BlobReplicationStack, collectProblems, DiskCaching, DiskFileSystem, DiskStorageType, Egress, EgressKind, NetworkRule, NodeCommunicationRuleSet, Peer, PoolImage, Port, ServiceTag,
  PoolOptions, PoolScale, PublicIpMode, RegionRole, StateBackend, StorageNetworkAccess, StorageReplication, ValidationError, ValidationProblem,
} from '../lib';
import type { DeploymentConfig, ParsedConfig } from './config';
import { childPath, collecting, ConfigProblem } from './problems';

type ConfiguredPool = DeploymentConfig['pools'][number];
type RegionEntry = DeploymentConfig['regions'][number];
type ConfiguredEgress = DeploymentConfig['egress'];

/**
 * The library's outbound allow rules for the configured ones, in `region`. Each destination was checked
 * once ({@link allowOutboundProblems}); one that failed is left out.
 */
function allowRules(config: DeploymentConfig, region: AzureRegion, refused: ReadonlySet<number>): NetworkRule[] {
  return config.allowOutbound.flatMap((allow, i) => {
    if (refused.has(i)) return [];
    const peer = allow.serviceTag !== undefined
      ? ServiceTag.of(allow.regional ? `${allow.serviceTag}.${region.serviceTagSuffix}` : allow.serviceTag)
      : Peer.ipv4(allow.address!);
    const port = allow.protocol === 'udp' ? Port.udp(allow.port) : allow.protocol === 'any' ? Port.anyProtocol(allow.port) : Port.tcp(allow.port);
    return [NetworkRule.allowOutbound(peer, port, { description: allow.description })];
  });
}

/**
 * Problems of the configured destinations, found once for every region: the tag, address, port and
 * description each checked by the value object that takes it. A regional tag is named without its
 * region, which each region adds.
 */
function allowOutboundProblems(config: DeploymentConfig, problems: ConfigProblem[]): Set<number> {
  const refused = new Set<number>();
  config.allowOutbound.forEach((allow, i) => {
    const at = (field: 'serviceTag' | 'address' | 'port' | 'description') => (problem: ValidationProblem): ConfigProblem => ({ jsonPath: `$.allowOutbound[${i}].${field}`, value: allow[field], message: problem.message });
    const before = problems.length;
    if (allow.serviceTag !== undefined && allow.regional && allow.serviceTag.includes('.')) {
      problems.push({ jsonPath: `$.allowOutbound[${i}].serviceTag`, value: allow.serviceTag, message: 'names a regional tag already, and each region adds its own region to it; give the tag without its region (e.g. "AzureContainerRegistry"), or set "regional": false to use it as written in every region' });
    } else if (allow.serviceTag !== undefined) {
      collecting(problems, at('serviceTag'), () => ServiceTag.of(allow.serviceTag!));
    } else {
      collecting(problems, at('address'), () => Peer.ipv4(allow.address!));
    }
    const port = collecting(problems, at('port'), () => Port.tcp(allow.port));
    if (port) collecting(problems, at('description'), () => NetworkRule.allowOutbound(Peer.anyAddress(), port, { description: allow.description }));
    if (problems.length > before) refused.add(i);
  });
  return refused;
}

/** The library's egress for a configured one. */
function egressOf(egress: ConfiguredEgress): Egress {
  switch (egress.type) {
    case EgressKind.NAT_GATEWAY: return Egress.natGateway(egress);
    case EgressKind.DEFAULT_OUTBOUND: return Egress.defaultOutbound();
    case EgressKind.HUB: return Egress.throughHub(egress);
    default: return Egress.none();
  }
}

/** The region props each config field feeds (the rest of `BatchRegionProps` are not in the config). */
const REGION_FIELDS: Record<string, (region: number, entry: RegionEntry) => string> = {
  deploymentName: () => '$.name',
  landingZone: (i) => `$.regions[${i}].network`,
  privateDnsZoneIds: (i) => `$.regions[${i}].privateDnsZones`,
  egress: (i, entry) => (entry.egress === undefined ? '$.egress' : `$.regions[${i}].egress`),
  region: (i) => `$.regions[${i}].location`,
  role: (i) => `$.regions[${i}].role`,
  addressSpace: (i) => `$.regions[${i}].addressSpace`,
  ruleSet: () => '$.nodeCommunication',
  restrictOutbound: () => '$.restrictOutbound',
  networkRules: () => '$.allowOutbound',
  referenceContainers: () => '$.referenceData.containers',
  accountAllowedIpRanges: () => '$.account.allowedIpRanges',
  storageNetworkAccess: () => '$.storage.networkAccess',
  storageReplication: () => '$.storage.replication',
  logAnalyticsWorkspaceId: () => '$.diagnostics.logAnalyticsWorkspaceId',
  deleteLocks: () => '$.locks',
  uniqueSuffix: () => '$.uniqueSuffix',
  subscriptionId: () => '$.subscriptionId',
  tags: () => '$.tags',
};

/** The config field of a pool that feeds a pool prop path (`scale.spotNodes`, `dataDisks[0].lun`). */
function poolField(propPath: string, pool: ConfiguredPool, role: RegionRole): string {
  const fixed = role === RegionRole.PRIMARY ? 'dedicatedNodes' : 'standbyNodes';
  const renames: Array<[string, string]> = [
    ['scale.spotNodes', pool.autoscale ? 'autoscale.spot' : 'spotNodes'],
    ['scale.autoscaling.formula', pool.autoscale?.formula === undefined ? 'autoscale.spot' : 'autoscale.formula'],
    ['scale.maxNodes', pool.autoscale ? 'autoscale.maxNodes' : fixed],
    ['scale', pool.autoscale ? 'autoscale' : fixed],
    ['container.imageNames', 'containerImages'],
    ['container.registries', 'registries'],
    ['container', 'containerImages'],
  ];
  const found = renames.find(([prop]) => propPath === prop || propPath.startsWith(`${prop}.`) || propPath.startsWith(`${prop}[`));
  return found ? found[1] + propPath.slice(found[0].length) : propPath;
}

/** The scale of a configured pool in a region of `role`: standby regions keep `standbyNodes`. */
function poolScale(pool: ConfiguredPool, role: RegionRole): PoolScale {
  if (pool.autoscale) {
    const { maxNodes, formula, spot, evaluationIntervalMinutes } = pool.autoscale;
    return formula === undefined
      ? PoolScale.pendingTasks({ maxNodes, spot, evaluationIntervalMinutes })
      : PoolScale.autoscale({ formula, maxNodes, evaluationIntervalMinutes });
  }
  return role === RegionRole.PRIMARY
    ? PoolScale.fixed({ dedicatedNodes: pool.dedicatedNodes, spotNodes: pool.spotNodes })
    : PoolScale.fixed({ dedicatedNodes: pool.standbyNodes });
}

/** The library's pool options for a configured pool in a region of `role`. */
export function poolOptions(pool: ConfiguredPool, role: RegionRole = RegionRole.PRIMARY): PoolOptions {
  return {
    name: pool.name,
    vmSize: pool.vmSize,
    image: PoolImage.fromName(pool.image),
    scale: poolScale(pool, role),
    taskSlotsPerNode: pool.taskSlotsPerNode,
    interNodeCommunication: pool.interNodeCommunication,
    publicIpMode: pool.publicIpMode === 'batchManaged' ? PublicIpMode.BATCH_MANAGED : PublicIpMode.NONE,
    container: pool.containerImages || pool.registries ? { imageNames: pool.containerImages, registries: pool.registries } : undefined,
    dataDisks: pool.dataDisks,
    startTaskCommands: pool.startTaskCommands,
  };
}

/** A value object's option (`PoolScale.fixed` `dedicatedNodes`) as the config field that fed it. */
function scaleField(problem: ValidationProblem, pool: ConfiguredPool, role: RegionRole): string {
  if (pool.autoscale) return `autoscale.${problem.path}`;
  return role === RegionRole.PRIMARY ? problem.path : 'standbyNodes';
}

/** What {@link buildDeployment} built, and every problem found on the way, each under its JSON path. */
export interface BuiltDeployment {
  /** The stacks that built, one per region that did. */
  readonly stacks: readonly BatchRegionStack[];
  /** The reference-data replication stacks, one per standby: `batch-replication-<primary>-<standby>`. */
  readonly replications: readonly BlobReplicationStack[];
  /**
   * Problems of the library's constructs and value objects, and best-practice errors (unless deferred,
   * see {@link BuildOptions.deferBestPractices}), as config problems.
   */
  readonly problems: readonly ConfigProblem[];
  /** The library's own wording of each problem in `problems` that came from the construct tree. */
  readonly mapped: ReadonlySet<string>;
  /**
   * The best-practice errors of every region stack, as config problems, found on what `synthesized`
   * gives for each stack (its parsed `cdk.tf.json`), or on the tree without it. Each stack's checks run
   * once: after a build that did not defer them, this returns errors `problems` already holds.
   */
  readonly bestPracticeProblems: (synthesized?: (stack: TerraformStack) => unknown) => ConfigProblem[];
}

/** How {@link buildDeployment} builds. */
export interface BuildOptions {
  /**
   * Leave the best-practice errors out of `problems`, for the caller to find with
   * {@link BuiltDeployment.bestPracticeProblems} on the synthesized Terraform: every resource is then
   * resolved once, by the synth (what the app does).
   * @default false
   */
  readonly deferBestPractices?: boolean;
}

/**
 * One `batch-<location>` stack per configured region, each with every pool and application (standby
 * regions at their standby size). Stacks share nothing. A region, pool or setting the library refuses
 * is reported under its JSON path and the rest is still built, so one run shows every problem.
 */
export function buildDeployment(scope: Construct, parsed: ParsedConfig, options: BuildOptions = {}): BuiltDeployment {
  const config = parsed.config;
  if (config === undefined) return { stacks: [], replications: [], problems: [], mapped: new Set(), bestPracticeProblems: () => [] };
  const problems: ConfigProblem[] = [];
  const stacks: BatchRegionStack[] = [];
  const backend = collecting(problems, (problem) => ({ jsonPath: childPath('$.backend', problem.path), value: problem.value, message: problem.message }),
    () => (config.backend.type === 'local' ? StateBackend.local() : StateBackend.azurerm(config.backend)));
  // Checked once, before any stack: a region that fails to build does not hide them.
  const suppressions = config.suppressions.filter(({ rule, reason }, i) => collecting(problems,
    (problem) => ({ jsonPath: `$.suppressions[${i}].${problem.path === 'ruleId' ? 'rule' : problem.path}`, value: problem.value, message: problem.message }),
    () => {
      BatchBestPractices.checkSuppression(rule, reason);
      return true;
    }));
  // The standby size reaches the library only in standby regions: checked for every pool, once.
  config.pools.forEach((pool, p) => {
    if (pool.autoscale) return;
    collecting(problems, (problem) => ({ jsonPath: `$.pools[${parsed.indexes.pools[p]}].standbyNodes`, value: problem.value, message: problem.message }),
      () => PoolScale.fixed({ dedicatedNodes: pool.standbyNodes }));
  });
  const refusedAllows = allowOutboundProblems(config, problems);
  const stackRegion = new Map<string, number>();
  const mapped = new Set<string>();
  const inConfig = new Map<TerraformStack, (problem: ValidationProblem) => ConfigProblem>();
  config.regions.forEach((entry, r) => {
    const regionIndex = parsed.indexes.regions[r];
    const region = collecting(problems, (problem) => ({ jsonPath: `$.regions[${regionIndex}].location`, value: problem.value, message: problem.message }),
      () => AzureRegion.of(entry.location));
    // A region listed twice is reported by the config (regionSetProblems) and built once.
    if (region === undefined || stackRegion.has(BatchRegionStack.stackName(region))) return;
    // Pools whose options a value object refuses are left out, and reported once (the first region).
    const pools: PoolOptions[] = [];
    const poolIndexes: number[] = [];
    config.pools.forEach((pool, p) => {
      const poolIndex = parsed.indexes.pools[p];
      const toConfig = (problem: ValidationProblem): ConfigProblem => ({
        jsonPath: childPath(`$.pools[${poolIndex}]`, problem.subject.startsWith('PoolScale') ? scaleField(problem, pool, entry.role) : problem.path),
        value: problem.value, message: problem.message,
      });
      const options = collecting(problems, toConfig, () => poolOptions(pool, entry.role));
      if (options) {
        pools.push(options);
        poolIndexes.push(poolIndex);
      }
    });
    const regionProblem = (problem: ValidationProblem): ConfigProblem => configProblemOf(problem, config, parsed, regionIndex, poolIndexes, entry);
    // An egress the library refuses is reported where it is written (once, for the deployment's).
    const egressPath = REGION_FIELDS.egress(regionIndex, entry);
    // A refused egress is built as none, so the region's other problems are still found (nothing is written).
    const egress = collecting(problems, (problem) => ({ jsonPath: childPath(egressPath, problem.path), value: problem.value, message: problem.message }),
      () => egressOf(entry.egress ?? config.egress)) ?? Egress.none();
    const stack = collecting(problems, regionProblem, () => new BatchRegionStack(scope, BatchRegionStack.stackName(region), {
      deploymentName: config.name,
      region,
      role: entry.role,
      addressSpace: entry.addressSpace,
      landingZone: entry.network,
      referenceContainers: config.referenceData?.containers,
      containerRegistryIds: config.containerRegistries.map((registry) => registry.id),
      privateDnsZoneIds: entry.privateDnsZones,
      egress,
      ruleSet: config.nodeCommunication,
      restrictOutbound: config.restrictOutbound,
      networkRules: allowRules(config, region, refusedAllows),
      pools,
      applications: config.applications,
      accountAllowedIpRanges: config.account.allowedIpRanges,
      storageNetworkAccess: config.storage.networkAccess,
      storageReplication: config.storage.replication,
      logAnalyticsWorkspaceId: config.diagnostics.logAnalyticsWorkspaceId,
      deleteLocks: config.locks,
      uniqueSuffix: config.uniqueSuffix,
      subscriptionId: config.subscriptionId,
      tags: config.tags,
      backend,
    }));
    if (stack === undefined) return;
    stackRegion.set(stack.node.id, r);
    suppressions.forEach(({ rule, reason }) => BatchBestPractices.suppress(stack, rule, reason));
    stacks.push(stack);
    inConfig.set(stack, regionProblem);
    // Problems found once the tree is complete: parts the region recorded, checks across constructs,
    // best-practice errors (unless deferred).
    for (const problem of collectProblems(stack, { bestPractices: options.deferBestPractices !== true })) {
      problems.push(regionProblem(problem));
      // The line its error annotation carries (if it has one), printed instead under its JSON path.
      mapped.add(new ValidationError([problem]).message);
    }
  });
  // The config's own rules on replication (one primary, a subscription, one cloud) come first.
  const replications = problems.length > 0 || parsed.problems.length > 0 || config.referenceData === undefined ? [] : replicationStacks(scope, config, stacks, backend, problems);
  const bestPracticeProblems = (synthesized?: (stack: TerraformStack) => unknown) => dedupe(stacks.flatMap((stack) =>
    BatchBestPractices.problemsOf(stack, synthesized?.(stack)).map((problem) => inConfigTerms(inConfig.get(stack)!(problem), config))));
  return { stacks, replications, problems: dedupe(problems.map((problem) => inConfigTerms(problem, config))), mapped, bestPracticeProblems };
}

/** One stack per standby replicating the primary's reference containers to it (checked by the config: one primary, a subscription). */
function replicationStacks(scope: Construct, config: DeploymentConfig, stacks: readonly BatchRegionStack[], backend: StateBackend | undefined, problems: ConfigProblem[]): BlobReplicationStack[] {
  const primary = stacks.find((stack) => stack.batchRegion.role === RegionRole.PRIMARY)?.batchRegion;
  if (primary?.storageAccountArmId === undefined) return [];
  return stacks.filter((stack) => stack.batchRegion.role === RegionRole.STANDBY).flatMap((stack) => {
    const standby = stack.batchRegion;
    const toConfig = (problem: ValidationProblem): ConfigProblem => ({ jsonPath: childPath('$.referenceData', problem.path), value: problem.value, message: problem.message });
    const replication = collecting(problems, toConfig, () => new BlobReplicationStack(scope, BlobReplicationStack.stackName(primary.region, standby.region), {
      sourceRegion: primary.region, destinationRegion: standby.region, subscriptionId: config.subscriptionId, backend,
      sourceStorageAccountId: primary.storageAccountArmId!, destinationStorageAccountId: standby.storageAccountArmId!,
      containers: config.referenceData!.containers, copyExistingBlobs: config.referenceData!.copyExistingBlobs,
    }));
    return replication ? [replication] : [];
  });
}

/** A problem of a region stack's props (or of a best-practice rule) as a problem of the config. */
function configProblemOf(problem: ValidationProblem, config: DeploymentConfig, parsed: ParsedConfig, regionIndex: number, poolIndexes: readonly number[], entry: RegionEntry): ConfigProblem {
  const role = entry.role;
  const pool = /^pools\[(\d+)\](?:\.?(.*))?$/.exec(problem.path);
  if (pool && problem.subject === 'BatchRegion') {
    const index = poolIndexes[Number(pool[1])];
    const rest = pool[2] ?? '';
    // The network a pool is placed in is the config's node-communication setting.
    const jsonPath = rest === 'network' ? '$.nodeCommunication' : childPath(`$.pools[${index}]`, poolField(rest, config.pools[parsed.indexes.pools.indexOf(index)], role));
    return { jsonPath, value: problem.value, message: problem.message };
  }
  const application = /^applications\[(\d+)\](.*)$/.exec(problem.path);
  if (application && problem.subject === 'BatchRegion') {
    return { jsonPath: `$.applications[${parsed.indexes.applications[Number(application[1])]}]${application[2] === '' ? '.name' : application[2]}`, value: problem.value, message: problem.message };
  }
  const registry = /^containerRegistryIds\[(\d+)\]$/.exec(problem.path);
  if (registry && problem.subject === 'BatchRegion') return { jsonPath: `$.containerRegistries[${registry[1]}].id`, value: problem.value, message: problem.message };
  const head = /^[A-Za-z]+/.exec(problem.path)?.[0] ?? '';
  const field = problem.subject === 'BatchRegion' || problem.subject === 'BatchRegionStack' ? REGION_FIELDS[head] : undefined;
  if (field) return { jsonPath: field(regionIndex, entry) + problem.path.slice(head.length), value: problem.value, message: problem.message };
  // A best-practice finding, or a problem of a construct the config does not describe: where it is.
  const where = problem.constructPath ?? problem.subject;
  const poolAt = /\/Pool-([^/]+)/.exec(where);
  const poolIndex = poolAt ? config.pools.findIndex((candidate) => candidate.name === poolAt[1]) : -1;
  const jsonPath = poolIndex >= 0 ? `$.pools[${parsed.indexes.pools[poolIndex]}]` : `$.regions[${regionIndex}]`;
  const rule = problem.ruleId ? `[${problem.ruleId}] ` : '';
  const prop = problem.path === '' ? '' : `${problem.path} `;
  return { jsonPath, showValue: false, message: `${rule}${prop}${problem.message}`, at: [where] };
}

/**
 * Problems that every region repeats (a pool's, a shared setting's) are printed once; a finding on
 * several resources lists them all.
 */
function dedupe(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const first = new Map<string, ConfigProblem>();
  for (const problem of problems) {
    const key = JSON.stringify([problem.jsonPath, problem.value, problem.message]);
    const seen = first.get(key);
    first.set(key, seen ? { ...seen, at: seen.at && problem.at ? [...seen.at, ...problem.at] : seen.at } : problem);
  }
  return [...first.values()];
}

/** The library's names for what the config spells as strings: `PoolImage.UBUNTU_2404_HPC` is `"ubuntu-24.04-hpc"`. */
const CONFIG_TERMS: ReadonlyArray<readonly [string, string]> = [
  ...Object.entries(PoolImage).flatMap(([member, image]) => {
    const name = Object.entries(PoolImage.CATALOG).find(([, candidate]) => candidate === image)?.[0];
    return name === undefined ? [] : [[`PoolImage.${member}`, `"${name}"`] as const];
  }),
  ...([['NodeCommunicationRuleSet', NodeCommunicationRuleSet], ['StorageNetworkAccess', StorageNetworkAccess], ['StorageReplication', StorageReplication],
    ['DiskStorageType', DiskStorageType], ['DiskCaching', DiskCaching], ['DiskFileSystem', DiskFileSystem], ['RegionRole', RegionRole]] as const)
    .flatMap(([enumName, values]) => Object.entries(values).map(([member, value]) => [`${enumName}.${member}`, `"${value}"`] as const)),
  // Library props and factories the config spells its own way.
  [', a landingZone or an imported network', ', or a "network" of your landing zone to adopt'] as const, ['a landingZone', 'a "network"'] as const, ['landingZone', '"network"'] as const, ['privateDnsZoneIds', '"privateDnsZones"'] as const, ['containerRegistryIds', '"containerRegistries"'] as const,
  ['Egress.throughHub({ nextHopIpAddress })', '{ "type": "hub", "nextHopIpAddress": ... }'] as const,
  ['Egress.throughHub({ routeTableId })', '{ "type": "hub", "routeTableId": ... }'] as const,
  ['give Egress.throughHub a natGateway', 'give the "hub" egress a "natGateway"'] as const, ['(Egress.throughHub)', '(the "hub" egress)'] as const,
  ['leave natGateway out', 'leave "natGateway" out'] as const, ['Egress.throughHub(...)', '{ "type": "hub", ... }'] as const,
  ['Egress.natGateway()', '{ "type": "natGateway" }'] as const, ['Egress.defaultOutbound()', '{ "type": "defaultOutbound" }'] as const, ['Egress.none()', '{ "type": "none" }'] as const,
  ['NetworkRule.allowOutbound', '"allowOutbound"'] as const,
  ['give the import its dnsServers ([] for Azure\'s)', 'give its "network" the "dnsServers" ([] for Azure\'s)'] as const,
  ['give the imported subnet\'s addressPrefix, or allow it with NetworkRule.allowOutbound(Peer.ipv4(<pool subnet prefix>), Port.allTraffic())', 'give the "network" its "addressPrefix"'] as const,
].sort((a, b) => b[0].length - a[0].length);

/** A library message in the config's words: its enum, image, prop and factory names as the config spells them. */
export function inConfigWords(text: string): string {
  let words = text;
  for (const [term, value] of CONFIG_TERMS) words = words.split(term).join(value);
  return words;
}

/**
 * A problem as the config's author reads it: the value at its JSON path as the config has it (with
 * defaults), not the library's derived one, and the library's enum and image names as config strings.
 */
function inConfigTerms(problem: ConfigProblem, config: DeploymentConfig): ConfigProblem {
  const message = inConfigWords(problem.message);
  // Tag problems may be about the name, which is in the path, not the value.
  const written = problem.showValue === false || problem.jsonPath.startsWith('$.tags') ? undefined : valueAt(config, problem.jsonPath);
  return { ...problem, message, value: written ?? problem.value };
}

/** The value at a JSON path (`$.pools[1].dataDisks[0].lun`, `$.tags["a b"]`), or `undefined`. */
function valueAt(root: unknown, jsonPath: string): unknown {
  const steps = [...jsonPath.slice(1).matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)]
    .map((match) => match[1] ?? (match[2] !== undefined ? Number(match[2]) : JSON.parse(match[3])));
  let current: unknown = root;
  for (const step of steps) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** What client applications read to find each region: which take work now, roles, account endpoints, pool ids. */
export interface DeploymentManifest {
  readonly deployment: string;
  /** `failover` (one primary) or `split` (several primaries take work at once). */
  readonly mode: DeploymentConfig['mode'];
  /** Locations that take work now: the primary, or in split mode every primary. */
  readonly working: readonly string[];
  /** Locations that wait at their standby size, for a switchover. */
  readonly standby: readonly string[];
  readonly regions: ReadonlyArray<{
    readonly location: string;
    readonly role: RegionRole;
    /** Whether clients submit work to the region now. */
    readonly takesWork: boolean;
    readonly stack: string;
    readonly accountName: string;
    /** Resource group of the account. */
    readonly resourceGroup: string;
    readonly accountEndpoint: string;
    readonly pools: { readonly [name: string]: string };
    /** The account's applications: upload each new package version to every region's account. */
    readonly applications: readonly string[];
  }>;
  /** The reference-data replication stacks: from the primary's storage to each standby's. */
  readonly replication: ReadonlyArray<{ readonly stack: string; readonly from: string; readonly to: string; readonly containers: readonly string[] }>;
}

/** The manifest of built stacks; deterministic, so it can be committed or published with each deploy. */
export function deploymentManifest(config: DeploymentConfig, stacks: readonly BatchRegionStack[], replications: readonly BlobReplicationStack[] = []): DeploymentManifest {
  const working = stacks.filter((stack) => stack.batchRegion.role === RegionRole.PRIMARY).map((stack) => stack.batchRegion.region.name);
  return {
    deployment: config.name,
    mode: config.mode,
    working,
    standby: stacks.filter((stack) => stack.batchRegion.role === RegionRole.STANDBY).map((stack) => stack.batchRegion.region.name),
    regions: stacks.map((stack) => {
      const region = stack.batchRegion;
      return {
        location: region.region.name,
        role: region.role,
        takesWork: region.role === RegionRole.PRIMARY,
        stack: stack.node.id,
        accountName: region.account.physicalName,
        resourceGroup: region.resourceGroupPhysicalName,
        accountEndpoint: `https://${region.account.accountHostName}`,
        pools: Object.fromEntries(region.pools.map((pool) => [pool.name, pool.poolId])),
        applications: config.applications.map((application) => application.name),
      };
    }),
    replication: replications.map((stack) => ({ stack: stack.node.id, from: stack.sourceRegion, to: stack.destinationRegion, containers: config.referenceData?.containers ?? [] })),
  };
}
