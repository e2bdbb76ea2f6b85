import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve as resolvePath } from 'node:path';
import { App, Testing, TerraformStack } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import type { IConstruct } from 'constructs';
import { RegionalBatchAccount, RegionalBatchAccountProps } from '../lib/account/regional-batch-account';
import { AzureRegion } from '../lib/catalog/azure-region';
import { BatchNetwork, BatchNetworkProps } from '../lib/network/batch-network';
import type { IBatchNetwork } from '../lib/network/pool-network';
import { PoolOptions, SimplifiedPool } from '../lib/pool/simplified-pool';
import { ValidationError, ValidationProblem } from '../lib/private/problems';
import { TODAY_CONTEXT_KEY } from '../lib/private/today';
import { PairedStorageAccount, PairedStorageAccountProps } from '../lib/storage/paired-storage-account';

/** A fresh app (with `context`, e.g. the end-of-life date) and a stack with an azurerm provider to put constructs in. */
export function newStack(id = 'test', context: Record<string, string> = {}): TerraformStack {
  const stack = new TerraformStack(Testing.app({ context }), id);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** A fresh app, for stacks that create their own provider and backend. */
export function newApp(): App {
  return Testing.app();
}

/** The synthesized stack (validations run) as parsed JSON. */
export function synth(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly [key: string]: unknown;
}

/** The bodies of every resource of `type`, in logical-id order. */
export function resourcesOf(json: SynthesizedStack, type: string): Array<Record<string, unknown>> {
  return Object.values(json.resource?.[type] ?? {});
}

/** Projection of a synthesized NSG rule onto what the DESIGN table specifies. */
export interface RuleShape {
  readonly direction: unknown;
  readonly access: unknown;
  readonly protocol: unknown;
  readonly ports: unknown;
  readonly peer: unknown;
  readonly priority: unknown;
}

/** Projection of one synthesized NSG rule: the peer is the source of inbound rules, the destination of outbound ones. */
export function ruleShape(rule: Record<string, unknown>): RuleShape {
  return {
    direction: rule.direction,
    access: rule.access,
    protocol: rule.protocol,
    ports: rule.destination_port_range,
    peer: rule.direction === 'Inbound' ? rule.source_address_prefix : rule.destination_address_prefix,
    priority: rule.priority,
  };
}

/** Rule shapes sorted by direction, then priority. */
export function sortRuleShapes(shapes: readonly RuleShape[]): RuleShape[] {
  return [...shapes].sort((a, b) => String(a.direction).localeCompare(String(b.direction)) || Number(a.priority) - Number(b.priority));
}

/** The NSG rules of a synthesized stack, as comparable shapes sorted by direction then priority. */
export function ruleShapes(json: SynthesizedStack): RuleShape[] {
  return sortRuleShapes(resourcesOf(json, 'azurerm_network_security_rule').map(ruleShape));
}

/** The message of the error `fn` throws; fails the test when it throws nothing. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, but none was thrown');
}

/** The app's printed lines without its capacity table (its heading, and its rows indented by two spaces). */
export function withoutCapacityTable(lines: readonly string[]): string[] {
  return lines.filter((line) => !line.startsWith('capacity plan (') && !line.startsWith('  '));
}

/** The problems `fn` throws as a ValidationError; fails the test when it throws nothing or something else. */
export function problemsOf(fn: () => unknown): readonly ValidationProblem[] {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.problems;
  }
  throw new Error('expected a ValidationError, but none was thrown');
}

/** The warnings attached to `scope` and everything below it. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata).filter((entry) => entry.type === '@cdktf/warn').map((entry) => String(entry.data));
}

/** The Terraform expression a token stands for in `stack`, e.g. `${azurerm_subnet.Network_PoolSubnet_1A2B.id}`. */
export function resolved(stack: TerraformStack, value: unknown): unknown {
  return resolve(stack, value);
}

/** Every file below `dir`, or none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

/** A valid deployment config (the DESIGN example), a fresh copy each call, for tests to break. */
export function validConfig(): any {
  return {
    name: 'contoso',
    nodeCommunication: 'simplified',
    regions: [
      { location: 'eastus', addressSpace: '10.10.0.0/16', role: 'primary' },
      { location: 'westus', addressSpace: '10.20.0.0/16', role: 'standby' },
    ],
    pools: [{ name: 'work', vmSize: 'Standard_D4s_v5', dedicatedNodes: 2, dataDisks: [{ lun: 0, sizeGb: 256, mountPath: '/data/work' }] }],
  };
}

/**
 * A string of synthesized Terraform JSON as Terraform reads it: `$${` and `%%{` are the escapes of a
 * literal `${` and `%{` (Terraform "Strings and Templates"). What the library writes as literal text
 * must contain no unescaped interpolation, which this also checks.
 */
