import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { AzureCloud } from '../../lib/catalog/azure-region';
import { AzurermStateOptions, StateBackend } from '../../lib/state/state-backend';
import { errorOf, TERRAFORM, TERRAFORM_REQUIRED, terraformOn } from '../helpers';

const OPTIONS: AzurermStateOptions = { resourceGroupName: 'rg-state', storageAccountName: 'ststate01', containerName: 'tfstate' };

/** A stack holding nothing but the backend `backend` binds for `name` in `cloud`. */
function bound(backend: StateBackend, name = 'batch-eastus', cloud = AzureCloud.PUBLIC): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  backend.bind(stack, name, cloud);
  return stack;
}

function backendOf(stack: TerraformStack): Record<string, Record<string, unknown>> {
  return JSON.parse(Testing.synth(stack)).terraform.backend;
}

describe('StateBackend.local', () => {
  test('defaults to a file per stack in the project root, by a relative path (stack folders are cdktf.out/stacks/<name>)', () => {
    expect(backendOf(bound(StateBackend.local()))).toEqual({ local: { path: '../../../terraform.batch-eastus.tfstate' } });
    expect(backendOf(bound(StateBackend.local(), 'batch-westus'))).toEqual({ local: { path: '../../../terraform.batch-westus.tfstate' } });
  });

  test('takes a path of its own', () => {
    expect(backendOf(bound(StateBackend.local('state/eastus.tfstate')))).toEqual({ local: { path: 'state/eastus.tfstate' } });
  });
});

describe('StateBackend.azurerm', () => {
  // Argument names of Terraform's azurerm backend (developer.hashicorp.com/terraform/language/backend/azurerm).
  test('writes the azurerm backend block: one key per stack, Entra ID auth, the stack\'s cloud', () => {
    expect(backendOf(bound(StateBackend.azurerm(OPTIONS)))).toEqual({
      azurerm: {
        resource_group_name: 'rg-state', storage_account_name: 'ststate01', container_name: 'tfstate',
        key: 'batch-eastus.tfstate', use_azuread_auth: true, environment: 'public',
      },
    });
  });

  test('regions never share a state key, and the prefix and subscription are passed on', () => {
    const backend = StateBackend.azurerm({ ...OPTIONS, keyPrefix: 'contoso/', subscriptionId: '6f9619ff-8b86-d011-b42d-00cf4fc964ff' });
    const east = backendOf(bound(backend, 'batch-eastus')).azurerm;
    const west = backendOf(bound(backend, 'batch-westus')).azurerm;
    expect([east.key, west.key]).toEqual(['contoso/batch-eastus.tfstate', 'contoso/batch-westus.tfstate']);
    expect(east.subscription_id).toBe('6f9619ff-8b86-d011-b42d-00cf4fc964ff');
  });

  test.each([
    [AzureCloud.PUBLIC, 'public'],
    [AzureCloud.US_GOVERNMENT, 'usgovernment'],
    [AzureCloud.CHINA, 'china'],
  ])('a stack in %s looks for its state in environment %s', (cloud, environment) => {
    expect(backendOf(bound(StateBackend.azurerm(OPTIONS), 'batch-x', cloud)).azurerm.environment).toBe(environment);
  });

  // Azure Storage "Naming and Referencing Containers, Blobs, and Metadata": 3-63 characters, lowercase
  // letters, digits and hyphens, starting and ending with a letter or digit, no two hyphens in a row.
  test.each([
    ['tfstate', true], ['tf-state-01', true], ['abc', true], ['a'.repeat(63), true],
    ['ab', false], ['a'.repeat(64), false], ['tf--state', false], ['-tfstate', false], ['tfstate-', false], ['TFState', false], ['tf_state', false],
  ])('container name %j is accepted: %s', (containerName, valid) => {
    const attempt = () => StateBackend.azurerm({ ...OPTIONS, containerName });
    if (valid) expect(attempt).not.toThrow();
    else expect(errorOf(attempt)).toBe(`StateBackend.azurerm: containerName ${JSON.stringify(containerName)} is not a container name; use 3-63 lowercase letters, digits and single hyphens`);
  });

  // Storage account names: 3-24 lowercase letters and digits (Azure naming rules, Microsoft.Storage).
  test.each([
    ['st1', true], ['s'.repeat(24), true], ['st', false], ['s'.repeat(25), false], ['St-State', false], ['st_state', false],
  ])('storage account name %j is accepted: %s', (storageAccountName, valid) => {
    const attempt = () => StateBackend.azurerm({ ...OPTIONS, storageAccountName });
    if (valid) expect(attempt).not.toThrow();
    else expect(errorOf(attempt)).toBe(`StateBackend.azurerm: storageAccountName ${JSON.stringify(storageAccountName)} is not a storage account name; use 3-24 lowercase letters and digits`);
  });

  test('a bad resource group or subscription is refused with the prop, the value and the fix', () => {
    expect(errorOf(() => StateBackend.azurerm({ ...OPTIONS, resourceGroupName: 'rg.' }))).toBe(
      'StateBackend.azurerm: resourceGroupName "rg." is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
    );
    expect(errorOf(() => StateBackend.azurerm({ ...OPTIONS, subscriptionId: 'contoso-prod' }))).toBe(
      'StateBackend.azurerm: subscriptionId "contoso-prod" is not a subscription id; give its GUID',
    );
  });
});

