import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, AssetType, TerraformAsset, TerraformStack } from 'cdktf';

/** test/lazy-archiver.js, which jest loads for `archiver`: cdktf's archives are still zipped, by the real archiver. */
describe('the archiver stand-in', () => {
  test('a TerraformAsset archive synthesizes to a zip of its folder', () => {
    const work = mkdtempSync(join(tmpdir(), 'asset-'));
    try {
      const source = join(work, 'source');
      mkdirSync(source);
      writeFileSync(join(source, 'hello.txt'), 'hello');
      const app = new App({ outdir: join(work, 'out') });
      const asset = new TerraformAsset(new TerraformStack(app, 'assets'), 'Folder', { path: source, type: AssetType.ARCHIVE });
      app.synth();
      const zip = readFileSync(join(work, 'out', 'stacks', 'assets', asset.path));
      expect(zip.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
      expect(zip.includes(Buffer.from('hello.txt'))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
