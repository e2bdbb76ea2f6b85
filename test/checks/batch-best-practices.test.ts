import { BatchAccount } from '@cdktf/provider-azurerm/lib/batch-account';
import { BatchApplication } from '@cdktf/provider-azurerm/lib/batch-application';
import { BatchPool } from '@cdktf/provider-azurerm/lib/batch-pool';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Aspects, Testing, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchBestPractices } from '../../lib/checks/batch-best-practices';
import { BestPracticeRule, Severity } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { rulesMarkdown } from '../../lib/checks/rules-doc';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { collectProblems, ValidationError, ValidationProblem } from '../../lib/private/problems';
import { TODAY_CONTEXT_KEY } from '../../lib/private/today';
import { BatchRegionStack, BatchRegionStackProps } from '../../lib/region/batch-region-stack';
import { StorageNetworkAccess } from '../../lib/storage/paired-storage-account';
import { readFileSync } from 'node:fs';
import { errorOf, resourcesOf, synth } from '../helpers';
import { compliantStack, WORK_POOL } from './helpers';

/** Annotations of `level` on `scope` and below, as `[id] …` messages. */
function annotations(scope: IConstruct, level: 'error' | 'warn' | 'info'): string[] {
  return scope.node.findAll().flatMap((node) => node.node.metadata).filter((entry) => entry.type === `@cdktf/${level}`).map((entry) => String(entry.data));
}

/**
 * Runs the aspects of `stack` the way synth does, then its checks: the problems synth refuses the stack
 * for (warnings and suppressions become annotations).
 */
function check(stack: TerraformStack): ValidationProblem[] {
  Testing.synth(stack);
  return collectProblems(stack);
}

/** The rule ids of `problems`, in order. */
function ruleIds(problems: readonly ValidationProblem[]): Array<string | undefined> {
  return problems.map((problem) => problem.ruleId);
}

const SUBSCRIPTION_ID = '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b';

/** A region stack with best practices on (the default), as of `today`. */
function regionStack(props: Partial<BatchRegionStackProps> = {}, today = '2026-11-21'): BatchRegionStack {
  const app = Testing.app({ context: { [TODAY_CONTEXT_KEY]: today } });
  return new BatchRegionStack(app, 'batch-eastus', {
    deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16', pools: [WORK_POOL], subscriptionId: SUBSCRIPTION_ID, ...props,
  });
}

/** A rule of your own, with the fields every rule explains itself by. */
function customRule(id: string, severity: Severity, check: BestPracticeRule['check']): BestPracticeRule {
  return {
    id, severity, check,
    title: 'Pools carry a cost-center tag',
    explanation: 'Finance charges Batch back to teams by the cost-center tag of each pool.',
    source: 'Contoso cloud handbook, "Tagging"',
    fix: 'Tag the pool with cost-center.',
  };
}

/** Reports every pool. */
const everyPool: BestPracticeRule['check'] = (view) => view.ofType('azurerm_batch_pool').map((pool) => ({ resource: pool, message: 'has no cost-center tag' }));

