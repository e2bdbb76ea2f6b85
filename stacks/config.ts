import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { AzureRegion } from '../lib/catalog/azure-region';
import { NodeCommunicationRuleSet } from '../lib/network/node-communication-rule-set';
import { PoolImage } from '../lib/catalog/pool-image';
import { MIN_SUPPRESSION_REASON_LENGTH } from '../lib/checks/batch-best-practices';
import { ALL_RULES } from '../lib/checks/rules';
import { DiskCaching, DiskFileSystem, DiskStorageType } from '../lib/pool/data-disk-start-task';
import { Ipv4Cidr, publicIpRuleProblem } from '../lib/private/cidr';
import { ArmIdKind, parseArmId } from '../lib/private/arm-id';
import { NameRules } from '../lib/private/names';
import { StorageNetworkAccess, StorageReplication } from '../lib/storage/paired-storage-account';
import { closestMatches, quotedList } from '../lib/private/did-you-mean';
import { formatProblem, zodProblems } from '../lib/private/problems';
import { DEPLOYMENT_NAME_PATTERN, LIBRARY_TAGS } from '../lib/region/batch-region';
import { RegionRole } from '../lib/region/region-role';
import { STATE_ACCOUNT_NAME, STATE_CONTAINER_NAME } from '../lib/state/state-backend';
import { DEFAULT_DEPLOYMENT_CONFIG } from './default-config';

/** Environment variable naming the deployment config file. */
export const CONFIG_ENV_VAR = 'BATCH_DEPLOYMENT_CONFIG';

const cidr = z.string({ error: 'is not a string; give a CIDR block such as "10.10.0.0/16"' }).superRefine((text, ctx) => {
  const parsed = Ipv4Cidr.parse(text);
  const problem = typeof parsed === 'string' ? parsed : parsed.azureAddressSpaceProblem();
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: text });
}).meta({ description: 'IPv4 CIDR block of the region\'s VNet; the pool subnet is its first half.', pattern: '^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$', examples: ['10.10.0.0/16'] });

const location = z.string({ error: 'is not a string; give an Azure region ARM name such as "eastus"' }).superRefine((text, ctx) => {
  if (AzureRegion.isKnown(text)) {
    const region = AzureRegion.of(text);
    if (!region.supportsSimplifiedNodeCommunication) {
      ctx.addIssue({ code: 'custom', input: text, message: 'does not support simplified compute node communication, the only mode since classic retired on 2026-03-31; choose another region' });
    }
    return;
  }
  const suggestions = closestMatches(text.toLowerCase(), AzureRegion.all().map((region) => region.name));
  const hint = suggestions.length > 0 ? `; did you mean ${quotedList(suggestions)}?` : '; use the ARM name of a region, e.g. "eastus"';
  ctx.addIssue({ code: 'custom', message: `is not an Azure region${hint}`, input: text });
}).meta({
  description: 'ARM name of a region with simplified node communication.',
  enum: AzureRegion.all().filter((region) => region.supportsSimplifiedNodeCommunication && !region.retired).map((region) => region.name),
});

const regionSchema = z.strictObject({
  location,
  addressSpace: cidr,
  role: z.enum(RegionRole, { error: `is not a role; use ${quotedList(Object.values(RegionRole))}` }).default(RegionRole.PRIMARY),
}, { error: 'is not an object; give { "location": ..., "addressSpace": ..., "role": ... }' });

const wholeNumber = (what: string, min: number, max: number) =>
  z.number({ error: `is not a number; give ${what} as a whole number from ${min} to ${max}` })
    .int({ error: `is not a whole number; give ${what} from ${min} to ${max}` })
    .min(min, { error: `is below ${min}; give ${what} from ${min} to ${max}` })
    .max(max, { error: `is above ${max}; give ${what} from ${min} to ${max}` });

const dataDiskSchema = z.strictObject({
  lun: wholeNumber('the LUN', 0, 63),
  sizeGb: wholeNumber('the size in GiB', 1, 32767),
  mountPath: z.string({ error: 'is not a string; give an absolute path such as "/data/work"' })
    .regex(/^\/[A-Za-z0-9._/-]*[A-Za-z0-9._-]$/, { error: 'is not an absolute path; give one such as "/data/work" (letters, digits, ".", "_", "-" and "/")' }),
  fileSystem: z.enum(DiskFileSystem, { error: `is not a file system; use ${quotedList(Object.values(DiskFileSystem))}` }).optional(),
  caching: z.enum(DiskCaching, { error: `is not a caching mode; use ${quotedList(Object.values(DiskCaching))}` }).optional(),
  storageType: z.enum(DiskStorageType, { error: `is not a disk type; use ${quotedList(Object.values(DiskStorageType))}` }).optional(),
}, { error: 'is not an object; give { "lun": ..., "sizeGb": ..., "mountPath": ... }' });

