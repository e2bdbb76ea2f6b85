import { BatchAccount } from '@cdktf/provider-azurerm/lib/batch-account';
import { BatchApplication } from '@cdktf/provider-azurerm/lib/batch-application';
import { BatchPool } from '@cdktf/provider-azurerm/lib/batch-pool';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Aspects, Testing, TerraformStack } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchBestPractices } from '../../lib/checks/batch-best-practices';
import { ALL_RULES } from '../../lib/checks/rules';
import { rulesMarkdown } from '../../lib/checks/rules-doc';
import { TODAY_CONTEXT_KEY } from '../../lib/private/today';
import { BatchRegionStack } from '../../lib/region/batch-region-stack';
import { StorageNetworkAccess } from '../../lib/storage/paired-storage-account';
import { readFileSync } from 'node:fs';
import { errorOf } from '../helpers';
import { WORK_POOL } from './helpers';

/** Annotations of `level` under `stack`, as `[id] …` messages. */
function annotations(stack: TerraformStack, level: 'error' | 'warn' | 'info'): string[] {
  return stack.node.findAll().flatMap((node) => node.node.metadata).filter((entry) => entry.type === `@cdktf/${level}`).map((entry) => String(entry.data));
}

/** Runs the aspects of `stack` the way synth does. */
function check(stack: TerraformStack): void {
  Testing.synth(stack);
}