export function terraformString(value: string): string {
  if (/(?<!\$)\$\{|(?<!%)%\{/.test(value)) throw new Error(`unescaped Terraform template syntax in ${JSON.stringify(value.slice(0, 200))}`);
  return value.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
}

/** The DESIGN example config changed by `edit` (which mutates a fresh copy), e.g. `validConfigWith((c) => { c.name = 'X'; })`. */
export function validConfigWith(edit: (config: any) => void): any {
  const config = validConfig();
  edit(config);
  return config;
}

/** What {@link batchFixture} builds differently from its defaults. */
export interface BatchFixtureOverrides {
  /** Region of everything. @default eastus */
  readonly region?: AzureRegion;
  /** Resource group of everything. @default 'rg' */
  readonly resourceGroupName?: string;
  /** Props of the created network over `{ addressSpace: '10.10.0.0/16', baseName: 'contoso' }`. */
  readonly network?: Partial<BatchNetworkProps>;
  /** A network to use instead of creating one, e.g. `(stack, region) => BatchNetwork.fromSubnetId(stack, 'Network', id, { region })`. */
  readonly importNetwork?: (stack: TerraformStack, region: AzureRegion) => IBatchNetwork;
  /** Props of the storage account over `{ network, namePrefix: 'contoso' }` (library defaults otherwise). */
  readonly storage?: Partial<PairedStorageAccountProps>;
  /** Props of the Batch account over `{ storageAccount, network, namePrefix: 'contoso' }` (library defaults otherwise). */
  readonly account?: Partial<RegionalBatchAccountProps>;
}

/** One region's network, auto-storage and Batch account in a stack, and pools added on demand. */
export interface BatchFixture {
  readonly stack: TerraformStack;
  readonly region: AzureRegion;
  /** Construct `Network`: a `BatchNetwork`, or what `importNetwork` returned. */
  readonly network: IBatchNetwork;
  /** Construct `Storage`. */
  readonly storage: PairedStorageAccount;
  /** Construct `Account`. */
  readonly account: RegionalBatchAccount;
  /** Adds a pool (construct `id`, default `Pool-<name>`) to the account and network: `work`, `Standard_D4s_v5` unless `options` say otherwise. */
  addPool(options?: Partial<PoolOptions>, id?: string): SimplifiedPool;
  /** The stack synthesized with validations, as parsed JSON. */
  synth(): SynthesizedStack;
}

/**
 * The one builder of "a valid Batch deployment" for construct tests: network + paired storage + Batch
 * account in `stack` (by default a fresh one with an azurerm provider), each with the library's
 * defaults except the stems of generated names, so tests state only what they change.
 */
export function batchFixture(stack: TerraformStack = newStack(), overrides: BatchFixtureOverrides = {}): BatchFixture {
  const region = overrides.region ?? AzureRegion.of('eastus');
  const resourceGroupName = overrides.resourceGroupName ?? 'rg';
  const network = overrides.importNetwork
    ? overrides.importNetwork(stack, region)
    : new BatchNetwork(stack, 'Network', { region, resourceGroupName, addressSpace: '10.10.0.0/16', baseName: 'contoso', ...overrides.network });
  const storage = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName, network, namePrefix: 'contoso', ...overrides.storage });
  const account = new RegionalBatchAccount(stack, 'Account', {
    region, resourceGroupName, storageAccount: storage, network, namePrefix: 'contoso', ...overrides.account,
  });
  return {
    stack, region, network, storage, account,
    addPool: (options = {}, id) => {
      const name = options.name ?? 'work';
      return new SimplifiedPool(stack, id ?? `Pool-${name}`, { account, network, name, vmSize: 'Standard_D4s_v5', ...options });
    },
    synth: () => synth(stack),
  };
}

/** `stack` with the end-of-life checks' date pinned, for {@link batchFixture}. */
export function stackAsOf(today: string, id = 'test'): TerraformStack {
  return newStack(id, { [TODAY_CONTEXT_KEY]: today });
}

/** The `terraform` binary on PATH (or in `$TERRAFORM`), for tests that let Terraform itself judge the output. */
export const TERRAFORM: string | undefined = findTerraform();

