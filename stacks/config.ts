import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import {
  ALL_RULES, AzureCloud, AzureRegion, BatchNetwork, DiskCaching, EgressKind, DiskFileSystem, DiskStorageType, NodeCommunicationRuleSet, PoolImage, RegionRole, StorageNetworkAccess, StorageReplication,
} from '../lib';
import { DEFAULT_DEPLOYMENT_CONFIG } from './default-config';
import { ConfigProblem, formatConfigProblem, zodProblems } from './problems';

/*
 * The schema shapes the config's types and nothing more: every rule on a value (patterns, ranges,
 * regions, names, address spaces) lives in the construct or catalog that owns it, and the app reports
 * its problems under the JSON path that fed it (stacks/deployment.ts). Rules that only a deployment
 * has — several regions, roles, fields that exclude each other — are the config's own.
 */

/** A closed set of strings, listed in the message. */
function oneOf<T extends Record<string, string>>(values: T, what: string) {
  return z.enum(values, { error: `is not ${what}; use ${quoted(Object.values(values))}` });
}

function quoted(values: readonly string[]): string {
  const items = values.map((value) => `"${value}"`);
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const text = (what: string) => z.string({ error: `is not a string; give ${what}` });
const flag = () => z.boolean({ error: 'is not true or false' });
const count = (what: string) => z.number({ error: `is not a number; give ${what} as a whole number` }).int({ error: `is not a whole number; give ${what}` });

/** Environment variable naming the deployment config file. */
export const CONFIG_ENV_VAR = 'BATCH_DEPLOYMENT_CONFIG';

const egressSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal(EgressKind.NONE) }).describe('No way out: nodes reach Batch and storage through private endpoints only (the default).'),
  z.strictObject({
    type: z.literal(EgressKind.NAT_GATEWAY),
    publicIpCount: count('the number of public IPs, 1-16').optional().describe('Standard static public IPs of the NAT gateway (default 1): the addresses outside services allow-list.'),
    idleTimeoutMinutes: count('the TCP idle timeout in minutes, 4-120').optional(),
    zone: text('an availability zone: "1", "2" or "3"').optional().describe('Zone of the gateway and its IPs; default none.'),
  }).describe('A NAT gateway with its own static public IPs per region.'),
  z.strictObject({ type: z.literal(EgressKind.DEFAULT_OUTBOUND) }).describe('The subnet\'s implicit default outbound access: Microsoft\'s changing address, for trials only.'),
  z.strictObject({
    type: z.literal(EgressKind.HUB),
    nextHopIpAddress: text('the private IP of the hub firewall, e.g. "10.0.0.4"').optional().describe('A new route table sends 0.0.0.0/0 to this firewall or appliance.'),
    routeTableId: text('the ARM id of the hub\'s route table').optional().describe('Use the hub\'s route table; the routes Batch needs are added to it.'),
    natGateway: z.strictObject({
      publicIpCount: count('the number of public IPs, 1-16').optional(),
      idleTimeoutMinutes: count('the TCP idle timeout in minutes, 4-120').optional(),
      zone: text('an availability zone: "1", "2" or "3"').optional(),
    }, { error: 'is not an object; give { "publicIpCount": ... }' }).optional()
      .describe('A NAT gateway too, for the routes that go straight to the Internet past the hub (classic or union rule sets).'),
    dnsServers: z.array(text('an IPv4 address'), { error: 'is not a list; give a list of DNS server addresses' }).optional()
      .describe('The hub\'s DNS servers: set on new VNets, and allowed on port 53 under restrictOutbound.'),
  }).describe('Forced tunneling through a hub firewall or network virtual appliance.'),
], { error: `is not an egress; use { "type": ${quoted(Object.values(EgressKind))} }` });

const allowOutboundSchema = z.strictObject({
  serviceTag: text('a service tag name such as "AzureContainerRegistry"').optional()
    .describe('Destination service tag, as published; with "regional": true each region adds its own suffix.'),
  regional: flag().default(false).describe('Narrow the tag to each region (AzureContainerRegistry becomes AzureContainerRegistry.EastUS); only for tags Azure publishes per region.'),
  address: text('an IPv4 address or CIDR block').optional().describe('Destination address or block, instead of a service tag.'),
  port: count('the destination port, 1-65535'),
  protocol: z.enum(['tcp', 'udp', 'any'], { error: 'is not a protocol; use "tcp", "udp" or "any"' }).default('tcp'),
  description: text('a description').optional(),
}, { error: 'is not an object; give { "serviceTag": ..., "port": ... } or { "address": ..., "port": ... }' }).superRefine((rule, ctx) => {
  if ((rule.serviceTag === undefined) === (rule.address === undefined)) {
    ctx.addIssue({ code: 'custom', path: [rule.serviceTag === undefined ? 'serviceTag' : 'address'], input: rule.address, message: 'give exactly one of serviceTag and address' });
  }
});