describe('backend arguments known only at deploy time', () => {
  const expression = Token.asString(Fn.lower('TFSTATE'));
  const use = 'is known only at deploy time, but Terraform reads the backend before it evaluates anything and would take the expression as literal text; give';

  test('are refused, each at its option: Terraform would not evaluate them (see the test below)', () => {
    expect(errorOf(() => StateBackend.local(expression))).toBe(`StateBackend.local: path (a Terraform expression) ${use} the path as a literal`);
    expect(errorOf(() => StateBackend.azurerm({ ...OPTIONS, containerName: expression, keyPrefix: expression }))).toBe([
      `StateBackend.azurerm: containerName (a Terraform expression) ${use} it as a literal`,
      `StateBackend.azurerm: keyPrefix (a Terraform expression) ${use} it as a literal`,
    ].join('\n'));
  });
});

describe('the backend block as Terraform reads it', () => {
  const run = TERRAFORM || TERRAFORM_REQUIRED ? test : test.skip;

  /**
   * `terraform init` with no credentials and no Azure CLI: Terraform decodes the block against its azurerm
   * backend's schema and looks the environment up before it tries to authenticate, so an unknown argument
   * ("Unsupported argument") or environment ("no environment was found with the name ...") fails before
   * the authentication failure every valid block ends in here.
   */
  function initError(stack: TerraformStack): string {
    const [init] = terraformOn(Testing.synth(stack), [['init', '-input=false']]);
    expect(init.status).not.toBe(0);
    return init.stderr;
  }

  run.each([AzureCloud.PUBLIC, AzureCloud.US_GOVERNMENT, AzureCloud.CHINA])('Terraform accepts the azurerm block of a %s stack and goes on to authenticate', (cloud) => {
    const error = initError(bound(StateBackend.azurerm({ ...OPTIONS, keyPrefix: 'batch/', subscriptionId: '6f9619ff-8b86-d011-b42d-00cf4fc964ff' }), 'batch-x', cloud));
    expect(error).toMatch(/unable to build authorizer/);
    expect(error).not.toMatch(/Unsupported argument|no environment was found|Invalid backend configuration/);
  });

  run('the same check tells a wrong environment apart (control)', () => {
    const stack = bound(StateBackend.azurerm(OPTIONS));
    stack.addOverride('terraform.backend.azurerm.environment', 'azurecloud');
    expect(initError(stack)).toMatch(/no environment was found with the name "azurecloud"/);
  });

  // What StateBackend refuses expressions for: a variable in a JSON backend block is not evaluated.
  run('Terraform takes an expression in a backend block of cdk.tf.json as literal text', () => {
    const stack = new TerraformStack(Testing.app(), 'literal');
    new TerraformVariable(stack, 'x', { type: 'string', default: 'named' });
    new TerraformOutput(stack, 'o', { value: 'ok' });
    stack.addOverride('terraform.backend', { local: { path: '${var.x}.tfstate' } });
    const results = terraformOn(Testing.synth(stack), [['init', '-input=false'], ['apply', '-auto-approve', '-input=false'], ['output', '-state=${var.x}.tfstate', '-json']]);
    expect(results.map((result) => result.status)).toEqual([0, 0, 0]);
    expect(JSON.parse(results[2].stdout)).toEqual({ o: { sensitive: false, type: 'string', value: 'ok' } });
  });

  run('Terraform initializes the local backend', () => {
    const [init] = terraformOn(Testing.synth(bound(StateBackend.local())), [['init', '-input=false']]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
  });
});
