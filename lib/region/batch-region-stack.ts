import type { AzurermProvider } from '../azurerm';
import { Aspects, Lazy, TerraformOutput, TerraformStack } from '../engine';
import { BatchBestPractices, BatchBestPracticesProps } from '../checks/batch-best-practices';
import type { Construct } from 'constructs';
import { azurermProvider } from '../private/provider';
import { formatValidationProblem, locate, throwIfProblems } from '../private/problems';
import { StateBackend } from '../state/state-backend';
import { BatchRegion, BatchRegionProps } from './batch-region';

/** Properties of a {@link BatchRegionStack}. */
export interface BatchRegionStackProps extends BatchRegionProps {
  /**
   * Whether the best-practice checks run on the stack. The construct checks (a pool against the NSG in
   * front of it, a subnet against its pools) run either way.
   * @default true
   */
  readonly bestPractices?: boolean;
  /**
   * Settings of the best-practice checks: the rules, the end-of-life warning horizon.
   * @default - every rule, a 180-day horizon
   */
  readonly bestPracticeOptions?: BatchBestPracticesProps;
  /**
   * Where the stack keeps its state.
   * @default StateBackend.local() - `../../../terraform.<stack>.tfstate`, the project root, relative so snapshots are stable
   */
  readonly backend?: StateBackend;
}

/**
 * A deployable stack holding one {@link BatchRegion} with its own azurerm provider and backend. Region
 * stacks share nothing, so one region failing to deploy never blocks another.
 */
export class BatchRegionStack extends TerraformStack {
  /** The stack name the deployable app gives a region: `batch-<location>`. */
  public static stackName(region: { readonly name: string }): string {
    return `batch-${region.name}`;
  }

  /** The region's resources. */
  public readonly batchRegion: BatchRegion;
  /** The azurerm provider of this stack. */
  public readonly provider: AzurermProvider;

  constructor(scope: Construct, id: string, props: BatchRegionStackProps) {
    super(scope, id);
    if (props.bestPractices === false && props.bestPracticeOptions !== undefined) {
      throwIfProblems(this, [{ path: 'bestPracticeOptions', value: props.bestPracticeOptions, message: 'sets up checks that bestPractices: false turns off; remove one of them' }]);
    }
    this.provider = azurermProvider(this, props.region.cloud, props.subscriptionId);
    (props.backend ?? StateBackend.local()).bind(this, id, props.region.cloud);
    this.batchRegion = new BatchRegion(this, 'Region', props);
    if (props.bestPractices !== false) {
      const checks = new BatchBestPractices(props.bestPracticeOptions);
      Aspects.of(this).add(checks);
      // Registered now as well, so the checks are part of the stack's problems before synth too.
      checks.visit(this);
    }

    // Region stacks share nothing. cdktf turns a reference to another stack's resource into a dependency on
    // that stack and a read of its state (terraform_remote_state), which it adds when it prepares the
    // stacks for synth, just before their validations run; addDependency makes the dependency alone.
    this.node.addValidation({
      validate: () => locate(this, this.dependencies.filter((other) => other instanceof BatchRegionStack).map((other) => ({
        path: '', value: undefined,
        message: `depends on ${other.node.id}, another region's stack (a reference to its resources, which Terraform reads from its state through terraform_remote_state, or addDependency): region stacks share nothing, so that a region that is down never blocks deploying another; give the value as a literal (an ARM id as text) or create the resource in this stack`,
      }))).map(formatValidationProblem),
    });

    const region = this.batchRegion;
    new TerraformOutput(this, 'account_name', { value: region.account.resource.name, description: 'Batch account name' });
    new TerraformOutput(this, 'account_endpoint', { value: region.account.accountEndpoint, description: 'Batch account endpoint for clients' });
    new TerraformOutput(this, 'storage_account_id', { value: region.storage.storageAccountId, description: 'Auto-storage account id' });
    if (region.network.natGatewayPublicIps.length > 0) {
      new TerraformOutput(this, 'nat_public_ips', {
        value: region.network.natGatewayPublicIps.map((ip) => ip.ipAddress),
        description: 'Static public IPs the nodes leave through (NAT gateway): allow-list these at outside services',
      });
    }
    new TerraformOutput(this, 'pool_ids', {
      // Read at synth, so pools added with addPool after the stack was built are output too.
      value: Lazy.anyValue({ produce: () => Object.fromEntries(region.pools.map((pool) => [pool.name, pool.poolId])) }),
      description: 'Pool id by pool name; ids change when a pool is replaced',
    });
  }
}
