import type { AzurermProvider } from '../azurerm';
import { TerraformStack } from '../engine';
import type { Construct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { throwIfProblems } from '../private/problems';
import { azurermProvider } from '../private/provider';
import { StateBackend } from '../state/state-backend';
import { BlobReplication, BlobReplicationProps } from '../storage/blob-replication';

/** Properties of a {@link BlobReplicationStack}. */
export interface BlobReplicationStackProps extends BlobReplicationProps {
  /** Region of the source account; its cloud sets the provider's environment. */
  readonly sourceRegion: AzureRegion;
  /** Region of the destination account. */
  readonly destinationRegion: AzureRegion;
  /**
   * The subscription of both accounts.
   * @default - the provider's: ARM_SUBSCRIPTION_ID or the Azure CLI login
   */
  readonly subscriptionId?: string;
  /**
   * Where the stack keeps its state.
   * @default StateBackend.local()
   */
  readonly backend?: StateBackend;
}

/**
 * A deployable stack holding one {@link BlobReplication} between two region stacks' auto-storage
 * accounts, by their ARM ids only: no region stack references it and it references none, so a region
 * that is down never blocks deploying another.
 */
export class BlobReplicationStack extends TerraformStack {
  /** The stack name the deployable app gives a pair: `batch-replication-<source>-<destination>`. */
  public static stackName(source: { readonly name: string }, destination: { readonly name: string }): string {
    return `batch-replication-${source.name}-${destination.name}`;
  }

  /** The replication. */
  public readonly replication: BlobReplication;
  /** ARM name of the source region. */
  public readonly sourceRegion: string;
  /** ARM name of the destination region. */
  public readonly destinationRegion: string;
  /** The azurerm provider of this stack. */
  public readonly provider: AzurermProvider;

  constructor(scope: Construct, id: string, props: BlobReplicationStackProps) {
    super(scope, id);
    if (props.sourceRegion.cloud !== props.destinationRegion.cloud) {
      throwIfProblems(this, [{ path: 'destinationRegion', value: props.destinationRegion.name, message: `is in ${props.destinationRegion.cloud}, the source in ${props.sourceRegion.cloud}; object replication stays in one cloud` }]);
    }
    this.sourceRegion = props.sourceRegion.name;
    this.destinationRegion = props.destinationRegion.name;
    this.provider = azurermProvider(this, props.sourceRegion.cloud, props.subscriptionId);
    (props.backend ?? StateBackend.local()).bind(this, id, props.sourceRegion.cloud);
    this.replication = new BlobReplication(this, 'Replication', props);
  }
}
