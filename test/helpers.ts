import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { existsSync, readdirSync } from 'node:fs';
import { App, Testing, TerraformStack } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import type { IConstruct } from 'constructs';

/** A fresh app and a stack with an azurerm provider to put constructs in. */
export function newStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
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

/** A valid deployment config (the DESIGN example), for tests to copy and break. */
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
