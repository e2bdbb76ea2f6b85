import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { ArmIdKind, networkSubscriptionOf, parseArmId, SUBSCRIPTION_ID_PATTERN } from '../../lib/private/arm-id';
import { PROVIDER_RULES_AVAILABLE, providerArmIdTemplates, TERRAFORM, TERRAFORM_REQUIRED, terraformOutputs } from '../helpers';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/**
 * Ids in the form the azurerm provider documents for `terraform import` of each resource (its
 * `website/docs/r/<resource>.html.markdown`, section Import), with the names they carry.
 */
const IDS: Array<[ArmIdKind, string, string, string[]]> = [
  ['virtualNetwork', `/subscriptions/${SUBSCRIPTION}/resourceGroups/mygroup1/providers/Microsoft.Network/virtualNetworks/myvnet1`, 'mygroup1', ['myvnet1']],
  ['subnet', `/subscriptions/${SUBSCRIPTION}/resourceGroups/mygroup1/providers/Microsoft.Network/virtualNetworks/myvnet1/subnets/mysubnet1`, 'mygroup1', ['myvnet1', 'mysubnet1']],
  ['storageAccount', `/subscriptions/${SUBSCRIPTION}/resourceGroups/myresourcegroup/providers/Microsoft.Storage/storageAccounts/myaccount`, 'myresourcegroup', ['myaccount']],
  ['keyVault', `/subscriptions/${SUBSCRIPTION}/resourceGroups/mygroup1/providers/Microsoft.KeyVault/vaults/vault1`, 'mygroup1', ['vault1']],
  ['logAnalyticsWorkspace', `/subscriptions/${SUBSCRIPTION}/resourceGroups/mygroup1/providers/Microsoft.OperationalInsights/workspaces/workspace1`, 'mygroup1', ['workspace1']],
  ['privateDnsZone', `/subscriptions/${SUBSCRIPTION}/resourceGroups/mygroup1/providers/Microsoft.Network/privateDnsZones/privatelink.batch.azure.com`, 'mygroup1', ['privatelink.batch.azure.com']],
  ['userAssignedIdentity', `/subscriptions/${SUBSCRIPTION}/resourceGroups/resGroup1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/userAssignedIdentity1`, 'resGroup1', ['userAssignedIdentity1']],
  ['batchAccount', `/subscriptions/${SUBSCRIPTION}/resourceGroups/group1/providers/Microsoft.Batch/batchAccounts/account1`, 'group1', ['account1']],
  ['networkSecurityGroup', `/subscriptions/${SUBSCRIPTION}/resourceGroups/mygroup1/providers/Microsoft.Network/networkSecurityGroups/mySecurityGroup`, 'mygroup1', ['mySecurityGroup']],
];

/** The shape a kind expects, as its refusal states it: `expected /subscriptions/<subscription>/...`. */
function expectedShape(kind: ArmIdKind): string {
  const reason = parseArmId('nonsense', kind);
  if (typeof reason !== 'string') throw new Error('"nonsense" parsed');
  return reason.replace(/^.*; expected /, '');
}

