import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runApp } from '../../stacks/main';

/**
 * tools/compare-engines.mjs, which CI runs on the default deployment as synthesized by cdktf and by
 * the cdktn flavour: here on a real synth of the default deployment and copies of it changed as the
 * other engine would change them, or as it must not.
 */
describe('compare-engines', () => {
  const TOOL = resolve(__dirname, '..', '..', 'tools', 'compare-engines.mjs');
  let work: string;
  let cdktf: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'compare-engines-'));
    cdktf = join(work, 'cdktf.out');
    expect(runApp({}, () => undefined, cdktf)).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  let copies = 0;
  /** A copy of the cdktf output with `change` applied to the JSON of `file`. */
  function other(changes: Record<string, (json: any) => void>): string {
    const dir = join(work, `other-${++copies}`);
    cpSync(cdktf, dir, { recursive: true });
    for (const [file, change] of Object.entries(changes)) {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      change(json);
      writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
    }
    return dir;
  }
  const compare = (dir: string) => spawnSync(process.execPath, [TOOL, cdktf, dir], { encoding: 'utf8' });
  const STACK = 'stacks/batch-eastus/cdk.tf.json';

  test('the other engine\'s version strings, and stack traces from its own build folder, are the only differences allowed', () => {
    const result = compare(other({
      'manifest.json': (json) => {
        json.version = '0.99.0';
        for (const stack of Object.values<any>(json.stacks)) {
          for (const annotation of stack.annotations ?? []) annotation.stacktrace = annotation.stacktrace?.map((frame: string) => frame.replace(/\/dist\//, '/build/cdktn/dist/'));
        }
      },
      [STACK]: (json) => {
        json['//'].metadata.version = '0.99.0';
        json.terraform.required_providers.azurerm.version = '4.99.0';
      },
    }));
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^compare-engines: \d+ files, the same but for 3 engine and provider version strings\n$/);
  });

  test('any other difference fails, naming the file and the JSON path', () => {
    const result = compare(other({
      [STACK]: (json) => {
        json.terraform.required_providers.azurerm.source = 'hashicorp/azurerm';
        Object.values<any>(json.resource.azurerm_batch_pool)[0].vm_size = 'Standard_D8s_v5';
      },
    }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${STACK} $.terraform.required_providers.azurerm.source: "azurerm" in ${cdktf}, "hashicorp/azurerm" in `);
    expect(result.stderr).toMatch(/\$\.resource\.azurerm_batch_pool\["Region_Pool-work_[0-9A-F]+"\]\.vm_size: "Standard_D4s_v5" in .*, "Standard_D8s_v5" in /);
    expect(result.stderr).toContain('compare-engines: 2 difference(s) beyond the engine and provider version strings');
  });

  test('a version string where none may differ, a stack trace from other code, and a missing file fail too', () => {
    const dir = other({
      'deployment-manifest.json': (json) => {
        json.version = '9.9.9';
      },
      'manifest.json': (json) => {
        const stack = Object.values<any>(json.stacks).find((candidate) => candidate.annotations?.length > 0);
        stack.annotations[0].stacktrace[0] = 'new Elsewhere (/x/dist/lib/other.js:1:1)';
      },
    });
    rmSync(join(dir, 'capacity-plan.json'));
    const result = compare(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('deployment-manifest.json $.version: ');
    expect(result.stderr).toMatch(/manifest\.json \$\.stacks\["batch-[a-z]+"\]\.annotations\[0\]\.stacktrace\[0\]: /);
    expect(result.stderr).toContain(`capacity-plan.json: only in ${cdktf}`);
  });
});