const publicIpRange = z.string({ error: 'is not a string; give a public IPv4 address or CIDR block' }).superRefine((text, ctx) => {
  const problem = publicIpRuleProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: text });
});

const armId = (kind: ArmIdKind) => z.string({ error: `is not a string; give a ${kind} resource id` }).superRefine((text, ctx) => {
  const parsed = parseArmId(text, kind);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed, input: text });
});

const autoscaleSchema = z.strictObject({
  maxNodes: wholeNumber('the most nodes the pool may reach', 1, 3000).describe('Upper bound of nodes; sizes the subnet.'),
  formula: z.string({ error: 'is not a string; give a Batch autoscale formula' }).min(1, { error: 'is empty; give a formula or leave it out for the pending-tasks formula' })
    .optional().describe('Your autoscale formula; without it, nodes follow pending tasks up to maxNodes.'),
  spot: z.boolean({ error: 'is not true or false' }).default(false).describe('Scale Spot instead of dedicated nodes (pending-tasks formula only).'),
  evaluationIntervalMinutes: wholeNumber('the evaluation interval in minutes', 5, 10080).default(15),
}, { error: 'is not an object; give { "maxNodes": ... }' }).superRefine((autoscale, ctx) => {
  if (autoscale.formula !== undefined && autoscale.spot) {
    ctx.addIssue({ code: 'custom', path: ['spot'], input: true, message: 'only applies to the pending-tasks formula, and a formula of yours ignores it; set $TargetLowPriorityNodes in the formula, or leave the formula out' });
  }
});

const poolSchema = z.strictObject({
  name: z.string({ error: 'is not a string; give a pool name such as "work"' })
    .regex(/^[A-Za-z0-9_-]{1,57}$/, { error: 'is not a pool name; use 1-57 letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)' })
    .describe('Pool name; the pool id is <name>-<hash of settings that force replacement>.'),
  vmSize: z.string({ error: 'is not a string; give a VM size such as "Standard_D4s_v5"' })
    .regex(/^[A-Za-z0-9_]+$/, { error: 'is not a VM size; give one such as "Standard_D4s_v5"' }),
  image: z.enum(Object.keys(PoolImage.CATALOG) as [string, ...string[]], { error: `is not a catalog image; use ${quotedList(Object.keys(PoolImage.CATALOG))}` })
    .default('ubuntu-24.04'),
  dedicatedNodes: wholeNumber('the dedicated node count', 0, 2000).default(0).describe('Dedicated nodes in the primary region.'),
  spotNodes: wholeNumber('the Spot node count', 0, 1000).default(0).describe('Spot nodes in the primary region.'),
  standbyNodes: wholeNumber('the standby node count', 0, 2000).default(0).describe('Dedicated nodes the pool keeps in standby regions.'),
  autoscale: autoscaleSchema.optional().describe('Autoscale instead of a fixed size.'),
  taskSlotsPerNode: wholeNumber('the task slots per node', 1, 256).default(1),
  interNodeCommunication: z.boolean({ error: 'is not true or false' }).default(false)
    .describe('For multi-instance (MPI) tasks; caps the pool at 100 nodes. The provider never updates it, so changing it replaces the pool.'),
  publicIpMode: z.enum(['none', 'batchManaged'], { error: 'is not a public IP mode; use "none" or "batchManaged"' }).default('none'),
  containerImages: z.array(z.string({ error: 'is not a string; give an image name' }).regex(/\S/, { error: 'is empty; give an image name such as "mcr.microsoft.com/azurelinux/base/core:3.0"' }),
    { error: 'is not a list; give a list of container images' })
    .min(1, { error: 'is empty; list the images to pre-fetch, or leave containerImages out for a pool without containers' })
    .optional().describe('Makes it a container pool with these images pre-fetched.'),
  dataDisks: z.array(dataDiskSchema, { error: 'is not a list; give a list of data disks' }).default([]),
  startTaskCommands: z.array(z.string({ error: 'is not a string; give a shell command' }), { error: 'is not a list; give a list of shell commands' }).default([]),
}, { error: 'is not an object; give { "name": ..., "vmSize": ..., ... }' }).superRefine((pool, ctx) => {
  if (pool.autoscale && pool.dedicatedNodes + pool.spotNodes + pool.standbyNodes > 0) {
    ctx.addIssue({
      code: 'custom', path: ['autoscale'], input: pool.autoscale,
      message: 'cannot be combined with dedicatedNodes, spotNodes or standbyNodes; give either a fixed size or autoscale',
    });
  }
});

