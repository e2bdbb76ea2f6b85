import { Fn, Token } from 'cdktf';
import { NetworkRule } from '../../lib/network/network-rule';
import { Peer } from '../../lib/network/peer';
import { Port } from '../../lib/network/port';
import { batchFixture, errorOf, resourcesOf } from '../helpers';

describe('Peer.ipv4', () => {
  test.each([
    ['10.20.0.0/16', '10.20.0.0/16', false],
    ['192.168.1.0/24', '192.168.1.0/24', false],
    ['203.0.113.7/32', '203.0.113.7/32', false],
    // A single address is a /32.
    ['10.20.0.4', '10.20.0.4/32', false],
    ['0.0.0.0', '0.0.0.0/32', false],
    // Only a /0 is every address.
    ['0.0.0.0/0', '0.0.0.0/0', true],
  ])('%j is the address prefix %j (every address: %s)', (text, addressPrefix, isAnyAddress) => {
    expect(Peer.ipv4(text)).toEqual({ addressPrefix, isAnyAddress });
  });

  const NOT_A_BLOCK = 'is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16".';
  test.each([
    ['10.1.0.0/33', NOT_A_BLOCK],
    ['10.1.0.0/', NOT_A_BLOCK],
    ['10.1.0/16', NOT_A_BLOCK],
    ['256.1.0.0/16', NOT_A_BLOCK],
    ['fd00::/8', NOT_A_BLOCK],
    ['', NOT_A_BLOCK],
    ['10.1.0.1/16', 'has host bits set; Azure accepts only the network address: use "10.1.0.0/16".'],
  ])('%j is refused: %s', (text, reason) => {
    expect(errorOf(() => Peer.ipv4(text))).toBe(`Peer.ipv4: cidr ${JSON.stringify(text)} ${reason.replace(/\.$/, '')}`);
  });

  test('a block known only at deploy time is refused: rule names, their Terraform addresses, are made from peers', () => {
    expect(errorOf(() => Peer.ipv4(Token.asString(Fn.lower('10.1.0.0/16'))))).toBe(
      'Peer.ipv4: cidr (a Terraform expression) is known only at deploy time, but the name of a rule, which is its Terraform address, is made from its peer at synth; give the block as a literal',
    );
  });
});

describe('Peer.anyAddress', () => {
  test('is the NSG wildcard and stands for every address', () => {
    expect(Peer.anyAddress()).toEqual({ addressPrefix: '*', isAnyAddress: true });
  });
});

describe('peers in synthesized NSG rules', () => {
  test('a peer is the destination of an outbound rule and the source of an inbound one, as written', () => {
    const fixture = batchFixture();
    fixture.network.addRule(NetworkRule.allowOutbound(Peer.ipv4('10.99.0.0/16'), Port.tcp(5432)));
    fixture.network.addRule(NetworkRule.allowInbound(Peer.ipv4('10.99.0.10'), Port.tcp(22)));
    fixture.network.addRule(NetworkRule.denyOutbound(Peer.anyAddress(), Port.allTraffic()));
    const rules = resourcesOf(fixture.synth(), 'azurerm_network_security_rule');
    const byName = (name: string) => rules.find((rule) => rule.name === name);
    expect(byName('Allow-Out-10.99.0.0_16-Tcp-5432')).toMatchObject({ direction: 'Outbound', source_address_prefix: '*', destination_address_prefix: '10.99.0.0/16' });
    expect(byName('Allow-In-10.99.0.10_32-Tcp-22')).toMatchObject({ direction: 'Inbound', source_address_prefix: '10.99.0.10/32', destination_address_prefix: '*' });
    expect(byName('Deny-Out-Any-Any-All')).toMatchObject({ access: 'Deny', destination_address_prefix: '*', protocol: '*', destination_port_range: '*' });
  });

  test('no peer that stands for every address may be allowed in', () => {
    for (const peer of [Peer.anyAddress(), Peer.ipv4('0.0.0.0/0')]) {
      expect(errorOf(() => NetworkRule.allowInbound(peer, Port.tcp(22)))).toMatch(/^NetworkRule\.allowInbound: peer ".*" would admit the whole Internet/);
    }
    expect(() => NetworkRule.allowInbound(Peer.ipv4('0.0.0.0'), Port.tcp(22))).not.toThrow();
  });
});