describe('parseArmId', () => {
  test.each(IDS)('a %s id: resource group and names', (kind, id, resourceGroupName, names) => {
    expect(parseArmId(id, kind)).toEqual({ resourceGroupName, names });
  });

  // The provider's id validators compare the fixed segments exactly (go-azure-helpers resourceids/parse.go,
  // vendored at azurerm v4.55.0): an id with `resourcegroups` passes ARM but fails the provider's plan.
  // The strict kinds reach provider attributes whose validators compare the fixed segments exactly
  // (go-azure-helpers resourceids/parse.go, vendored at azurerm v4.55.0); the others only name things, or
  // reach ValidateResourceID, which takes any case.
  const STRICT = ['virtualNetwork', 'subnet', 'storageAccount', 'logAnalyticsWorkspace', 'privateDnsZone', 'userAssignedIdentity', 'routeTable'];
  test.each(IDS)('%s ids in another letter case: refused where the provider is strict, naming the segments and the shape; else split as ARM compares', (kind, id, resourceGroupName, names) => {
    const lower = id.replace('resourceGroups', 'resourcegroups').replace('/providers/Microsoft.', '/providers/microsoft.');
    if (STRICT.includes(kind)) {
      expect(parseArmId(lower, kind)).toMatch(/^writes "resourcegroups" where the provider expects "resourceGroups", "microsoft\.\w+" where the provider expects "Microsoft\.\w+", which it refuses \(some Azure commands return ids in lower case\); write the id as \/subscriptions\/<subscription>\/resourceGroups\//);
    } else {
      expect(parseArmId(lower, kind)).toEqual({ resourceGroupName, names });
    }
  });

  test('a subscription that is no GUID is refused', () => {
    const [kind, id] = IDS[0];
    expect(parseArmId(id.replace(/\/subscriptions\/[^/]+\//, '/subscriptions/contoso-prod/'), kind)).toBe(
      'names subscription "contoso-prod", which is not a subscription id (a GUID); write the id as /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>',
    );
  });

  test('an id of another kind, a truncated id or one with a trailing segment is refused with the expected shape', () => {
    const [, vnet] = IDS[0];
    const [, subnet] = IDS[1];
    expect(parseArmId(subnet, 'virtualNetwork')).toBe(
      'is not a virtual network resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>',
    );
    expect(parseArmId(vnet, 'subnet')).toBe(
      'is not a subnet resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
    );
    expect(parseArmId(`${vnet}/`, 'virtualNetwork')).toMatch(/^is not a virtual network resource id;/);
    expect(parseArmId(vnet.replace('virtualNetworks', 'networkSecurityGroups'), 'virtualNetwork')).toMatch(/^is not a virtual network resource id;/);
    expect(parseArmId(IDS[2][1], 'batchAccount')).toBe(
      'is not a Batch account resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Batch/batchAccounts/<account>',
    );
  });

  test('a literal id that still holds unresolved template syntax is refused, not split', () => {
    expect(parseArmId(`/subscriptions/${SUBSCRIPTION}/resourceGroups/\${var.group}/providers/Microsoft.Storage/storageAccounts/st1`, 'storageAccount'))
      .toMatch(/^is not a storage account resource id;/);
  });

  (PROVIDER_RULES_AVAILABLE ? test : test.skip)('every shape the provider validates ids against is the shape expected here', () => {
    // `{subscriptionId}` and `<subscription>` both become `*`, so only the fixed segments are compared.
    const normalize = (template: string) => template.replace(/\{[^}]+\}|<[^>]+>/g, '*');
    const provider = new Set(providerArmIdTemplates().map(normalize));
    const kinds: ArmIdKind[] = ['virtualNetwork', 'subnet', 'storageAccount', 'logAnalyticsWorkspace', 'privateDnsZone', 'userAssignedIdentity', 'networkSecurityGroup'];
    for (const kind of kinds) expect(provider).toContain(normalize(expectedShape(kind)));
  });
});

describe('parseArmId on an id known only at apply time', () => {
  const run = TERRAFORM || TERRAFORM_REQUIRED ? test : test.skip;

  run('Terraform itself splits it into the same resource group and names as a literal id gives', () => {
    const stack = new TerraformStack(Testing.app(), 'arm-ids');
    for (const [kind, id] of IDS) {
      const variable = new TerraformVariable(stack, `${kind}Id`, { type: 'string', default: id });
      const parts = parseArmId(variable.stringValue, kind);
      if (typeof parts === 'string') throw new Error(parts);
      new TerraformOutput(stack, `${kind}Group`, { value: parts.resourceGroupName });
      new TerraformOutput(stack, `${kind}Names`, { value: parts.names });
    }
    // A literal id with a token inside (a subscription known at apply time) is split the same way. cdktf
    // warns that a template inside a function argument "may be incorrect"; Terraform's result below says it is not.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const subscription = new TerraformVariable(stack, 'subscription', { type: 'string', default: SUBSCRIPTION });
    const mixed = parseArmId(`/subscriptions/${subscription.stringValue}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-batch`, 'subnet');
    if (typeof mixed === 'string') throw new Error(mixed);
    new TerraformOutput(stack, 'mixedGroup', { value: mixed.resourceGroupName });
    new TerraformOutput(stack, 'mixedNames', { value: mixed.names });

    let outputs: Record<string, unknown>;
    try {
      outputs = terraformOutputs(stack);
    } finally {
      warn.mockRestore();
    }
    for (const [kind, , resourceGroupName, names] of IDS) {
      expect([kind, outputs[`${kind}Group`], outputs[`${kind}Names`]]).toEqual([kind, resourceGroupName, names]);
    }
    expect([outputs.mixedGroup, outputs.mixedNames]).toEqual(['rg-hub', ['vnet-hub', 'snet-batch']]);
  });
});

describe('SUBSCRIPTION_ID_PATTERN', () => {
  test.each([
    [SUBSCRIPTION, true],
    ['6F9619FF-8B86-D011-B42D-00CF4FC964FF', true],
    ['6f9619ff-8b86-d011-b42d-00cf4fc964ff', true],
    ['6f9619ff8b86d011b42d00cf4fc964ff', false],
    ['{6f9619ff-8b86-d011-b42d-00cf4fc964ff}', false],
    ['6f9619ff-8b86-d011-b42d-00cf4fc964f', false],
    ['contoso-prod', false],
  ])('%j is a subscription id: %s', (id, valid) => {
    expect(SUBSCRIPTION_ID_PATTERN.test(id)).toBe(valid);
  });
});

describe('networkSubscriptionOf', () => {
  const vnetIn = (subscription: string) => `/subscriptions/${subscription}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet`;
  const OTHER = 'ABCDEF00-0000-0000-0000-000000000000';

  test('the subnet\'s subscription comes first, in lower case, with the id that names it', () => {
    expect(networkSubscriptionOf({ virtualNetworkId: vnetIn(SUBSCRIPTION), subnetId: `${vnetIn(OTHER)}/subnets/snet` })).toEqual({ subscription: OTHER.toLowerCase(), id: `${vnetIn(OTHER)}/subnets/snet` });
  });

  test('the VNet\'s when the subnet is known only at apply time, and none when neither names a GUID', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const token = new TerraformVariable(stack, 'subnet', { type: 'string' }).stringValue;
    expect(networkSubscriptionOf({ virtualNetworkId: vnetIn(OTHER), subnetId: token })).toEqual({ subscription: OTHER.toLowerCase(), id: vnetIn(OTHER) });
    expect(networkSubscriptionOf({ virtualNetworkId: vnetIn('not-a-guid'), subnetId: token })).toBeUndefined();
  });
});