const applicationSchema = z.strictObject({
  name: z.string({ error: 'is not a string; give an application id' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not an application id; use 1-64 letters, digits, hyphens or underscores' }),
  displayName: z.string({ error: 'is not a string' }).optional(),
  allowUpdates: z.boolean({ error: 'is not true or false' }).default(false),
}, { error: 'is not an object; give { "name": ... }' });

const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local') }),
  z.strictObject({
    type: z.literal('azurerm'),
    resourceGroupName: z.string({ error: 'is not a string; give the resource group of the state storage account' })
      .regex(NameRules.resourceGroup.pattern, { error: `is not a resource group name; use 1-${NameRules.resourceGroup.maxLength} ${NameRules.resourceGroup.charset}` })
      .max(NameRules.resourceGroup.maxLength, { error: `is longer than ${NameRules.resourceGroup.maxLength} characters, the most a resource group name has` }),
    storageAccountName: z.string({ error: 'is not a string; give the state storage account' })
      .regex(STATE_ACCOUNT_NAME, { error: 'is not a storage account name; use 3-24 lowercase letters and digits' }),
    containerName: z.string({ error: 'is not a string; give the blob container for state' })
      .regex(STATE_CONTAINER_NAME, { error: 'is not a container name; use 3-63 lowercase letters, digits and single hyphens' }),
    keyPrefix: z.string({ error: 'is not a string' }).default(''),
    subscriptionId: z.string({ error: 'is not a string' }).guid({ error: 'is not a subscription id (a GUID)' }).optional(),
  }),
], { error: 'is not a backend; use { "type": "local" } or { "type": "azurerm", ... }' });

const configSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string({ error: 'is not a string; give 3-11 lowercase letters or digits, e.g. "contoso"' })
    .regex(DEPLOYMENT_NAME_PATTERN, { error: 'is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso" (it starts every resource name)' })
    .describe('Deployment name, 3-11 lowercase letters or digits; every physical name starts from it.'),
  nodeCommunication: z.enum(NodeCommunicationRuleSet, { error: `is not a rule set; use ${quotedList(Object.values(NodeCommunicationRuleSet))}` })
    .default(NodeCommunicationRuleSet.SIMPLIFIED).describe('NSG rule set of the pool subnets.'),
  regions: z.array(regionSchema, { error: 'is not a list; give a list of regions' })
    .min(1, { error: 'is empty; give at least one region' }).describe('One stack batch-<location> per region.'),
  pools: z.array(poolSchema, { error: 'is not a list; give a list of pools' }).default([])
    .superRefine((pools, ctx) => {
      pools.forEach((pool, i) => {
        const first = pools.findIndex((other) => other.name.toLowerCase() === pool.name.toLowerCase());
        if (first < i) ctx.addIssue({ code: 'custom', path: [i, 'name'], input: pool.name, message: `repeats pools[${first}].name (pool ids compare case-insensitively); give each pool its own name` });
      });
    }).describe('Pools every region gets (standby regions at their standby size).'),
  applications: z.array(applicationSchema, { error: 'is not a list; give a list of applications' }).default([])
    .superRefine((applications, ctx) => {
      applications.forEach((application, i) => {
        const first = applications.findIndex((other) => other.name.toLowerCase() === application.name.toLowerCase());
        if (first < i) ctx.addIssue({ code: 'custom', path: [i, 'name'], input: application.name, message: `repeats applications[${first}].name; list each application once` });
      });
    }).describe('Batch applications every region gets.'),
  account: z.strictObject({
    allowedIpRanges: z.array(publicIpRange, { error: 'is not a list; give a list of public IPv4 ranges' }).default([])
      .describe('Public ranges allowed to reach the Batch API; empty keeps public access disabled.'),
  }, { error: 'is not an object; give { "allowedIpRanges": [...] }' }).default({ allowedIpRanges: [] }),
  storage: z.strictObject({
    networkAccess: z.enum(StorageNetworkAccess, { error: `is not a storage network access; use ${quotedList(Object.values(StorageNetworkAccess))}` })
      .default(StorageNetworkAccess.PRIVATE).describe('"private" (public endpoint off) by default; "public" is needed for application packages (Batch documents they do not work behind a storage firewall).'),
    replication: z.enum(StorageReplication, { error: `is not a replication; use ${quotedList(Object.values(StorageReplication))}` }).default(StorageReplication.LRS),
  }, { error: 'is not an object; give { "networkAccess": ..., "replication": ... }' }).default({ networkAccess: StorageNetworkAccess.PRIVATE, replication: StorageReplication.LRS }),
  diagnostics: z.strictObject({
    logAnalyticsWorkspaceId: armId('logAnalyticsWorkspace').optional().describe('Send diagnostics here instead of a workspace per region.'),
  }, { error: 'is not an object; give { "logAnalyticsWorkspaceId": ... }' }).default({}),
  locks: z.boolean({ error: 'is not true or false' }).default(false).describe('A CanNotDelete lock on each auto-storage account and prevent_destroy on each Batch account (an Azure lock on it would block every pool replacement).'),
  restrictOutbound: z.boolean({ error: 'is not true or false' }).default(false).describe('Deny outbound traffic the rules do not allow.'),
  subscriptionId: z.string({ error: 'is not a string; give the subscription id (a GUID)' }).guid({ error: 'is not a subscription id (a GUID)' }).optional()
    .describe('Subscription every region deploys to; also makes the global storage and Batch account names unique to it. Set it before the first deploy: adding it later renames (replaces) the accounts.'),
  uniqueSuffix: z.string({ error: 'is not a string' }).regex(/^[a-z0-9]{1,8}$/, { error: 'is not a suffix; use 1-8 lowercase letters or digits' })
    .optional().describe('Change to get fresh globally unique names when recreating a deployment.'),
  tags: z.preprocess((raw, ctx) => {
    // JSON.parse keeps a "__proto__" key, which a record would drop without a word.
    if (raw !== null && typeof raw === 'object' && Object.hasOwn(raw, '__proto__')) {
      ctx.addIssue({ code: 'custom', path: ['__proto__'], input: (raw as Record<string, unknown>)['__proto__'], message: 'is not a tag name Azure or JavaScript can carry; rename it' });
    }
    return raw;
  }, z.record(z.string().regex(/^[^<>%&\\?/\u0000-\u001f]{1,512}$/, { error: 'is not a tag name; use up to 512 characters without < > % & \\ ? / or control characters' }),
    z.string({ error: 'is not a string; tag values are strings' }).max(256, { error: 'is longer than 256 characters' }), { error: 'is not an object of tag names to values' })
    .superRefine((tags, ctx) => {
      const names = Object.keys(tags);
      for (const name of names) {
        if (LIBRARY_TAGS.includes(name.toLowerCase())) {
          ctx.addIssue({ code: 'custom', path: [name], input: tags[name], message: `is a tag the library sets itself (${LIBRARY_TAGS.join(', ')}; names compare case-insensitively); rename yours` });
        }
      }
      if (names.length > MAX_USER_TAGS) {
        ctx.addIssue({ code: 'custom', input: names.length, message: `has ${names.length} tags; Azure allows ${MAX_TAGS_PER_RESOURCE} per resource and the library sets ${LIBRARY_TAGS.length}, so give at most ${MAX_USER_TAGS}` });
      }
    }))
    .default({}),
  backend: backendSchema.default({ type: 'local' }).describe('State backend; azurerm keeps one state key per region stack.'),
  suppressions: z.array(z.strictObject({
    rule: z.enum(ALL_RULES.map((rule) => rule.id) as [string, ...string[]], { error: 'is not a rule id; see RULES.md' }),
    reason: z.string({ error: 'is not a string; say why the rule does not apply' }).trim()
      .min(MIN_SUPPRESSION_REASON_LENGTH, { error: `is too short; say why the rule does not apply in ${MIN_SUPPRESSION_REASON_LENGTH} characters or more` }),
  }, { error: 'is not an object; give { "rule": ..., "reason": ... }' }), { error: 'is not a list' }).default([])
    .describe('Best-practice rules to suppress in every region stack, each with its reason (reported at synth).'),
}, { error: 'is not an object; give a JSON object with "name", "regions" and "pools"' }).superRefine((config, ctx) => {
  crossRegionProblems(config.regions).forEach((problem) => ctx.addIssue({ code: 'custom', ...problem }));
});

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

/** Result of reading a config: the config, or one line per problem. */
export type ConfigResult = { readonly ok: true; readonly config: DeploymentConfig; readonly source: string } | { readonly ok: false; readonly errors: string[] };