const landingZoneSchema = z.union([
  z.strictObject({
    virtualNetworkId: text('the ARM id of the VNet'),
    poolSubnetPrefix: text('a free block of the VNet, e.g. "10.10.4.0/22"'),
    privateEndpointSubnetPrefix: text('a free block of the VNet, e.g. "10.10.8.0/27"').optional(),
    addressSpace: z.array(text('a CIDR block'), { error: 'is not a list; give the VNet\'s address prefixes' }).optional()
      .describe('The VNet\'s address prefixes, to check that the new subnets lie inside them.'),
    dnsServers: z.array(text('an IPv4 address'), { error: 'is not a list; give the VNet\'s DNS server addresses' }).optional()
      .describe('The DNS servers the VNet uses, [] for Azure\'s own; allowed on port 53 under restrictOutbound.'),
  }).describe('An existing VNet: the region creates its pool (and endpoint) subnet in it.'),
  z.strictObject({
    subnetId: text('the ARM id of the pool subnet'),
    addressPrefix: text('the subnet\'s CIDR block').optional().describe('Prefix of the subnet, for the capacity check.'),
    networkSecurityGroupId: text('the ARM id of the NSG associated with the subnet').optional().describe('Add the rules to this NSG instead of creating one.'),
    privateEndpointSubnetId: text('the ARM id of the endpoint subnet').optional().describe('Subnet of the same VNet for the private endpoints; default the pool subnet.'),
    privateEndpointSubnetPrefix: text('the endpoint subnet\'s CIDR block').optional(),
    dnsServers: z.array(text('an IPv4 address'), { error: 'is not a list; give the VNet\'s DNS server addresses' }).optional()
      .describe('The DNS servers the VNet uses, [] for Azure\'s own; allowed on port 53 under restrictOutbound.'),
  }).describe('Existing subnets: pools (and endpoints) go into them as they are.'),
], { error: 'is not a network; give { "virtualNetworkId": ..., "poolSubnetPrefix": ... } or { "subnetId": ... }' });

const regionSchema = z.strictObject({
  // The enum is for editors only, derived from the catalog; the region's construct checks the value.
  location: text('an Azure region ARM name such as "eastus"').meta({
    description: 'ARM name of a region with simplified node communication.',
    enum: AzureRegion.all().filter((region) => region.supportsSimplifiedNodeCommunication && !region.retired).map((region) => region.name),
  }),
  addressSpace: text('a CIDR block such as "10.10.0.0/16"').optional()
    .meta({ description: 'IPv4 CIDR block of the region\'s new VNet; the pool subnet is its first half. Give this or network.', examples: ['10.10.0.0/16'] }),
  network: landingZoneSchema.optional().describe('A VNet or subnets of your landing zone to adopt instead of a new VNet.'),
  privateDnsZones: z.strictObject({
    batch: text('the ARM id of the privatelink.batch zone').optional(),
    blob: text('the ARM id of the privatelink.blob zone').optional(),
    containerRegistry: text('the ARM id of the privatelink.azurecr zone').optional(),
  }, { error: 'is not an object; give { "batch": ..., "blob": ... }' }).optional()
    .describe('Private DNS zones the hub owns: the region creates no zone and no VNet link of its own.'),
  egress: egressSchema.optional().describe('How this region\'s nodes reach the Internet; overrides the deployment\'s egress.'),
  role: oneOf(RegionRole, 'a role').default(RegionRole.PRIMARY),
}, { error: 'is not an object; give { "location": ..., "addressSpace": ..., "role": ... }' });

const dataDiskSchema = z.strictObject({
  lun: count('the LUN, 0-63'),
  sizeGb: count('the size in GiB'),
  mountPath: text('an absolute path such as "/data/work"'),
  fileSystem: oneOf(DiskFileSystem, 'a file system').optional(),
  caching: oneOf(DiskCaching, 'a caching mode').optional(),
  storageType: oneOf(DiskStorageType, 'a disk type').optional(),
}, { error: 'is not an object; give { "lun": ..., "sizeGb": ..., "mountPath": ... }' });

