import { AzurermBackend, LocalBackend, TerraformStack, Token } from '../engine';
import type { AzureCloud } from '../catalog/azure-region';
import { cloudEndpoints } from '../catalog/cloud-endpoints';
import { SUBSCRIPTION_ID_PATTERN } from '../private/arm-id';
import { nameProblem, NameRules } from '../private/names';
import { invalid, knownOnlyAtDeploy, Problem, ValidationError } from '../private/problems';

/**
 * Why a backend argument must be literal: Terraform reads the backend block before it evaluates anything,
 * and in JSON configuration (cdk.tf.json) it takes a `${...}` there as literal text: Terraform 1.11 wrote
 * the state of a local backend whose path was `${var.x}.tfstate` to a file of that very name (the test of
 * this file runs it). An expression in an azurerm key would put every deployment's state at one key.
 */
const BACKEND_USE = 'Terraform reads the backend before it evaluates anything and would take the expression as literal text';

/** Storage account names: 3-24 lowercase letters and digits. */
export const STATE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
/** Blob container names: 3-63 lowercase letters, digits and single hyphens, starting and ending alphanumeric. */
export const STATE_CONTAINER_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

/** Where a region stack keeps its Terraform state. */
export interface AzurermStateOptions {
  /** Resource group of the state storage account. */
  readonly resourceGroupName: string;
  /** Storage account holding the state (use one outside the regions it describes). */
  readonly storageAccountName: string;
  /** Blob container for the state files. */
  readonly containerName: string;
  /**
   * Prefix of each stack's state key: `<prefix><stack>.tfstate`.
   * @default ''
   */
  readonly keyPrefix?: string;
  /**
   * Subscription of the state storage account.
   * @default - the provider's
   */
  readonly subscriptionId?: string;
}

/**
 * The state backend of a region stack: a local file (default) or an `azurerm` blob, one state key
 * per region stack so regions never share or lock each other's state.
 */
export abstract class StateBackend {
  /** A local state file at a path relative to the stack's folder; the default keeps it in the project root. */
  public static local(path?: string): StateBackend {
    if (path !== undefined && Token.isUnresolved(path)) invalid('StateBackend.local', 'path', path, knownOnlyAtDeploy(BACKEND_USE, 'give the path as a literal'));
    return new LocalState(path);
  }

  /** An Azure blob per stack (`<keyPrefix><stack>.tfstate`), authenticated with Entra ID. */
  public static azurerm(options: AzurermStateOptions): StateBackend {
    const problems: Problem[] = [];
    const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
    for (const [path, value] of Object.entries(options)) {
      if (typeof value === 'string' && Token.isUnresolved(value)) add(path, value, knownOnlyAtDeploy(BACKEND_USE, 'give it as a literal'));
    }
    // Literal text from here on.
    if (problems.length === 0) {
      const group = nameProblem(NameRules.resourceGroup, options.resourceGroupName);
      if (group) add('resourceGroupName', options.resourceGroupName, group);
      if (!STATE_ACCOUNT_NAME.test(options.storageAccountName)) add('storageAccountName', options.storageAccountName, 'is not a storage account name; use 3-24 lowercase letters and digits');
      if (!STATE_CONTAINER_NAME.test(options.containerName)) add('containerName', options.containerName, 'is not a container name; use 3-63 lowercase letters, digits and single hyphens');
      if (options.subscriptionId !== undefined && !SUBSCRIPTION_ID_PATTERN.test(options.subscriptionId)) {
        add('subscriptionId', options.subscriptionId, 'is not a subscription id; give its GUID');
      }
    }
    if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ ...problem, subject: 'StateBackend.azurerm' })));
    return new AzurermState(options);
  }

  /** Adds the backend of `stack`, whose resources are in `cloud`, to it. */
  public abstract bind(stack: TerraformStack, stackName: string, cloud: AzureCloud): void;
}

class LocalState extends StateBackend {
  constructor(private readonly path?: string) {
    super();
  }

  public bind(stack: TerraformStack, stackName: string, _cloud: AzureCloud): void {
    // A relative path keeps synthesized output free of machine-specific absolute paths.
    new LocalBackend(stack, { path: this.path ?? `../../../terraform.${stackName}.tfstate` });
  }
}

class AzurermState extends StateBackend {
  constructor(private readonly options: AzurermStateOptions) {
    super();
  }

  public bind(stack: TerraformStack, stackName: string, cloud: AzureCloud): void {
    new AzurermBackend(stack, {
      // Without it `terraform init` looks for the state account in the public cloud (Terraform's azurerm
      // backend, argument `environment`, default "public").
      environment: cloudEndpoints(cloud).backendEnvironment,
      resourceGroupName: this.options.resourceGroupName,
      storageAccountName: this.options.storageAccountName,
      containerName: this.options.containerName,
      key: `${this.options.keyPrefix ?? ''}${stackName}.tfstate`,
      subscriptionId: this.options.subscriptionId,
      useAzureadAuth: true,
    });
  }
}