/** Validates a parsed config; every problem is reported, each naming its JSON path, value and fix. */
export function parseDeploymentConfig(input: unknown, source: string): ConfigResult {
  const result = configSchema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, config: result.data, source };
  return { ok: false, errors: zodProblems(result.error, '$').map((problem) => `${source}: ${formatProblem(problem)}`) };
}

/** Reads the config named by `BATCH_DEPLOYMENT_CONFIG`, or the embedded default when it is unset. */
export function loadDeploymentConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const file = env[CONFIG_ENV_VAR];
  if (file === undefined || file === '') return parseDeploymentConfig(DEFAULT_DEPLOYMENT_CONFIG, 'default config');
  let text: string;
  try {
    // A FIFO would block the read forever and a device would never end: regular files only, and small.
    const stat = statSync(file);
    if (!stat.isFile()) return { ok: false, errors: [`${CONFIG_ENV_VAR}=${file}: is not a regular file; point ${CONFIG_ENV_VAR} at a JSON deployment config`] };
    if (stat.size > MAX_CONFIG_BYTES) {
      return { ok: false, errors: [`${CONFIG_ENV_VAR}=${file}: is ${stat.size} bytes, over the ${MAX_CONFIG_BYTES} a deployment config may have; point ${CONFIG_ENV_VAR} at the config itself`] };
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    return { ok: false, errors: [`${CONFIG_ENV_VAR}=${file}: the file ${reason}; point ${CONFIG_ENV_VAR} at a JSON deployment config, or unset it to use the default`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`${file}: is not valid JSON (${(error as Error).message}); fix the syntax`] };
  }
  try {
    return parseDeploymentConfig(json, file);
  } catch (error) {
    // Validation recurses into the config; a config nested thousands of levels deep exhausts the stack.
    if (error instanceof RangeError) return { ok: false, errors: [`${file}: nests too deeply to be a deployment config; give the flat structure of the schema`] };
    throw error;
  }
}

/** "Use tags to organize your Azure resources", "Limitations": each resource supports at most 50 tag name-value pairs. */
const MAX_TAGS_PER_RESOURCE = 50;
const MAX_USER_TAGS = MAX_TAGS_PER_RESOURCE - LIBRARY_TAGS.length;

/** Largest config file read: a generous deployment of every region and hundreds of pools is far below it. */
const MAX_CONFIG_BYTES = 1024 * 1024;

interface CrossRegionIssue {
  readonly path: PropertyKey[];
  readonly input: unknown;
  readonly message: string;
}

interface RegionEntry {
  readonly location: string;
  readonly addressSpace: string;
  readonly role: RegionRole;
}

/** Problems that involve several regions: repeated locations, overlapping address spaces, primaries. */
function crossRegionProblems(regions: readonly RegionEntry[]): CrossRegionIssue[] {
  const problems: CrossRegionIssue[] = [];
  const add = (path: PropertyKey[], input: unknown, message: string) => problems.push({ path, input, message });
  const known = regions.map((region) => ({
    name: typeof region.location === 'string' && AzureRegion.isKnown(region.location) ? AzureRegion.of(region.location).name : undefined,
    space: typeof region.addressSpace === 'string' ? Ipv4Cidr.parse(region.addressSpace) : undefined,
  }));
  known.forEach(({ name, space }, i) => {
    const first = known.findIndex((other) => other.name === name);
    if (name !== undefined && first < i) {
      add(['regions', i, 'location'], regions[i].location, `repeats regions[${first}]; each region gets one stack, so list it once`);
    }
    if (!(space instanceof Ipv4Cidr)) return;
    known.slice(0, i).forEach((other, j) => {
      if (other.space instanceof Ipv4Cidr && space.overlaps(other.space)) {
        add(['regions', i, 'addressSpace'], regions[i].addressSpace, `overlaps regions[${j}].addressSpace ${regions[j].addressSpace}; give each region its own range so the VNets can be peered`);
      }
    });
  });
  if (regions.length === 0) return problems;
  const primaries = regions.flatMap((region, i) => (region.role === RegionRole.PRIMARY ? [i] : []));
  if (primaries.length === 0) {
    add(['regions'], regions.map((region) => region.location), 'has no primary region; set "role": "primary" on the region that takes the workload');
  }
  primaries.slice(1).forEach((i) => {
    add(['regions', i, 'role'], 'primary', `repeats the primary role of regions[${primaries[0]}]; make one region primary and the others "standby"`);
  });
  return problems;
}