/** A deployment written with the provider's classes only, breaking every rule. */
function rawDeployment(): TerraformStack {
  const app = Testing.app({ context: { [TODAY_CONTEXT_KEY]: '2027-07-15' } });
  const stack = new TerraformStack(app, 'raw');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const vnet = new VirtualNetwork(stack, 'Vnet', { name: 'vnet', resourceGroupName: 'rg', location: 'westindia', addressSpace: ['172.17.0.0/16'] });
  const subnet = new Subnet(stack, 'Subnet', { name: 'snet', resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['172.17.0.0/24'], defaultOutboundAccessEnabled: false });
  new Subnet(stack, 'Other', { name: 'snet-other', resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['172.17.1.0/24'] });
  const nsg = new NetworkSecurityGroup(stack, 'Nsg', { name: 'nsg', resourceGroupName: 'rg', location: 'westindia' });
  new SubnetNetworkSecurityGroupAssociation(stack, 'Association', { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
  const rule = (id: string, direction: string, access: string, protocol: string, port: string, peer: string, priority: number) =>
    new NetworkSecurityRule(stack, id, {
      name: id, resourceGroupName: 'rg', networkSecurityGroupName: nsg.name, priority, direction, access, protocol,
      sourcePortRange: '*', destinationPortRange: port,
      sourceAddressPrefix: direction === 'Inbound' ? peer : '*', destinationAddressPrefix: direction === 'Inbound' ? '*' : peer,
    });
  rule('ClassicOnly', 'Outbound', 'Allow', 'Tcp', '443', 'BatchNodeManagement.WestIndia', 100);
  rule('Ssh', 'Inbound', 'Allow', 'Tcp', '22', 'Internet', 200);
  rule('Egress', 'Outbound', 'Allow', '*', '*', 'Internet', 300);
  const storage = new StorageAccount(stack, 'Storage', {
    name: 'Storage_Raw', resourceGroupName: 'rg', location: 'southindia', accountTier: 'Standard', accountReplicationType: 'LRS',
    minTlsVersion: 'TLS1_0', httpsTrafficOnlyEnabled: false, allowNestedItemsToBePublic: true,
  });
  const account = new BatchAccount(stack, 'Account', {
    name: 'Batch-Raw', resourceGroupName: 'rg', location: 'westindia', storageAccountId: storage.id, storageAccountAuthenticationMode: 'StorageKeys',
    publicNetworkAccessEnabled: false, tags: { role: 'primary' },
  });
  new BatchPool(stack, 'Pool', {
    name: 'raw pool', accountName: account.name, resourceGroupName: 'rg', vmSize: 'Standard_D4s_v5',
    nodeAgentSkuId: 'batch.node.ubuntu 22.04',
    storageImageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
    networkConfiguration: {
      subnetId: subnet.id, publicAddressProvisioningType: 'BatchManaged',
      endpointConfiguration: [{ name: 'ssh', backendPort: 22, frontendPortRange: '50000-50099', protocol: 'TCP' }],
    },
    fixedScale: { targetDedicatedNodes: 1, nodeDeallocationMethod: 'Terminate' },
    containerConfiguration: { type: 'DockerCompatible', containerImageNames: ['contoso.azurecr.io/render:1'] },
    startTask: {
      commandLine: "/bin/bash -c 'prepare | bash -s -- 0:/mnt/data:ext4'", waitForSuccess: false, taskRetryMaximum: 0,
      userIdentity: { autoUser: { elevationLevel: 'Admin', scope: 'Pool' } },
    },
    userAccounts: [{ name: 'ops', password: 'P@ssw0rd!', elevationLevel: 'Admin' }],
    certificate: [{ id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a/certificates/sha1-ab', storeLocation: 'CurrentUser' }],
  });
  new BatchAccount(stack, 'OpenAccount', { name: 'batchopen', resourceGroupName: 'rg', location: 'southindia', allowedAuthenticationModes: ['AAD'] });
  const privateStorage = new StorageAccount(stack, 'PrivateStorage', {
    name: 'stprivate', resourceGroupName: 'rg', location: 'southindia', accountTier: 'Standard', accountReplicationType: 'LRS', publicNetworkAccessEnabled: false,
  });
  const packaged = new BatchAccount(stack, 'PackagedAccount', {
    name: 'batchpackaged', resourceGroupName: 'rg', location: 'southindia', storageAccountId: privateStorage.id, storageAccountAuthenticationMode: 'StorageKeys',
  });
  new BatchApplication(stack, 'Application', { name: 'blender', accountName: packaged.name, resourceGroupName: 'rg' });
  new BatchPool(stack, 'SimplifiedPool', {
    name: 'simplified', accountName: account.name, resourceGroupName: 'rg', vmSize: 'Standard_NC24ads_A100_v4', nodeAgentSkuId: 'batch.node.ubuntu 24.04',
    targetNodeCommunicationMode: 'Simplified',
    storageImageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
    networkConfiguration: { subnetId: subnet.id, publicAddressProvisioningType: 'NoPublicIPAddresses' },
    diskEncryption: [{ diskEncryptionTarget: 'TemporaryDisk' }],
    securityProfile: { securityType: 'trustedLaunch', secureBootEnabled: true, vtpmEnabled: true },
  });
  Aspects.of(stack).add(new BatchBestPractices());
  return stack;
}

describe('BatchBestPractices', () => {
  test('a deployment built with the provider\'s raw classes is reported rule by rule', () => {
    const stack = rawDeployment();
    expect(() => check(stack)).not.toThrow(); // Testing.synth records error annotations; the real synth stops on them
    const reported = [...annotations(stack, 'error'), ...annotations(stack, 'warn')].map((message) => /^\[([A-Z]+-\d{3})\]/.exec(message)![1]);
    // BATCH-016 reports only from its horizon before 2028-09-15, after this deployment's date: rules.test.ts covers it.
    expect([...new Set(reported)].sort()).toEqual(ALL_RULES.map((rule) => rule.id).filter((id) => id !== 'BATCH-016').sort());
    expect(annotations(stack, 'error')).toContain(
      '[BATCH-001] target_node_communication_mode is null, not "Simplified": Set target_node_communication_mode = "Simplified" (SimplifiedPool always does).',
    );
    expect(annotations(stack, 'warn')).toContain(
      '[SEC-006] public_address_provisioning_type is "BatchManaged": Set network_configuration.public_address_provisioning_type = "NoPublicIPAddresses" (PublicIpMode.NONE), or suppress with the reason you need static IPs.',
    );
  });

  test('errors stop the real synth, naming the resource and the rule', () => {
    const stack = rawDeployment();
    const app = stack.node.root as unknown as { synth(): void };
    expect(errorOf(() => app.synth())).toContain('[raw/Pool] [BATCH-001] target_node_communication_mode is null, not "Simplified"');
  });

  test('region stacks apply it by default, and the default deployment is clean', () => {
    const app = Testing.app({ context: { [TODAY_CONTEXT_KEY]: '2026-11-21' } });
    const subscriptionId = '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b';
    const stack = new BatchRegionStack(app, 'batch-eastus', { deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16', pools: [WORK_POOL], subscriptionId });
    check(stack);
    expect([...annotations(stack, 'error'), ...annotations(stack, 'warn')]).toEqual([]);
    const off = new BatchRegionStack(app, 'batch-westus', {
      deploymentName: 'contoso', region: AzureRegion.of('westus'), addressSpace: '10.20.0.0/16', storageNetworkAccess: StorageNetworkAccess.PUBLIC, bestPractices: false, subscriptionId,
    });
    check(off);
    expect(annotations(off, 'warn')).toEqual([]);
  });

  test('suppressions need a reason, which the synth output reports', () => {
    const app = Testing.app({ context: { [TODAY_CONTEXT_KEY]: '2026-11-21' } });
    const stack = new BatchRegionStack(app, 'batch-eastus', {
      deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16', storageNetworkAccess: StorageNetworkAccess.PUBLIC,
      subscriptionId: '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b',
    });
    expect(errorOf(() => BatchBestPractices.suppress(stack.batchRegion.storage, 'SEC-016', 'apps'))).toBe(
      'BatchBestPractices.suppress: the reason for suppressing SEC-016 on batch-eastus/Region/Storage is "apps"; write why the rule does not apply, in 10 characters or more.',
    );
    expect(errorOf(() => BatchBestPractices.suppress(stack, 'SEC-999', 'because we can'))).toBe(
      `BatchBestPractices.suppress: "SEC-999" is not a rule id; use one of ${ALL_RULES.map((rule) => rule.id).join(', ')} (see RULES.md).`,
    );
    BatchBestPractices.suppress(stack.batchRegion.storage, 'SEC-016', 'Application packages need the public endpoint (Batch docs)');
    check(stack);
    expect(annotations(stack, 'warn')).toEqual([]);
    expect(annotations(stack, 'info')).toEqual(['[SEC-016] suppressed: Application packages need the public endpoint (Batch docs)']);
  });

  test('a stack-wide suppression covers every resource in it', () => {
    const stack = rawDeployment();
    BatchBestPractices.suppress(stack, 'SEC-018', 'Lab network behind a corporate firewall');
    check(stack);
    expect(annotations(stack, 'error').filter((message) => message.startsWith('[SEC-018]'))).toEqual([]);
    expect(annotations(stack, 'info')).toEqual(['[SEC-018] suppressed: Lab network behind a corporate firewall']);
  });

  test('RULES.md documents every rule and is up to date (run `npm run docs`)', () => {
    expect(readFileSync('RULES.md', 'utf8')).toBe(rulesMarkdown());
    for (const rule of ALL_RULES) expect(rulesMarkdown()).toContain(`## ${rule.id}`);
  });
});