const autoscaleSchema = z.strictObject({
  maxNodes: count('the most nodes the pool may reach').describe('Upper bound of nodes; sizes the subnet.'),
  formula: text('a Batch autoscale formula').optional().describe('Your autoscale formula; without it, nodes follow pending tasks up to maxNodes.'),
  spot: flag().default(false).describe('Scale Spot instead of dedicated nodes (pending-tasks formula only).'),
  evaluationIntervalMinutes: count('the evaluation interval in minutes').default(15),
}, { error: 'is not an object; give { "maxNodes": ... }' }).superRefine((autoscale, ctx) => {
  if (autoscale.formula !== undefined && autoscale.spot) {
    ctx.addIssue({ code: 'custom', path: ['spot'], input: true, message: 'only applies to the pending-tasks formula, and a formula of yours ignores it; set $TargetLowPriorityNodes in the formula, or leave the formula out' });
  }
});

const poolSchema = z.strictObject({
  name: text('a pool name such as "work"').describe('Pool name; the pool id is <name>-<hash of settings that force replacement>.'),
  vmSize: text('a VM size such as "Standard_D4s_v5"'),
  image: z.enum(Object.keys(PoolImage.CATALOG) as [string, ...string[]], { error: `is not a catalog image; use ${quoted(Object.keys(PoolImage.CATALOG))}` })
    .default('ubuntu-24.04'),
  dedicatedNodes: count('the dedicated node count').default(0).describe('Dedicated nodes in the primary region.'),
  spotNodes: count('the Spot node count').default(0).describe('Spot nodes in the primary region.'),
  standbyNodes: count('the standby node count').default(0).describe('Dedicated nodes the pool keeps in standby regions.'),
  autoscale: autoscaleSchema.optional().describe('Autoscale instead of a fixed size.'),
  taskSlotsPerNode: count('the task slots per node').default(1),
  interNodeCommunication: flag().default(false)
    .describe('For multi-instance (MPI) tasks; caps the pool at 100 nodes. The provider never updates it, so changing it replaces the pool.'),
  publicIpMode: z.enum(['none', 'batchManaged'], { error: 'is not a public IP mode; use "none" or "batchManaged"' }).default('none'),
  containerImages: z.array(text('an image name'), { error: 'is not a list; give a list of container images' })
    .min(1, { error: 'is empty; list the images to pre-fetch, or leave containerImages out for a pool without containers' })
    .optional().describe('Makes it a container pool with these images pre-fetched.'),
  registries: z.array(z.strictObject({
    server: text('a registry login server such as "contoso.azurecr.io"'),
    identityId: text('the ARM id of a user-assigned identity with AcrPull on the registry'),
  }, { error: 'is not an object; give { "server": ..., "identityId": ... }' }), { error: 'is not a list; give a list of registries' }).optional()
    .describe('Private registries the nodes pull from, each with the managed identity they pull as (never a password).'),
  dataDisks: z.array(dataDiskSchema, { error: 'is not a list; give a list of data disks' }).default([]),
  startTaskCommands: z.array(text('a shell command'), { error: 'is not a list; give a list of shell commands' }).default([]),
}, { error: 'is not an object; give { "name": ..., "vmSize": ..., ... }' }).superRefine((pool, ctx) => {
  if (pool.autoscale && pool.dedicatedNodes + pool.spotNodes + pool.standbyNodes > 0) {
    ctx.addIssue({
      code: 'custom', path: ['autoscale'], input: pool.autoscale,
      message: 'cannot be combined with dedicatedNodes, spotNodes or standbyNodes; give either a fixed size or autoscale',
    });
  }
});

const applicationSchema = z.strictObject({
  name: text('an application id'),
  displayName: text('a display name').optional(),
  allowUpdates: flag().default(false),
}, { error: 'is not an object; give { "name": ... }' });

const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local') }),
  z.strictObject({
    type: z.literal('azurerm'),
    resourceGroupName: text('the resource group of the state storage account'),
    storageAccountName: text('the state storage account'),
    containerName: text('the blob container for state'),
    keyPrefix: text('a key prefix').default(''),
    subscriptionId: text('the subscription id (a GUID)').optional(),
  }),
], { error: 'is not a backend; use { "type": "local" } or { "type": "azurerm", ... }' });

