import { Fn, Token } from 'cdktf';
import { OsFamily, PoolImage } from '../../lib/catalog/pool-image';
import { errorOf } from '../helpers';

describe('PoolImage', () => {
  test('the catalog pairs each image with its node agent and end of life', () => {
    expect(Object.fromEntries(Object.entries(PoolImage.CATALOG).map(([name, image]) => [name, [image.nodeAgentSku.id, image.nodeAgentSku.endOfLife?.toISOString().slice(0, 10), image.osFamily]]))).toEqual({
      'ubuntu-24.04': ['batch.node.ubuntu 24.04', undefined, OsFamily.LINUX],
      'ubuntu-22.04': ['batch.node.ubuntu 22.04', '2027-06-30', OsFamily.LINUX],
      'ubuntu-24.04-hpc': ['batch.node.ubuntu 24.04', undefined, OsFamily.LINUX],
      'el-9': ['batch.node.el 9', undefined, OsFamily.LINUX],
      'windows-server-2022': ['batch.node.windows amd64', undefined, OsFamily.WINDOWS],
    });
    expect(PoolImage.fromName('el-9')).toBe(PoolImage.EL_9);
  });

  test('days to end of life', () => {
    expect(PoolImage.UBUNTU_2204.daysToEndOfLife(new Date('2027-06-20T00:00:00Z'))).toBe(10);
    expect(PoolImage.UBUNTU_2204.daysToEndOfLife(new Date('2027-07-02T00:00:00Z'))).toBe(-2);
    expect(PoolImage.UBUNTU_2404.daysToEndOfLife(new Date())).toBeUndefined();
  });

  test('marketplace images must use their family\'s node agent', () => {
    expect(errorOf(() => PoolImage.marketplace({ publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', nodeAgentSkuId: 'batch.node.ubuntu 22.04' }))).toBe(
      'PoolImage: image canonical:ubuntu-24_04-lts:server runs with node agent "batch.node.ubuntu 24.04", not "batch.node.ubuntu 22.04"; use nodeAgentSkuId "batch.node.ubuntu 24.04".',
    );
    expect(errorOf(() => PoolImage.marketplace({ publisher: 'almalinux', offer: 'almalinux-x86_64', sku: '8-gen2', nodeAgentSkuId: 'batch.node.el 9' }))).toContain('runs with node agent "batch.node.el 8"');
    const hpc = PoolImage.marketplace({ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', nodeAgentSkuId: 'batch.node.ubuntu 22.04' });
    expect([hpc.marketplaceImage, hpc.customImageId]).toEqual([{ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' }, undefined]);
  });

  test('a node agent known only at deploy time is refused: the pool is checked against its OS family and end of life', () => {
    expect(errorOf(() => PoolImage.custom({ imageId: '/x', nodeAgentSkuId: Token.asString(Fn.lower('batch.node.ubuntu 24.04')) }))).toBe(
      'PoolImage: nodeAgentSkuId (a Terraform expression) is known only at deploy time, but the node agent gives the image\'s OS family and end of life, which the pool is checked against at synth; give the id as a literal, e.g. "batch.node.ubuntu 24.04"',
    );
  });

  test('unknown node agents and catalog names are rejected, listing what exists', () => {
    expect(errorOf(() => PoolImage.custom({ imageId: '/x', nodeAgentSkuId: 'batch.node.ubuntu 26.04' }))).toBe(
      'PoolImage: unknown node agent SKU "batch.node.ubuntu 26.04"; use one Batch supports, e.g. "batch.node.ubuntu 24.04", "batch.node.el 8", "batch.node.el 9", "batch.node.windows amd64".',
    );
    expect(errorOf(() => PoolImage.fromName('ubuntu-20.04'))).toBe(
      'PoolImage.fromName: name "ubuntu-20.04" is not a catalog image; use one of "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-hpc", "el-9", "windows-server-2022"',
    );
  });

  test('custom images carry their id and agent', () => {
    const image = PoolImage.custom({ imageId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/render/versions/1.0.0', nodeAgentSkuId: 'batch.node.el 9', trustedLaunch: true });
    expect([image.customImageId, image.marketplaceImage, image.nodeAgentSku.id, image.trustedLaunch]).toEqual([image.name, undefined, 'batch.node.el 9', true]);
  });
});