function findTerraform(): string | undefined {
  const candidates = [process.env.TERRAFORM, ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'terraform'))];
  return candidates.find((file): file is string => {
    if (!file) return false;
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether tests that run Terraform must run (CI) rather than be skipped when it is missing. */
export const TERRAFORM_REQUIRED = process.env.CI === 'true';

/** What one Terraform command printed. */
export interface TerraformResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs Terraform on synthesized `json` in a fresh folder with no credentials: the environment holds
 * only a PATH with `terraform` on it (no `az`), a scratch HOME and no `ARM_*` variables, so nothing can
 * authenticate to Azure. Give it stacks that need no provider (outputs, variables, a backend block):
 * Terraform would try to download one. Stops at the first command that fails.
 */
export function terraformOn(json: string, commands: ReadonlyArray<readonly string[]>): TerraformResult[] {
  if (!TERRAFORM) throw new Error('terraform is not on PATH');
  const dir = mkdtempSync(join(tmpdir(), 'tf-test-'));
  try {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(TERRAFORM, join(bin, 'terraform'));
    const work = join(dir, 'stack');
    mkdirSync(work);
    writeFileSync(join(work, 'cdk.tf.json'), json);
    const env = { PATH: bin, HOME: dir, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: join(dir, 'none.tfrc') };
    writeFileSync(env.TF_CLI_CONFIG_FILE, '');
    const results: TerraformResult[] = [];
    for (const args of commands) {
      const run = spawnSync('terraform', [...args, '-no-color'], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
      results.push({ status: run.status, stdout: run.stdout, stderr: run.stderr });
      if (run.status !== 0) break;
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The outputs of `stack` (which must need no provider) as Terraform evaluates them: `init`, `apply`
 * on local state, `output -json`. This is Terraform's reading of the synthesized strings, escapes and
 * functions included, not ours.
 */
export function terraformOutputs(stack: TerraformStack): Record<string, unknown> {
  const results = terraformOn(Testing.synth(stack), [['init', '-input=false'], ['apply', '-auto-approve', '-input=false'], ['output', '-json']]);
  const last = results[results.length - 1];
  if (results.length < 3 || last.status !== 0) throw new Error(`terraform failed: ${last.stderr || last.stdout}`);
  const outputs = JSON.parse(last.stdout) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}

/**
 * The azurerm 4.55.0 provider's validation rules as data (`../shared/tools/provider-rules/provider-rules.json`,
 * extracted from the provider source with a `src` line per rule), or `$PROVIDER_RULES_JSON`.
 */
export const PROVIDER_RULES_FILE = process.env.PROVIDER_RULES_JSON ?? resolvePath(__dirname, '..', '..', 'shared', 'tools', 'provider-rules', 'provider-rules.json');

/** Whether {@link PROVIDER_RULES_FILE} is here; CI (`CI=true`) must have it. */
export const PROVIDER_RULES_AVAILABLE = existsSync(PROVIDER_RULES_FILE) || process.env.CI === 'true';

/** One provider rule: `enum`, `regex`, `minLen`, `armId`, ... with the `src` line it comes from. */
export type ProviderRule = Record<string, unknown> & { readonly src?: string };

function providerRuleData(): { resources: Record<string, Record<string, ProviderRule[]>> } {
  return JSON.parse(readFileSync(PROVIDER_RULES_FILE, 'utf8'));
}

/** The provider's rules for `attribute` (dotted path) of resource `type`; throws when it has none. */
export function providerRules(type: string, attribute: string): ProviderRule[] {
  const rules = providerRuleData().resources[type]?.[attribute];
  if (!rules) throw new Error(`the provider rules have nothing for ${type}.${attribute}`);
  return rules;
}

/** Every ARM id template the provider validates an attribute against, e.g. `/subscriptions/{subscriptionId}/resourceGroups/...`. */
export function providerArmIdTemplates(): string[] {
  const templates = Object.values(providerRuleData().resources).flatMap((attributes) => Object.values(attributes).flat())
    .map((rule) => rule.armId).filter((id): id is string => typeof id === 'string');
  return [...new Set(templates)].sort();
}

/**
 * Whether a `name` passes the provider's own checks for resource `type` (its `regex`, `minLen`,
 * `maxLen` rules): the provider decides, not a copy of its rule in this repository.
 */
export function providerNameCheck(type: string): (name: string) => boolean {
  const rules = providerRules(type, 'name');
  const checks = rules.flatMap((rule) => [
    ...(typeof rule.regex === 'string' ? [(name: string) => new RegExp(rule.regex as string).test(name)] : []),
    ...(typeof rule.minLen === 'number' ? [(name: string) => Buffer.byteLength(name) >= (rule.minLen as number)] : []),
    ...(typeof rule.maxLen === 'number' ? [(name: string) => Buffer.byteLength(name) <= (rule.maxLen as number)] : []),
  ]);
  if (checks.length === 0) throw new Error(`the provider checks no name pattern or length for ${type}`);
  return (name) => checks.every((check) => check(name));
}
