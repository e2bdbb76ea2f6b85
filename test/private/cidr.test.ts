import { Ipv4Cidr, prefixLengthFor } from '../../lib/private/cidr';

describe('Ipv4Cidr', () => {
  test.each([
    ['10.0.0.0/33', 'is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
    ['10.0.0/16', 'is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
    ['010.0.0.0/16', 'is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
    ['fd00::/8', 'is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
    ['10.0.0.0', 'is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
    ['192.168.1.7/24', 'has host bits set; Azure accepts only the network address: use "192.168.1.0/24"'],
  ])('%s is refused: %s', (text, reason) => {
    expect(Ipv4Cidr.parse(text)).toBe(reason);
  });

  test('size, containment, overlap and subnets', () => {
    const vnet = Ipv4Cidr.of('10.10.0.0/16');
    expect(vnet.size).toBe(65536);
    expect(vnet.subnet(17).toString()).toBe('10.10.0.0/17');
    expect(vnet.subnet(24, 3).toString()).toBe('10.10.3.0/24');
    expect(vnet.contains(Ipv4Cidr.of('10.10.255.0/24'))).toBe(true);
    expect(vnet.contains(Ipv4Cidr.of('10.11.0.0/24'))).toBe(false);
    expect(vnet.contains(Ipv4Cidr.of('10.0.0.0/8'))).toBe(false);
    expect(vnet.overlaps(Ipv4Cidr.of('10.0.0.0/8'))).toBe(true);
    expect(vnet.overlaps(Ipv4Cidr.of('10.11.0.0/16'))).toBe(false);
    expect(Ipv4Cidr.of('255.255.255.0/24').last).toBe(2 ** 32 - 1);
    expect(() => vnet.subnet(8)).toThrow('cannot cut a /8 out of 10.10.0.0/16');
  });

  test('address spaces Azure refuses', () => {
    expect(Ipv4Cidr.of('10.0.0.0/8').azureAddressSpaceProblem()).toBeUndefined();
    expect(Ipv4Cidr.of('127.0.0.0/8').azureAddressSpaceProblem()).toContain('is in the loopback range');
    expect(Ipv4Cidr.of('169.254.0.0/16').azureAddressSpaceProblem()).toContain('is in the linkLocal range');
    expect(Ipv4Cidr.of('168.63.128.0/17').azureAddressSpaceProblem()).toContain('contains 168.63.129.16');
  });

  test('prefixLengthFor leaves room for Azure\'s 5 reserved addresses', () => {
    expect(prefixLengthFor(0)).toBe(29);
    expect(prefixLengthFor(3)).toBe(29);
    expect(prefixLengthFor(4)).toBe(28);
    expect(prefixLengthFor(11)).toBe(28);
    expect(prefixLengthFor(12)).toBe(27);
    expect(prefixLengthFor(1000)).toBe(22);
  });
});
