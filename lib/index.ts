// The public API, listed explicitly: anything not named here is internal and may change without notice.
// etc/cdktf-azure-batch.api.md records it, so a change to it shows in review.

export { AzureCloud, AzureRegion } from './catalog/azure-region';
export { CpuArchitecture, DiskController, VmSize, type VmSizeCapabilities } from './catalog/vm-size';
export { type DataDiskLimit } from './catalog/max-data-disks';
export { type SizeRetirement } from './catalog/vm-size-retirement';
export { type CustomImageOptions, HyperVGeneration, type MarketplaceImageOptions, type NodeAgentSku, OsFamily, PoolImage } from './catalog/pool-image';

export { type IPeer, Peer } from './network/peer';
export { Port, Protocol } from './network/port';
export { ServiceTag } from './network/service-tag';
export { MAX_RULE_PRIORITY, MIN_RULE_PRIORITY, NetworkRule, type NetworkRuleOptions, RuleAccess, TrafficDirection } from './network/network-rule';
export { nodeCommunicationRules, NodeCommunicationRuleSet } from './network/node-communication-rule-set';
export { type PoolSecurityRulesOptions } from './network/pool-security-rules';
export { Egress, EgressKind, type HubEgressOptions, type NatGatewayEgressOptions } from './network/egress';
export { ContainerRegistryEndpoint, type ContainerRegistryEndpointProps } from './network/container-registry-endpoint';
export { type IBatchNetwork, type PoolNetworkOptions } from './network/pool-network';
export { BatchNetwork, type BatchNetworkProps } from './network/batch-network';
export { type ImportedVirtualNetworkDnsProps, type SubnetImportProps, type VirtualNetworkImportProps } from './network/imported-network';

export { BlobReplication, type BlobReplicationProps } from './storage/blob-replication';
export { type IAutoStorageAccount, PairedStorageAccount, type PairedStorageAccountProps, type StorageAccountImportProps, StorageNetworkAccess, StorageReplication } from './storage/paired-storage-account';
export { type BatchAccountImportProps, type BatchApplicationOptions, BatchAuthenticationMode, type BatchPrivateEndpointOptions, BatchSubresource, type IBatchAccount, type KeyVaultReference, PoolAllocationMode, RegionalBatchAccount, type RegionalBatchAccountProps } from './account/regional-batch-account';

export { type DataDisk, DataDiskStartTask, type DataDiskStartTaskProps, DiskCaching, DiskFileSystem, DiskStorageType } from './pool/data-disk-start-task';
export { type AutoscaleOptions, type FixedScaleOptions, NodeDeallocation, type PendingTasksOptions, PoolScale } from './pool/pool-scale';
export { type ContainerRegistryLogin, ContainerRuntime, NodeFillType, NodePlacement, type PoolContainerOptions, type PoolOptions, PublicIpMode, SimplifiedPool, type SimplifiedPoolProps } from './pool/simplified-pool';

export { RegionRole } from './region/region-role';
export { BatchRegion, type BatchRegionProps, type LandingZoneNetwork, type LandingZoneSubnet, type LandingZoneVirtualNetwork, type PrivateDnsZoneIds } from './region/batch-region';
export { BatchRegionStack, type BatchRegionStackProps } from './region/batch-region-stack';
export { BlobReplicationStack, type BlobReplicationStackProps } from './region/blob-replication-stack';
export { aboveDefaultQuotas, capacityNeeds, type CapacityNeeds, DEFAULT_BATCH_QUOTAS, type PlannedPool, usableAddresses } from './region/capacity';
export { type AzurermStateOptions, StateBackend } from './state/state-backend';

export { BatchBestPractices, type BatchBestPracticesProps } from './checks/batch-best-practices';
export { type BestPracticeRule, type Finding, type RuleContext, Severity } from './checks/rule';
export { ALL_RULES } from './checks/rules';
export { rulesMarkdown } from './checks/rules-doc';
export { type ResourceView, StackView } from './checks/stack-view';
export { collectProblems, type CollectProblemsOptions, type Problem, ValidationError, type ValidationProblem } from './private/problems';
export { TODAY_CONTEXT_KEY } from './private/today';