/** Top-level fields; the elements of `regions`, `pools` and `applications` are parsed one by one. */
const topFields = {
  $schema: z.string().optional(),
  name: text('3-11 lowercase letters or digits, e.g. "contoso"').describe('Deployment name, 3-11 lowercase letters or digits; every physical name starts from it.'),
  mode: z.enum(['failover', 'split'], { error: 'is not a mode; use "failover" (one primary, standbys take over) or "split" (two or more primaries take work at once)' })
    .default('failover')
    .describe('"failover": exactly one primary takes work, standbys wait at their standby size. "split": two or more primaries take work at full size at the same time, with or without standbys (seed: high availability, "split between two or more regions").'),
  nodeCommunication: oneOf(NodeCommunicationRuleSet, 'a rule set').default(NodeCommunicationRuleSet.SIMPLIFIED).describe('NSG rule set of the pool subnets.'),
  account: z.strictObject({
    allowedIpRanges: z.array(text('a public IPv4 address or CIDR block'), { error: 'is not a list; give a list of public IPv4 ranges' }).default([])
      .describe('Public ranges allowed to reach the Batch API; empty keeps public access disabled.'),
  }, { error: 'is not an object; give { "allowedIpRanges": [...] }' }).default({ allowedIpRanges: [] }),
  storage: z.strictObject({
    networkAccess: oneOf(StorageNetworkAccess, 'a storage network access')
      .default(StorageNetworkAccess.PRIVATE).describe('"private" (public endpoint off) by default; "public" is needed for application packages (Batch documents they do not work behind a storage firewall).'),
    replication: oneOf(StorageReplication, 'a replication').default(StorageReplication.LRS),
  }, { error: 'is not an object; give { "networkAccess": ..., "replication": ... }' }).default({ networkAccess: StorageNetworkAccess.PRIVATE, replication: StorageReplication.LRS }),
  diagnostics: z.strictObject({
    logAnalyticsWorkspaceId: text('a Log Analytics workspace resource id').optional().describe('Send diagnostics here instead of a workspace per region.'),
  }, { error: 'is not an object; give { "logAnalyticsWorkspaceId": ... }' }).default({}),
  locks: flag().default(false).describe('A CanNotDelete lock on each auto-storage account and prevent_destroy on each Batch account (an Azure lock on it would block every pool replacement).'),
  restrictOutbound: flag().default(false).describe('Deny outbound traffic the rules do not allow.'),
  referenceData: z.strictObject({
    containers: z.array(text('a container name such as "reference"'), { error: 'is not a list; give the containers to replicate' })
      .min(1, { error: 'is empty; name the containers to replicate, or leave referenceData out' }),
    copyExistingBlobs: flag().default(false).describe('Copy the blobs that exist when replication starts, not only new ones.'),
  }, { error: 'is not an object; give { "containers": [...] }' }).optional()
    .describe('Reference-data containers in every region\'s storage, replicated from the primary to each standby by a stack batch-replication-<primary>-<standby>.'),
  containerRegistries: z.array(z.strictObject({
    id: text('the ARM id of an Azure Container Registry (Premium)'),
  }, { error: 'is not an object; give { "id": ... }' }), { error: 'is not a list; give a list of registries' }).default([])
    .describe('Azure Container Registries every region reaches through a private endpoint in its endpoint subnet.'),
  allowOutbound: z.array(allowOutboundSchema, { error: 'is not a list; give a list of destinations' }).default([])
    .describe('Destinations nodes may reach under restrictOutbound (package feeds, registries, license servers), in every region.'),
  egress: egressSchema.default({ type: EgressKind.NONE }).describe('How nodes reach the Internet in every region (a region may override it): none, natGateway, defaultOutbound or hub.'),
  subscriptionId: text('the subscription id (a GUID)').optional()
    .describe('Subscription every region deploys to; also makes the global storage and Batch account names unique to it. Set it before the first deploy: adding it later renames (replaces) the accounts.'),
  uniqueSuffix: text('1-8 lowercase letters or digits').optional().describe('Change to get fresh globally unique names when recreating a deployment.'),
  tags: z.preprocess((raw, ctx) => {
    // JSON.parse keeps a "__proto__" key, which a record would drop without a word.
    if (raw !== null && typeof raw === 'object' && Object.hasOwn(raw, '__proto__')) {
      ctx.addIssue({ code: 'custom', path: ['__proto__'], input: (raw as Record<string, unknown>)['__proto__'], message: 'is not a tag name Azure or JavaScript can carry; rename it' });
    }
    return raw;
  }, z.record(z.string(), text('a tag value: tag values are strings'), { error: 'is not an object of tag names to values' })).default({}),
  findingsReport: flag().default(false)
    .describe('Write best-practice-findings.json next to the stacks: every warning and suppression, with its rule, resource and message.'),
  backend: backendSchema.default({ type: 'local' }).describe('State backend; azurerm keeps one state key per region stack.'),
  suppressions: z.array(z.strictObject({
    rule: text(`a rule id, e.g. "${ALL_RULES[0].id}" (see RULES.md)`),
    reason: text('why the rule does not apply'),
  }, { error: 'is not an object; give { "rule": ..., "reason": ... }' }), { error: 'is not a list' }).default([])
    .describe('Best-practice rules to suppress in every region stack, each with its reason (reported at synth).'),
};

