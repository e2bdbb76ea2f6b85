import type { BestPracticeRule } from '../rule';
import { accountDiagnostics } from './account-diagnostics';
import { accountEntraOnly } from './account-entra-only';
import { accountManagedIdentity } from './account-managed-identity';
import { accountNoPublicAccess } from './account-no-public-access';
import { accountPrivateEndpoints } from './account-private-endpoints';
import { applicationPackagesReachStorage } from './application-packages-reach-storage';
import { containerDockerBridge } from './container-docker-bridge';
import { containerRegistryRoute } from './container-registry-route';
import { dataDiskUnderMnt } from './data-disk-under-mnt';
import { namesValid } from './names-valid';
import { nsgNoInboundInternet } from './nsg-no-inbound-internet';
import { nsgNoOutboundInternet } from './nsg-no-outbound-internet';
import { poolDiskEncryption } from './pool-disk-encryption';
import { poolDiskEncryptionNotAde } from './pool-disk-encryption-not-ade';
import { poolHostEncryptionUserSubscription } from './pool-host-encryption-user-subscription';
import { poolImageAgentMatch } from './pool-image-agent-match';
import { poolNoCertificates } from './pool-no-certificates';
import { poolNoInternetEndpoints } from './pool-no-internet-endpoints';
import { poolNoPublicIp } from './pool-no-public-ip';
import { poolNoUserAccounts } from './pool-no-user-accounts';
import { poolNodeAgentEndOfLife } from './pool-node-agent-end-of-life';
import { poolNsgAllowsNodeManagement } from './pool-nsg-allows-node-management';
import { poolRegionSimplified } from './pool-region-simplified';
import { poolSecurityType } from './pool-security-type';
import { poolSimplifiedMode } from './pool-simplified-mode';
import { poolSingleNodePrimary } from './pool-single-node-primary';
import { poolVmSizeKnown } from './pool-vm-size-known';
import { poolVmSizeRetirement } from './pool-vm-size-retirement';
import { resizeKeepsRunningTasks } from './resize-keeps-running-tasks';
import { resourcesDistinct } from './resources-distinct';
import { routeNextHopReachable } from './route-next-hop-reachable';
import { startTaskReachesInternet } from './start-task-reaches-internet';
import { startTaskWaitsAndRetries } from './start-task-waits-and-retries';
import { storageDenyByDefault } from './storage-deny-by-default';
import { storageInfrastructureEncryption } from './storage-infrastructure-encryption';
import { storageNoPublicBlobs } from './storage-no-public-blobs';
import { storageNoSharedKeys } from './storage-no-shared-keys';
import { storageSameRegion } from './storage-same-region';
import { storageSecureTransport } from './storage-secure-transport';
import { storageSoftDelete } from './storage-soft-delete';
import { subnetHasNsg } from './subnet-has-nsg';

/** Every rule, in id order. */
export const ALL_RULES: readonly BestPracticeRule[] = [
  poolSimplifiedMode, poolRegionSimplified, poolNsgAllowsNodeManagement, poolNodeAgentEndOfLife, poolImageAgentMatch,
  poolSingleNodePrimary, containerDockerBridge, dataDiskUnderMnt, startTaskWaitsAndRetries, storageSameRegion, namesValid,
  resizeKeepsRunningTasks, poolVmSizeKnown, applicationPackagesReachStorage, containerRegistryRoute, poolDiskEncryptionNotAde, startTaskReachesInternet, routeNextHopReachable,
  poolSecurityType, poolVmSizeRetirement, poolHostEncryptionUserSubscription, resourcesDistinct,
  accountNoPublicAccess, accountEntraOnly, accountManagedIdentity, accountPrivateEndpoints, accountDiagnostics,
  poolNoPublicIp, poolNoInternetEndpoints, poolNoUserAccounts, poolNoCertificates, poolDiskEncryption,
  storageSecureTransport, storageNoPublicBlobs, storageNoSharedKeys, storageSoftDelete, storageInfrastructureEncryption, storageDenyByDefault,
  subnetHasNsg, nsgNoInboundInternet, nsgNoOutboundInternet,
];
