import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { literal, literalTags } from '../../lib/private/literal';
import { TERRAFORM, TERRAFORM_REQUIRED, terraformOutputs } from '../helpers';

/** Text a user may hand the library that Terraform would otherwise read as templates. */
const TEXTS: Array<[string, string]> = [
  ['a shell variable', 'echo "${AZ_BATCH_NODE_ROOT_DIR}"'],
  ['a template directive', '%{if}x%{endif}'],
  ['an already escaped sequence', 'a $${b} and %%{c}'],
  ['a dollar or percent sign before the escape', '$$${x} %%%{y}'],
  ['signs that start nothing', '100% of $5, {braces}, $HOME, %PATH%'],
  ['an autoscale formula', '$TargetDedicatedNodes = max(0, $PendingTasks.GetSample(1));'],
  ['a trailing sign', 'cost: $'],
  ['nothing special', 'plain text'],
];

describe('literal', () => {
  test('escapes the starts of interpolations and directives, and nothing else', () => {
    expect(literal('echo ${HOME} %{if}')).toBe('echo $${HOME} %%{if}');
    expect(literal('100% of $5')).toBe('100% of $5');
  });

  test('keeps cdktf\'s own tokens, so references still resolve', () => {
    const stack = new TerraformStack(Testing.app(), 'literal');
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    new TerraformOutput(stack, 'greeting', { value: literal(`hello ${name.stringValue}, \${not-a-reference}`) });
    expect(JSON.parse(Testing.synth(stack)).output.greeting.value).toBe('hello ${var.name}, $${not-a-reference}');
  });

  test('escapes tag keys as well as values', () => {
    expect(literalTags({ '${team}': '%{owner}', plain: 'x' })).toEqual({ '$${team}': '%%{owner}', plain: 'x' });
    expect(literalTags(undefined)).toBeUndefined();
  });
});

describe('literal text as Terraform reads it', () => {
  const run = TERRAFORM || TERRAFORM_REQUIRED ? test : test.skip;

  run('Terraform evaluates every escaped text, tag keys included, back to exactly the text given', () => {
    const stack = new TerraformStack(Testing.app(), 'literal');
    TEXTS.forEach(([, text], i) => new TerraformOutput(stack, `text${i}`, { value: literal(text) }));
    const tags = Object.fromEntries(TEXTS.map(([, text], i) => [`${text}#${i}`, text]));
    new TerraformOutput(stack, 'tags', { value: literalTags(tags) });
    // References go on resolving next to literal text.
    const node = new TerraformVariable(stack, 'node', { type: 'string', default: 'tvm-1' });
    new TerraformOutput(stack, 'mixed', { value: literal(`${node.stringValue} runs \${task}`) });
    // Control: without the escapes Terraform would evaluate the text instead of keeping it.
    new TerraformOutput(stack, 'unescaped', { value: '%{ if true }yes%{ endif }' });

    const outputs = terraformOutputs(stack);
    expect(TEXTS.map(([what], i) => [what, outputs[`text${i}`]])).toEqual(TEXTS);
    expect(outputs.tags).toEqual(tags);
    expect(outputs.mixed).toBe('tvm-1 runs ${task}');
    expect(outputs.unescaped).toBe('yes');
  });
});