const elements = {
  regions: z.array(regionSchema, { error: 'is not a list; give a list of regions' }).min(1, { error: 'is empty; give at least one region' })
    .describe('One stack batch-<location> per region.'),
  pools: z.array(poolSchema, { error: 'is not a list; give a list of pools' }).default([]).describe('Pools every region gets (standby regions at their standby size).'),
  applications: z.array(applicationSchema, { error: 'is not a list; give a list of applications' }).default([]).describe('Batch applications every region gets.'),
};

const NOT_AN_OBJECT = 'is not an object; give a JSON object with "name", "regions" and "pools"';
const configSchema = z.strictObject({ ...topFields, ...elements }, { error: NOT_AN_OBJECT });
/** The config with its lists taken as they are, so each element is parsed (and reported) on its own. */
const shellSchema = z.strictObject({
  ...topFields,
  regions: z.array(z.unknown(), { error: 'is not a list; give a list of regions' }).min(1, { error: 'is empty; give at least one region' }),
  pools: z.array(z.unknown(), { error: 'is not a list; give a list of pools' }).default([]),
  applications: z.array(z.unknown(), { error: 'is not a list; give a list of applications' }).default([]),
}, { error: NOT_AN_OBJECT });

/** The JSON Schema of the deployment config, for editors (`"$schema"`). */
export function deploymentConfigJsonSchema(): object {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'cdktf-azure-batch deployment config',
  };
}

/** The deployment config as written (defaults not yet applied). */
export type DeploymentConfigInput = z.input<typeof configSchema>;
/** The deployment config, validated, with defaults applied. */
export type DeploymentConfig = z.output<typeof configSchema>;

/**
 * A config as far as it parsed: the elements that parsed, with the index each had in the file, so the
 * library's problems with them are reported under their JSON paths.
 */
export interface ParsedConfig {
  /** Where the config came from: a file name or `default config`. */
  readonly source: string;
  /** The config without the elements that did not parse, or `undefined` when its top level did not. */
  readonly config?: DeploymentConfig;
  /** Index in the file of each element of `config.regions`, `config.pools` and `config.applications`. */
  readonly indexes: { readonly regions: readonly number[]; readonly pools: readonly number[]; readonly applications: readonly number[] };
  /** Problems of the config's shape and its own cross-field rules. */
  readonly problems: readonly ConfigProblem[];
}

/** Result of reading a config: the config, or one line per problem of its shape and cross-field rules. */
export type ConfigResult = { readonly ok: true; readonly config: DeploymentConfig; readonly source: string } | { readonly ok: false; readonly errors: string[] };

/** Parses a config, element by element; every problem of its shape and cross-field rules is reported. */
export function readDeploymentConfig(input: unknown, source: string): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const noIndexes = { regions: [], pools: [], applications: [] };
  const each = <T>(list: readonly unknown[], schema: z.ZodType<T>, key: string) => {
    const kept: T[] = [];
    const indexes: number[] = [];
    list.forEach((item, i) => {
      const result = schema.safeParse(item, { reportInput: true });
      if (result.success) {
        kept.push(result.data);
        indexes.push(i);
      } else {
        problems.push(...zodProblems(result.error, `$.${key}[${i}]`));
      }
    });
    return { kept, indexes };
  };
  let top = shellSchema.safeParse(input, { reportInput: true });
  if (!top.success) {
    problems.push(...zodProblems(top.error, '$'));
    const broken = new Set(top.error.issues.map((issue) => String(issue.path[0] ?? '')));
    if (input === null || typeof input !== 'object' || Array.isArray(input) || broken.has('')) return { source, indexes: noIndexes, problems };
    const raw = input as Record<string, unknown>;
    if (broken.has('regions')) {
      // Without regions nothing is built, but the elements that are there are still checked.
      if (Array.isArray(raw.pools)) each(raw.pools, poolSchema, 'pools');
      if (Array.isArray(raw.applications)) each(raw.applications, applicationSchema, 'applications');
      return { source, indexes: noIndexes, problems };
    }
    // Fields that broke fall back to their defaults (the name to a stand-in), so the rest is still built
    // and checked; with problems already reported, nothing is written.
    const rest: Record<string, unknown> = Object.fromEntries(Object.entries(raw).filter(([key]) => !broken.has(key)));
    if (broken.has('name')) rest.name = 'unnamed';
    top = shellSchema.safeParse(rest, { reportInput: true });
    if (!top.success) return { source, indexes: noIndexes, problems };
  }
  const parsed = top.data;
  const regions = each(parsed.regions, regionSchema, 'regions');
  const pools = each(parsed.pools, poolSchema, 'pools');
  const applications = each(parsed.applications, applicationSchema, 'applications');
  problems.push(...regionSetProblems(regions.kept, regions.indexes, regions.kept.length === parsed.regions.length, parsed.egress, parsed.containerRegistries.length > 0, parsed.mode, parsed.referenceData, parsed.subscriptionId));
  problems.push(...cloudSetProblems(parsed, regions.kept));
  const config: DeploymentConfig = { ...parsed, regions: regions.kept, pools: pools.kept, applications: applications.kept };
  return { source, config, indexes: { regions: regions.indexes, pools: pools.indexes, applications: applications.indexes }, problems };
}

