import { StorageObjectReplication } from '../azurerm';
import { Token } from '../engine';
import { Construct } from 'constructs';
import { parseArmId } from '../private/arm-id';
import { Problem, throwIfProblems } from '../private/problems';
import { containerNameProblems } from './paired-storage-account';

/** Properties of a {@link BlobReplication}. */
export interface BlobReplicationProps {
  /**
   * ARM id of the source storage account (the primary's auto-storage), as a literal: a region's stack
   * builds it from names known at synth time, so no stack references another.
   */
  readonly sourceStorageAccountId: string;
  /** ARM id of the destination storage account (a standby's auto-storage), as a literal. */
  readonly destinationStorageAccountId: string;
  /**
   * Containers to replicate, each to the container of the same name; both must exist (the region
   * stacks create them with `referenceContainers`). The destination's become read-only while the policy
   * exists (Learn "Object replication for block blobs", "Replication rules": writes fail with 409).
   */
  readonly containers: string[];
  /**
   * Copy the blobs that exist when the policy is created, not only new ones.
   * @default false - azurerm's default, `OnlyNewObjects` (storage_object_replication_resource.go:80-85 at v4.55.0)
   */
  readonly copyExistingBlobs?: boolean;
}

/**
 * Object replication of reference data from one region's auto-storage to another's (the seed: "keep
 * application binaries and reference data up-to-date in all regions"): one policy per pair, one rule
 * per container. Both accounts need blob versioning and the source the change feed, which
 * `referenceContainers` turns on. A source replicates to at most two destinations (same page,
 * "Replication policies"). It references the accounts by id only, so it lives in a stack of its own, and a region
 * that is down never blocks deploying another; before a switchover, destroy it, and create the reversed
 * one after.
 */
export class BlobReplication extends Construct {
  /** The policy (id `Resource`). */
  public readonly resource: StorageObjectReplication;

  constructor(scope: Construct, id: string, props: BlobReplicationProps) {
    super(scope, id);
    const problems: Problem[] = [];
    for (const key of ['sourceStorageAccountId', 'destinationStorageAccountId'] as const) {
      const value = props[key];
      const parsed = Token.isUnresolved(value) ? 'is known only at deploy time; give the account\'s ARM id as a literal, so the replication stack references no other stack' : parseArmId(value, 'storageAccount');
      if (typeof parsed === 'string') problems.push({ path: key, value, message: parsed });
    }
    if (props.sourceStorageAccountId.toLowerCase() === props.destinationStorageAccountId.toLowerCase()) {
      problems.push({ path: 'destinationStorageAccountId', value: props.destinationStorageAccountId, message: 'is the source account; replicate to another region\'s account' });
    }
    if (props.containers.length === 0) problems.push({ path: 'containers', value: props.containers, message: 'is empty; name the containers to replicate' });
    // A name known only at deploy time goes into its rule as it is; the list is needed to write one rule per container.
    problems.push(...containerNameProblems(props.containers, 'containers', { list: 'one replication rule is written per container at synth' }));
    throwIfProblems(this, problems);
    this.resource = new StorageObjectReplication(this, 'Resource', {
      sourceStorageAccountId: props.sourceStorageAccountId,
      destinationStorageAccountId: props.destinationStorageAccountId,
      rules: props.containers.map((container) => ({
        sourceContainerName: container,
        destinationContainerName: container,
        copyBlobsCreatedAfter: props.copyExistingBlobs ? 'Everything' : 'OnlyNewObjects',
      })),
    });
  }
}
