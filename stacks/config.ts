import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AzureRegion } from '../lib/catalog/azure-region';
import { NodeCommunicationRuleSet } from '../lib/network/node-communication-rule-set';
import { PoolImage } from '../lib/catalog/pool-image';
import { DiskCaching, DiskFileSystem, DiskStorageType } from '../lib/pool/data-disk-start-task';
import { Ipv4Cidr } from '../lib/private/cidr';
import { closestMatches, quotedList } from '../lib/private/did-you-mean';
import { formatProblem, zodProblems } from '../lib/private/problems';
import { DEPLOYMENT_NAME_PATTERN } from '../lib/region/batch-region';
import { RegionRole } from '../lib/region/region-role';
import { DEFAULT_DEPLOYMENT_CONFIG } from './default-config';

/** Environment variable naming the deployment config file. */
export const CONFIG_ENV_VAR = 'BATCH_DEPLOYMENT_CONFIG';

const cidr = z.string({ error: 'is not a string; give a CIDR block such as "10.10.0.0/16"' }).superRefine((text, ctx) => {
  const parsed = Ipv4Cidr.parse(text);
  const problem = typeof parsed === 'string' ? parsed : parsed.azureAddressSpaceProblem();
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: text });
});

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

const poolSchema = z.strictObject({
  name: z.string({ error: 'is not a string; give a pool name such as "work"' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not a pool name; use 1-64 letters, digits, hyphens or underscores' }),
  vmSize: z.string({ error: 'is not a string; give a VM size such as "Standard_D4s_v5"' })
    .regex(/^[A-Za-z0-9_]+$/, { error: 'is not a VM size; give one such as "Standard_D4s_v5"' }),
  dedicatedNodes: wholeNumber('the dedicated node count', 0, 10000).default(0),
  spotNodes: wholeNumber('the Spot node count', 0, 10000).default(0),
  dataDisks: z.array(dataDiskSchema, { error: 'is not a list; give a list of data disks' }).default([]),
  image: z.enum(Object.keys(PoolImage.CATALOG) as [string, ...string[]], { error: `is not a catalog image; use ${quotedList(Object.keys(PoolImage.CATALOG))}` })
    .default('ubuntu-24.04'),
  taskSlotsPerNode: wholeNumber('the task slots per node', 1, 256).default(1),
  startTaskCommands: z.array(z.string({ error: 'is not a string; give a shell command' }), { error: 'is not a list; give a list of shell commands' }).default([]),
}, { error: 'is not an object; give { "name": ..., "vmSize": ..., ... }' });

const configSchema = z.strictObject({
  name: z.string({ error: 'is not a string; give 3-11 lowercase letters or digits, e.g. "contoso"' })
    .regex(DEPLOYMENT_NAME_PATTERN, { error: 'is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso" (it starts every resource name)' }),
  nodeCommunication: z.enum(NodeCommunicationRuleSet, { error: `is not a rule set; use ${quotedList(Object.values(NodeCommunicationRuleSet))}` })
    .default(NodeCommunicationRuleSet.SIMPLIFIED),
  regions: z.array(regionSchema, { error: 'is not a list; give a list of regions' })
    .min(1, { error: 'is empty; give at least one region' }),
  pools: z.array(poolSchema, { error: 'is not a list; give a list of pools' }).default([])
    .superRefine((pools, ctx) => {
      pools.forEach((pool, i) => {
        const first = pools.findIndex((other) => other.name.toLowerCase() === pool.name.toLowerCase());
        if (first < i) ctx.addIssue({ code: 'custom', path: [i, 'name'], input: pool.name, message: `repeats pools[${first}].name (pool ids compare case-insensitively); give each pool its own name` });
      });
    }),
}, { error: 'is not an object; give a JSON object with "name", "regions" and "pools"' }).superRefine((config, ctx) => {
  crossRegionProblems(config.regions).forEach((problem) => ctx.addIssue({ code: 'custom', ...problem }));
});

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
  return parseDeploymentConfig(json, file);
}

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