/** Validates a parsed config's shape and cross-field rules; every problem is reported with its JSON path. */
export function parseDeploymentConfig(input: unknown, source: string): ConfigResult {
  const parsed = readDeploymentConfig(input, source);
  if (parsed.problems.length === 0 && parsed.config) return { ok: true, config: parsed.config, source };
  return { ok: false, errors: parsed.problems.map((problem) => `${source}: ${formatConfigProblem(problem)}`) };
}

/** Reads the config named by `BATCH_DEPLOYMENT_CONFIG`, or the embedded default when it is unset. */
export function loadDeploymentConfig(env: NodeJS.ProcessEnv = process.env): ParsedConfig | { readonly errors: string[] } {
  const file = env[CONFIG_ENV_VAR];
  if (file === undefined || file === '') return readDeploymentConfig(DEFAULT_DEPLOYMENT_CONFIG, 'default config');
  let contents: string;
  try {
    // A FIFO would block the read forever and a device would never end: regular files only, and small.
    const stat = statSync(file);
    if (!stat.isFile()) return { errors: [`${CONFIG_ENV_VAR}=${file}: is not a regular file; point ${CONFIG_ENV_VAR} at a JSON deployment config`] };
    if (stat.size > MAX_CONFIG_BYTES) {
      return { errors: [`${CONFIG_ENV_VAR}=${file}: is ${stat.size} bytes, over the ${MAX_CONFIG_BYTES} a deployment config may have; point ${CONFIG_ENV_VAR} at the config itself`] };
    }
    contents = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    return { errors: [`${CONFIG_ENV_VAR}=${file}: the file ${reason}; point ${CONFIG_ENV_VAR} at a JSON deployment config, or unset it to use the default`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(contents);
  } catch (error) {
    return { errors: [`${file}: is not valid JSON (${(error as Error).message}); fix the syntax`] };
  }
  try {
    return readDeploymentConfig(json, file);
  } catch (error) {
    // Validation recurses into the config; a config nested thousands of levels deep exhausts the stack.
    if (error instanceof RangeError) return { errors: [`${file}: nests too deeply to be a deployment config; give the flat structure of the schema`] };
    throw error;
  }
}

/** Largest config file read: a generous deployment of every region and hundreds of pools is far below it. */
const MAX_CONFIG_BYTES = 1024 * 1024;

type RegionEntry = DeploymentConfig['regions'][number];

/**
 * The deployment's own rules on its set of regions: each listed once, address spaces apart (so the
 * VNets can be peered), exactly one primary. Locations and address spaces that are not valid are
 * left to the region's constructs, which report them.
 */
function regionSetProblems(
  regions: readonly RegionEntry[], indexes: readonly number[], complete: boolean, egress?: DeploymentConfig['egress'], registriesListed = false,
  mode: DeploymentConfig['mode'] = 'failover', reference?: DeploymentConfig['referenceData'], subscriptionId?: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (i: number, key: string) => `$.regions[${indexes[i]}].${key}`;
  const seen = new Map<string, number>();
  regions.forEach((region, i) => {
    const key = region.location.toLowerCase().replace(/[\s()]/g, '');
    const first = seen.get(key);
    if (first !== undefined) problems.push({ jsonPath: at(i, 'location'), value: region.location, message: `repeats regions[${indexes[first]}]; each region gets one stack, so list it once` });
    else seen.set(key, i);
  });
  regions.forEach((region, i) => {
    regions.slice(0, i).forEach((other, j) => {
      if (region.addressSpace !== undefined && other.addressSpace !== undefined && BatchNetwork.addressSpacesOverlap(region.addressSpace, other.addressSpace)) {
        problems.push({
          jsonPath: at(i, 'addressSpace'), value: regions[i].addressSpace,
          message: `overlaps regions[${indexes[j]}].addressSpace ${regions[j].addressSpace}; give each region its own range so the VNets can be peered`,
        });
      }
    });
  });
  // A route table serves VNets of its own region only (Learn "Create, change, or delete a route table").
  // The table each region's pool subnet would use: its own egress's, or the deployment's.
  const tableUsers = new Map<string, Array<{ region: number; path: string; id: string }>>();
  regions.forEach((region, i) => {
    const used = region.egress ?? egress;
    if (used?.type !== 'hub' || used.routeTableId === undefined) return;
    const key = used.routeTableId.toLowerCase();
    tableUsers.set(key, [...(tableUsers.get(key) ?? []), { region: i, path: region.egress ? at(i, 'egress.routeTableId') : '$.egress.routeTableId', id: used.routeTableId }]);
  });
  for (const users of tableUsers.values()) {
    if (users.length < 2) continue;
    if (users.every((user) => user.path === '$.egress.routeTableId')) {
      problems.push({
        jsonPath: '$.egress.routeTableId', value: users[0].id,
        message: `is one region's route table, and ${users.length} regions would use it (${users.map((user) => regions[user.region].location).join(', ')}); a route table serves VNets of its own region only, so give each region its own "egress" with its table`,
      });
      continue;
    }
    const [first, ...others] = users;
    const reported = new Set<string>();
    for (const user of others) {
      if (reported.has(user.path)) continue;
      reported.add(user.path);
      problems.push({
        jsonPath: user.path, value: user.id,
        message: `is the route table regions[${indexes[first.region]}] (${regions[first.region].location}) uses too, for regions[${indexes[user.region]}] (${regions[user.region].location}); a route table serves VNets of its own region only, so give each region its own "egress" with its own region's table`,
      });
    }
  }
  // ACR private endpoints write the registry's records (<registry>, <registry>.<region>.data) in the zone
  // (Learn "Connect privately to an Azure container registry using Azure Private Link", "Configure the
  // private DNS zone"): two regions in one zone overwrite each other's, and destroying one removes the other's.
  if (registriesListed) {
    const byZone = new Map<string, number>();
    regions.forEach((region, i) => {
      const zone = region.privateDnsZones?.containerRegistry?.toLowerCase();
      if (zone === undefined) return;
      const first = byZone.get(zone);
      if (first === undefined) {
        byZone.set(zone, i);
        return;
      }
      problems.push({
        jsonPath: at(i, 'privateDnsZones.containerRegistry'), value: region.privateDnsZones!.containerRegistry,
        message: `is the zone of regions[${indexes[first]}] too, and every region's endpoint to the same registry writes the same records in it, so the last deploy wins and destroying a region removes the others' records; give each region a zone of its own, or leave it out (the region creates one linked to its VNet)`,
      });
    });
  }
  if (reference !== undefined) problems.push(...referenceDataProblems(regions, indexes, mode, subscriptionId));
  // Roles are counted only when every region parsed: a region left out may be the primary.
  if (regions.length === 0 || !complete) return problems;
  const primaries = regions.flatMap((region, i) => (region.role === RegionRole.PRIMARY ? [i] : []));
  if (primaries.length === 0) {
    problems.push({ jsonPath: '$.regions', value: regions.map((region) => region.location), message: 'has no primary region; set "role": "primary" on the region that takes the workload' });
  }
  if (mode === 'split' && primaries.length === 1) {
    problems.push({
      jsonPath: '$.mode', value: mode,
      message: `splits the work between primary regions, but only regions[${indexes[primaries[0]]}] is primary; make two or more regions "primary", or use "failover"`,
    });
  }
  // In failover, a second primary is an accident: clients would take it for the one that works.
  if (mode === 'failover') {
    primaries.slice(1).forEach((i) => {
      problems.push({ jsonPath: at(i, 'role'), value: 'primary', message: `repeats the primary role of regions[${indexes[primaries[0]]}]; make one region primary and the others "standby", or set "mode": "split" to have several take work` });
    });
  }
  return problems;
}

/** The locations of `regions` by their cloud, for those the catalog knows (the region reports one it does not). */
function regionsByCloud(regions: readonly RegionEntry[]): Map<AzureCloud, string[]> {
  const byCloud = new Map<AzureCloud, string[]>();
  for (const { location } of regions) {
    if (!AzureRegion.isKnown(location)) continue;
    const cloud = AzureRegion.of(location).cloud;
    byCloud.set(cloud, [...(byCloud.get(cloud) ?? []), location]);
  }
  return byCloud;
}

/**
 * What one deployment cannot share across clouds, which are separate instances of Azure, each with its
 * own endpoints (Learn, Microsoft identity platform, "National clouds": "Each cloud instance is separate
 * from the others and has its own environment and endpoints"): one state storage account, which each
 * region's stack looks for in its own cloud (the azurerm backend's `environment`, set per stack by
 * `StateBackend.azurerm`), one subscription, one Log Analytics workspace for every region's diagnostics,
 * and a container registry every region reaches through a private endpoint of its own.
 */
function cloudSetProblems(config: Pick<DeploymentConfig, 'backend' | 'subscriptionId' | 'diagnostics' | 'containerRegistries'>, regions: readonly RegionEntry[]): ConfigProblem[] {
  const clouds = regionsByCloud(regions);
  if (clouds.size < 2) return [];
  const spread = `the regions are in ${clouds.size} clouds (${[...clouds].map(([cloud, locations]) => `${cloud}: ${locations.join(', ')}`).join('; ')})`;
  const ownConfigs = 'deploy the regions of each cloud from a config of their own';
  const problems: ConfigProblem[] = [];
  if (config.backend.type === 'azurerm') {
    problems.push({ jsonPath: '$.backend.storageAccountName', value: config.backend.storageAccountName, message: `is one state storage account, in one cloud, but ${spread}, and each region's stack looks for it in its own cloud; ${ownConfigs}, or use { "type": "local" }` });
  }
  if (config.subscriptionId !== undefined) {
    problems.push({ jsonPath: '$.subscriptionId', value: config.subscriptionId, message: `is one subscription, which is in one cloud, but ${spread}; leave it out (each deploy then takes its cloud's subscription), or ${ownConfigs}` });
  }
  if (config.diagnostics.logAnalyticsWorkspaceId !== undefined) {
    problems.push({ jsonPath: '$.diagnostics.logAnalyticsWorkspaceId', value: config.diagnostics.logAnalyticsWorkspaceId, message: `is one workspace, in one cloud, but ${spread}; leave it out (each region then gets a workspace of its own), or ${ownConfigs}` });
  }
  config.containerRegistries.forEach((registry, i) => problems.push({
    jsonPath: `$.containerRegistries[${i}].id`, value: registry.id, message: `is one registry, in one cloud, and every region reaches it through a private endpoint, but ${spread}; ${ownConfigs}`,
  }));
  return problems;
}

/**
 * Replication of reference data goes from the one primary to each standby, between accounts named by
 * ARM ids built at synth time: it needs the subscription, failover mode, and at most two standbys (Learn
 * "Object replication for block blobs", "Replication policies": a source account replicates to at most two destinations).
 */
function referenceDataProblems(regions: readonly RegionEntry[], indexes: readonly number[], mode: DeploymentConfig['mode'], subscriptionId: string | undefined): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (subscriptionId === undefined) {
    problems.push({ jsonPath: '$.referenceData', showValue: false, message: 'needs "subscriptionId": the replication stacks name the regions\' storage accounts by their ARM ids, so no stack references another' });
  }
  if (mode !== 'failover') {
    problems.push({ jsonPath: '$.referenceData', showValue: false, message: 'replicates from the one primary to the standbys, and split mode has several primaries; leave referenceData out in split mode' });
  }
  const clouds = regionsByCloud(regions);
  if (clouds.size > 1) {
    problems.push({ jsonPath: '$.referenceData', showValue: false, message: `replicates between regions of different clouds (${[...clouds.keys()].join(', ')}), which object replication cannot; keep the deployment in one cloud, or leave referenceData out` });
  }
  const standbys = regions.flatMap((region, i) => (region.role === RegionRole.STANDBY ? [i] : []));
  if (standbys.length > 2) {
    problems.push({
      jsonPath: `$.regions[${indexes[standbys[2]]}].role`, value: 'standby',
      message: 'is a third standby, and a storage account replicates to at most two; keep two standbys with referenceData, or copy the third region\'s reference data another way',
    });
  }
  return problems;
}