/** A deployment written with the provider's classes only, breaking every rule. */
function rawDeployment(checks = new BatchBestPractices()): TerraformStack {
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
  // On-premises ranges through a firewall the VNet is peered with nothing to reach (BATCH-018); not a default route, which would give the subnet a way out.
  const table = new RouteTable(stack, 'Routes', { name: 'rt', resourceGroupName: 'rg', location: 'westindia', route: [{ name: 'on-premises', addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance', nextHopInIpAddress: '10.0.1.4' }] });
  new SubnetRouteTableAssociation(stack, 'RoutesAssociation', { subnetId: subnet.id, routeTableId: table.id });
  rule('ClassicOnly', 'Outbound', 'Allow', 'Tcp', '443', 'BatchNodeManagement.WestIndia', 100);
  // Egress below would let UDP 443 to BatchNodeManagement through: this denies it first (BATCH-003).
  rule('DenyUdp', 'Outbound', 'Deny', 'Udp', '443', 'Internet', 150);
  rule('Ssh', 'Inbound', 'Allow', 'Tcp', '22', 'Internet', 200);
  rule('Egress', 'Outbound', 'Allow', '*', '*', 'Internet', 300);
  const storage = new StorageAccount(stack, 'Storage', {
    name: 'Storage_Raw', resourceGroupName: 'rg', location: 'southindia', accountTier: 'Standard', accountReplicationType: 'LRS',
    minTlsVersion: 'TLS1_0', httpsTrafficOnlyEnabled: false, allowNestedItemsToBePublic: true,
  });
  const account = new BatchAccount(stack, 'Account', {
    name: 'Batch-Raw', resourceGroupName: 'rg', location: 'westindia', storageAccountId: storage.id, storageAccountAuthenticationMode: 'StorageKeys',
    publicNetworkAccessEnabled: false, tags: { role: 'primary' }, poolAllocationMode: 'UserSubscription',
  });
  new BatchPool(stack, 'Pool', {
    name: 'raw pool', accountName: account.name, resourceGroupName: 'rg', vmSize: 'Standard_D4s_v3',
    nodeAgentSkuId: 'batch.node.ubuntu 22.04',
    storageImageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
    networkConfiguration: {
      subnetId: subnet.id, publicAddressProvisioningType: 'BatchManaged',
      endpointConfiguration: [{ name: 'ssh', backendPort: 22, frontendPortRange: '50000-50099', protocol: 'TCP' }],
    },
    fixedScale: { targetDedicatedNodes: 1, nodeDeallocationMethod: 'Terminate' },
    securityProfile: { hostEncryptionEnabled: false },
    containerConfiguration: { type: 'DockerCompatible', containerImageNames: ['contoso.azurecr.io/render:1'] },
    startTask: {
      commandLine: "/bin/bash -c 'curl -fsS https://example.org/prepare | bash -s -- 0:/mnt/data:ext4'", waitForSuccess: false, taskRetryMaximum: 0,
      userIdentity: { autoUser: { elevationLevel: 'Admin', scope: 'Pool' } },
    },
    userAccounts: [{ name: 'ops', password: 'P@ssw0rd!', elevationLevel: 'Admin' }],
    certificate: [{ id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a/certificates/sha1-ab', storeLocation: 'CurrentUser' }],
  });
  // Encryption at host in a user-subscription account (BATCH-021).
  const hostEncrypted = {
    name: 'host-encrypted', accountName: account.name, resourceGroupName: 'rg', vmSize: 'Standard_D4s_v6', nodeAgentSkuId: 'batch.node.ubuntu 24.04',
    targetNodeCommunicationMode: 'Simplified',
    storageImageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
    networkConfiguration: { subnetId: subnet.id, publicAddressProvisioningType: 'NoPublicIPAddresses' },
    securityProfile: { securityType: 'trustedLaunch', secureBootEnabled: true, vtpmEnabled: true, hostEncryptionEnabled: true },
  };
  new BatchPool(stack, 'HostEncryptedPool', hostEncrypted);
  new BatchAccount(stack, 'OpenAccount', { name: 'batchopen', resourceGroupName: 'rg', location: 'southindia', allowedAuthenticationModes: ['AAD'] });
  // The same pool twice, by another construct, its name in other letter case and another display name (BATCH-022).
  new BatchPool(stack, 'HostEncryptedPoolAgain', { ...hostEncrypted, name: 'Host-Encrypted', displayName: 'host encrypted, again' });
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
    // Without public IPs, in a private subnet: nothing gets these images or this download.
    containerConfiguration: { type: 'DockerCompatible', containerImageNames: ['contoso.azurecr.io/render:1'] },
    startTask: { commandLine: "/bin/bash -c 'curl -fsS https://example.org/setup | bash'", waitForSuccess: true, taskRetryMaximum: 1, userIdentity: { autoUser: { elevationLevel: 'NonAdmin', scope: 'Task' } } },
    diskEncryption: [{ diskEncryptionTarget: 'TemporaryDisk' }],
    securityProfile: { securityType: 'trustedLaunch', secureBootEnabled: true, vtpmEnabled: true },
  });
  Aspects.of(stack).add(checks);
  return stack;
}

describe('BatchBestPractices', () => {
  test('a deployment built with the provider\'s raw classes is reported rule by rule: errors as problems, warnings as annotations', () => {
    const stack = rawDeployment();
    const problems = check(stack);
    const warned = annotations(stack, 'warn').map((message) => /^\[([A-Z]+-\d{3})\]/.exec(message)?.[1] ?? message);
    // BATCH-016 reports only from its horizon before 2028-09-15, after this deployment's date: rules.test.ts covers it.
    expect([...new Set([...ruleIds(problems), ...warned])].sort()).toEqual(ALL_RULES.map((rule) => rule.id).filter((id) => id !== 'BATCH-016').sort());
    expect(problems).toContainEqual({
      subject: 'BatchBestPractices', constructPath: 'raw/Pool', ruleId: 'BATCH-001', path: '', value: undefined,
      message: 'target_node_communication_mode is null, not "Simplified": Set target_node_communication_mode = "Simplified" (SimplifiedPool always does).',
    });
    expect(problems.every((problem) => problem.subject === 'BatchBestPractices' && problem.ruleId !== undefined)).toBe(true);
    expect(ruleIds(problems)).not.toContain('SEC-006');
    expect(annotations(stack, 'warn')).toContain(
      '[SEC-006] public_address_provisioning_type is "BatchManaged": Set network_configuration.public_address_provisioning_type = "NoPublicIPAddresses" (PublicIpMode.NONE), or suppress with the reason you need static IPs.',
    );
    expect(annotations(stack, 'error')).toEqual([]);
  });

  test('problemsOf on the synthesized Terraform finds what synth finds on the tree, once, and leaves the other checks out of collectProblems', () => {
    const onTree = rawDeployment();
    const treeProblems = check(onTree);
    const synthesized = rawDeployment();
    // Synthesized without validations, as the app does (aspects run, so the checks are registered).
    const json = JSON.parse(Testing.synth(synthesized));
    expect(collectProblems(synthesized, { bestPractices: false })).toEqual([]);
    const problems = BatchBestPractices.problemsOf(synthesized, json);
    expect(problems.length).toBeGreaterThan(5);
    expect(problems).toEqual(treeProblems);
    expect(annotations(synthesized, 'warn')).toEqual(annotations(onTree, 'warn'));
    expect(annotations(synthesized, 'info')).toEqual(annotations(onTree, 'info'));
    // Once: asking again, or running the validations, annotates nothing twice.
    expect(BatchBestPractices.problemsOf(synthesized, json)).toEqual(problems);
    expect(collectProblems(synthesized)).toEqual(problems);
    expect(annotations(synthesized, 'warn')).toEqual(annotations(onTree, 'warn'));
  });

  test('problemsOf refuses JSON that lacks a resource of the tree, naming it', () => {
    const stack = rawDeployment();
    const json = JSON.parse(Testing.synth(stack));
    delete json.resource.azurerm_batch_pool.Pool;
    expect(errorOf(() => BatchBestPractices.problemsOf(stack, json))).toBe(
      'BatchBestPractices.problemsOf: the synthesized Terraform has no azurerm_batch_pool.Pool (raw/Pool); pass the JSON synthesized from stack raw as the tree is now',
    );
  });

  test('errors stop the real synth with a validation error naming the resource and the rule; warnings do not', () => {
    const stack = rawDeployment();
    const app = stack.node.root as unknown as { synth(): void };
    const message = errorOf(() => app.synth());
    expect(message).toMatch(/^Validation failed with the following errors:/);
    expect(message).toContain('[raw] BatchBestPractices raw/Pool: [BATCH-001] target_node_communication_mode is null, not "Simplified": Set target_node_communication_mode = "Simplified" (SimplifiedPool always does).\n');
    expect(message).not.toContain('[SEC-006]');
  });

  test('the checks run once the tree is complete, after every aspect, yours included', () => {
    const stack = regionStack();
    // Added after the one BatchRegionStack adds, so it visits the pool after BatchBestPractices visited the stack.
    Aspects.of(stack).add({ visit: (node) => { if (node instanceof BatchPool) node.addOverride('target_node_communication_mode', 'Default'); } });
    expect(errorOf(() => Testing.synth(stack, true))).toContain('[BATCH-001] target_node_communication_mode is "Default", not "Simplified"');
    expect(ruleIds(collectProblems(stack))).toEqual(['BATCH-001']);
  });

  test('region stacks apply it by default, and the default deployment is clean', () => {
    const stack = regionStack();
    expect(check(stack)).toEqual([]);
    expect([...annotations(stack, 'error'), ...annotations(stack, 'warn')]).toEqual([]);
    // Public auto-storage is a SEC-016 warning (see the suppression test); with best practices off, nothing says so.
    const off = regionStack({ region: AzureRegion.of('westus'), addressSpace: '10.20.0.0/16', pools: [], storageNetworkAccess: StorageNetworkAccess.PUBLIC, bestPractices: false });
    expect(check(off)).toEqual([]);
    expect(annotations(off, 'warn')).toEqual([]);
  });

  test('suppressions need a rule id and a reason, which the synth output reports', () => {
    const stack = regionStack({ storageNetworkAccess: StorageNetworkAccess.PUBLIC });
    const storage = stack.batchRegion.storage;
    expect(errorOf(() => BatchBestPractices.suppress(storage, 'SEC-016', 'apps'))).toBe(
      'BatchBestPractices.suppress: reason "apps" is too short; say why SEC-016 does not apply, in 10 characters or more',
    );
    expect(errorOf(() => BatchBestPractices.suppress(storage, 'SEC-016', '   apps   '))).toContain('reason "   apps   " is too short');
    for (const ruleId of ['SEC-16', 'sec-016', 'SEC016', 'SEC-0160', '-016', 'SEC-016 ']) {
      expect(errorOf(() => BatchBestPractices.suppress(stack, ruleId, 'because we can'))).toBe(
        `BatchBestPractices.suppress: ruleId ${JSON.stringify(ruleId)} is not a rule id; use one such as BATCH-001 (see RULES.md) or an id of your own rules in that form`,
      );
    }
    let thrown: unknown;
    try {
      BatchBestPractices.suppress(stack, 'sec-016', 'because we can');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).problems).toEqual([expect.objectContaining({ subject: 'BatchBestPractices.suppress', path: 'ruleId', value: 'sec-016' })]);
    expect(check(stack)).toEqual([]);
    expect(annotations(stack, 'warn')).toEqual([expect.stringMatching(/^\[SEC-016\] /)]);

    const suppressed = regionStack({ storageNetworkAccess: StorageNetworkAccess.PUBLIC });
    BatchBestPractices.suppress(suppressed.batchRegion.storage, 'SEC-016', '  Application packages need the public endpoint (Batch docs)  ');
    expect(check(suppressed)).toEqual([]);
    expect(annotations(suppressed, 'warn')).toEqual([]);
    expect(annotations(suppressed, 'info')).toEqual(['[SEC-016] suppressed: Application packages need the public endpoint (Batch docs)']);
  });

  test('a stack-wide suppression covers every resource in it', () => {
    const stack = rawDeployment();
    expect(ruleIds(check(rawDeployment()))).toContain('SEC-018');
    BatchBestPractices.suppress(stack, 'SEC-018', 'Lab network behind a corporate firewall');
    expect(ruleIds(check(stack))).not.toContain('SEC-018');
    expect(annotations(stack, 'info')).toEqual(['[SEC-018] suppressed: Lab network behind a corporate firewall']);
    expect(annotations(stack, 'warn').filter((message) => message.includes('matches no finding'))).toEqual([]);
  });

  test('a suppression that matches no finding is a warning where it was made', () => {
    const stack = regionStack();
    BatchBestPractices.suppress(stack.batchRegion.storage, 'SEC-016', 'Application packages need the public endpoint (Batch docs)');
    BatchBestPractices.suppress(stack, 'SEC-061', 'Lab network behind a corporate firewall');
    expect(check(stack)).toEqual([]);
    expect(annotations(stack.batchRegion.storage, 'warn')).toEqual(['the suppression of SEC-016 here matches no finding; remove it, or correct the rule id (see RULES.md)']);
    expect(stack.node.metadata.filter((entry) => entry.type === '@cdktf/warn').map((entry) => entry.data)).toEqual([
      'the suppression of SEC-061 here matches no finding; remove it, or correct the rule id (see RULES.md)',
    ]);
    expect(annotations(stack, 'info')).toEqual([]);
    // A warning, not an error: the stack synthesizes.
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  describe('rules of your own', () => {
    test('are run, reported under their id and suppressed like the library\'s', () => {
      const rules = [customRule('ACME-001', Severity.ERROR, everyPool), customRule('ACME-002', Severity.WARNING, everyPool)];
      const stack = compliantStack({ subscriptionId: SUBSCRIPTION_ID });
      Aspects.of(stack).add(new BatchBestPractices({ rules }));
      const pool = stack.batchRegion.pools[0];
      expect(check(stack)).toEqual([{
        subject: 'BatchBestPractices', constructPath: pool.resource.node.path, ruleId: 'ACME-001', path: '', value: undefined,
        message: 'has no cost-center tag: Tag the pool with cost-center.',
      }]);
      expect(annotations(stack, 'warn')).toEqual(['[ACME-002] has no cost-center tag: Tag the pool with cost-center.']);

      const suppressed = compliantStack({ subscriptionId: SUBSCRIPTION_ID });
      Aspects.of(suppressed).add(new BatchBestPractices({ rules }));
      BatchBestPractices.suppress(suppressed.batchRegion.pools[0], 'ACME-001', 'Shared pool, charged to the platform team');
      BatchBestPractices.suppress(suppressed, 'ACME-002', 'Tags are checked by Azure Policy in this subscription');
      expect(check(suppressed)).toEqual([]);
      expect(annotations(suppressed, 'warn')).toEqual([]);
      expect(annotations(suppressed, 'info').sort()).toEqual([
        '[ACME-001] suppressed: Shared pool, charged to the platform team',
        '[ACME-002] suppressed: Tags are checked by Azure Policy in this subscription',
      ]);
    });

    test('next to the library\'s rules, a suppression of one of yours is not reported as unused', () => {
      const stack = regionStack();
      Aspects.of(stack).add(new BatchBestPractices({ rules: [customRule('ACME-001', Severity.ERROR, everyPool)] }));
      BatchBestPractices.suppress(stack.batchRegion.pools[0], 'ACME-001', 'Shared pool, charged to the platform team');
      BatchBestPractices.suppress(stack, 'ACME-009', 'Typo of a rule id that no check runs');
      expect(check(stack)).toEqual([]);
      expect(annotations(stack, 'info')).toEqual(['[ACME-001] suppressed: Shared pool, charged to the platform team']);
      expect(annotations(stack, 'warn')).toEqual(['the suppression of ACME-009 here matches no finding; remove it, or correct the rule id (see RULES.md)']);
    });

    test.each<[string, unknown, string]>([
      ['an Error', new Error('cannot read the pool\'s tags'), 'cannot read the pool\'s tags'],
      ['a string', 'no tags', 'no tags'],
      ['undefined', undefined, 'undefined'],
    ])('a rule that throws %s is reported as its own failure, and the other rules still run', (_, thrown, shown) => {
      const broken = customRule('ACME-001', Severity.WARNING, () => {
        throw thrown;
      });
      const stack = rawDeployment(new BatchBestPractices({ rules: [broken, ALL_RULES.find((rule) => rule.id === 'BATCH-001')!] }));
      const problems = check(stack);
      expect(problems).toEqual([
        {
          subject: 'BatchBestPractices', constructPath: 'raw', ruleId: 'ACME-001', path: '', value: undefined,
          message: `the rule failed with ${shown}; the stack is unchecked by it — report this, or suppress ACME-001 on the stack with a reason`,
        },
        expect.objectContaining({ ruleId: 'BATCH-001', constructPath: 'raw/Pool' }),
      ]);
      expect(errorOf(() => Testing.synth(stack, true))).toContain(`[raw] BatchBestPractices raw: [ACME-001] the rule failed with ${shown};`);
    });

    test('a rule that throws can be suppressed on the stack, as its failure says', () => {
      const broken = customRule('ACME-001', Severity.ERROR, () => {
        throw new Error('cannot read the pool\'s tags');
      });
      const stack = rawDeployment(new BatchBestPractices({ rules: [broken] }));
      BatchBestPractices.suppress(stack, 'ACME-001', 'Rule fixed upstream in release 2.3, not yet here');
      expect(check(stack)).toEqual([]);
      expect(annotations(stack, 'info')).toEqual(['[ACME-001] suppressed: Rule fixed upstream in release 2.3, not yet here']);
      expect(annotations(stack, 'warn')).toEqual([]);
    });
  });

  describe('node agents past their end of life (BATCH-004)', () => {
    const old = { pools: [{ ...WORK_POOL, image: PoolImage.UBUNTU_2204 }] };

    test('are an error that stops synth', () => {
      const stack = regionStack(old, '2027-07-01');
      expect(check(stack)).toEqual([{
        subject: 'BatchBestPractices', constructPath: stack.batchRegion.pools[0].resource.node.path, ruleId: 'BATCH-004', path: '', value: undefined,
        message: 'node agent "batch.node.ubuntu 22.04" lost Batch support on 2027-06-30: Move the pool to a supported image, e.g. PoolImage.UBUNTU_2404.',
      }]);
      expect(errorOf(() => Testing.synth(regionStack(old, '2027-07-01'), true))).toContain('[BATCH-004] node agent "batch.node.ubuntu 22.04" lost Batch support on 2027-06-30');
    });

    test('a suppression with a reason turns the error into info, and the stack synthesizes', () => {
      const stack = regionStack(old, '2027-07-01');
      BatchBestPractices.suppress(stack.batchRegion.pools[0], 'BATCH-004', 'Vendor toolchain certified on 22.04 only until Q4');
      const [pool] = resourcesOf(synth(stack), 'azurerm_batch_pool');
      expect(pool.node_agent_sku_id).toBe('batch.node.ubuntu 22.04');
      expect(annotations(stack, 'info')).toEqual(['[BATCH-004] suppressed: Vendor toolchain certified on 22.04 only until Q4']);
      expect(annotations(stack, 'warn')).toEqual([]);
    });

    test('within the warning horizon it is a warning, and the horizon is a prop', () => {
      const warned = regionStack(old, '2027-03-01');
      expect(check(warned)).toEqual([]);
      expect(annotations(warned, 'warn')).toEqual([
        '[BATCH-004] node agent "batch.node.ubuntu 22.04" loses Batch support on 2027-06-30, in 121 days: Move the pool to a supported image, e.g. PoolImage.UBUNTU_2404.',
      ]);
      const shortHorizon = regionStack({ ...old, bestPracticeOptions: { endOfLifeWarningDays: 120 } }, '2027-03-01');
      expect(check(shortHorizon)).toEqual([]);
      expect(annotations(shortHorizon, 'warn')).toEqual([]);
    });
  });

  test('the pool\'s own check of the network\'s rule set is not a best practice: it fires with bestPractices off', () => {
    const stack = compliantStack({ ruleSet: NodeCommunicationRuleSet.CLASSIC });
    expect(Aspects.of(stack).all).toEqual([]);
    const problems = check(stack);
    expect(problems).toEqual([expect.objectContaining({ value: 'classic', message: expect.stringMatching(/^carries the classic rule set only/) })]);
    expect(problems[0].ruleId).toBeUndefined();
    expect(errorOf(() => Testing.synth(compliantStack({ ruleSet: NodeCommunicationRuleSet.CLASSIC }), true))).toContain('carries the classic rule set only');
  });

  test('RULES.md documents every rule and is up to date (run `npm run docs`)', () => {
    expect(readFileSync('RULES.md', 'utf8')).toBe(rulesMarkdown());
    for (const rule of ALL_RULES) expect(rulesMarkdown()).toContain(`## ${rule.id}`);
  });
});
