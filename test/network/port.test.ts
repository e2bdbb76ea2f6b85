import { Fn, Token } from 'cdktf';
import { NetworkRule } from '../../lib/network/network-rule';
import { Peer } from '../../lib/network/peer';
import { Port, Protocol } from '../../lib/network/port';
import { batchFixture, errorOf, PROVIDER_RULES_AVAILABLE, providerRules, resourcesOf } from '../helpers';

describe('Protocol', () => {
  (PROVIDER_RULES_AVAILABLE ? test : test.skip)('its values are exactly the protocols the provider accepts for an NSG rule, in the provider\'s casing', () => {
    const [rule] = providerRules('azurerm_network_security_rule', 'protocol').filter((candidate) => Array.isArray(candidate.enum));
    expect(rule.caseInsensitive).toBe(false);
    expect([...Object.values(Protocol)].sort()).toEqual([...(rule.enum as string[])].sort());
  });
});

describe('Port', () => {
  // NSG "Security rules": a port, a range such as 10000-10005, or * for every port.
  test.each([
    ['tcp(443)', Protocol.TCP, '443', 'Tcp-443', Port.tcp(443)],
    ['tcpRange(29876, 29877)', Protocol.TCP, '29876-29877', 'Tcp-29876-29877', Port.tcpRange(29876, 29877)],
    ['tcpRange(443, 443)', Protocol.TCP, '443', 'Tcp-443', Port.tcpRange(443, 443)],
    ['udp(53)', Protocol.UDP, '53', 'Udp-53', Port.udp(53)],
    ['udpRange(1, 65535)', Protocol.UDP, '1-65535', 'Udp-1-65535', Port.udpRange(1, 65535)],
    ['anyProtocol(443)', Protocol.ANY, '443', 'Any-443', Port.anyProtocol(443)],
    ['allTraffic()', Protocol.ANY, '*', 'Any-All', Port.allTraffic()],
  ])('%s is protocol %j on %j, labelled %j', (_, protocol, portRange, label, port) => {
    expect([port.protocol, port.portRange, port.label]).toEqual([protocol, portRange, label]);
  });

  test.each([0, -1, 65536, 1.5, Number.NaN])('%d is not a port', (value) => {
    expect(errorOf(() => Port.tcp(value))).toBe(`Port: port ${value} is not a port number; use an integer from 1 to 65535`);
    expect(errorOf(() => Port.udpRange(value, 100))).toBe(`Port: port ${value} is not a port number; use an integer from 1 to 65535`);
  });

  test('a port known only at deploy time is refused: rule names, their Terraform addresses, are made from ports', () => {
    const message = 'Port: port (a Terraform expression) is known only at deploy time, but the name of a rule, which is its Terraform address, is made from its port at synth; give a number';
    expect(errorOf(() => Port.tcp(Token.asNumber(Fn.abs(443))))).toBe(message);
    expect(errorOf(() => Port.udpRange(53, Token.asNumber(Fn.abs(54))))).toBe(message);
  });

  test('the ends of the port space are ports', () => {
    expect(Port.tcp(1).portRange).toBe('1');
    expect(Port.udp(65535).portRange).toBe('65535');
  });

  test('a range runs upwards', () => {
    expect(errorOf(() => Port.udpRange(53, 52))).toBe('Port: toPort 52 is below the first port 53: the range runs backwards; give the lower port first (52-53)');
  });

  describe('covers', () => {
    const cases = [
      { wide: Port.allTraffic(), narrow: Port.allTraffic(), covers: true },
      { wide: Port.allTraffic(), narrow: Port.tcp(443), covers: true },
      { wide: Port.anyProtocol(443), narrow: Port.udp(443), covers: true },
      { wide: Port.anyProtocol(443), narrow: Port.anyProtocol(443), covers: true },
      { wide: Port.tcpRange(29876, 29877), narrow: Port.tcp(29877), covers: true },
      { wide: Port.tcpRange(29876, 29877), narrow: Port.tcpRange(29876, 29877), covers: true },
      { wide: Port.tcp(443), narrow: Port.tcpRange(443, 444), covers: false },
      { wide: Port.tcpRange(1, 65535), narrow: Port.allTraffic(), covers: false },
      { wide: Port.anyProtocol(443), narrow: Port.allTraffic(), covers: false },
      { wide: Port.tcp(443), narrow: Port.udp(443), covers: false },
      { wide: Port.udp(53), narrow: Port.anyProtocol(53), covers: false },
    ];
    test.each(cases.map(({ wide, narrow, covers }) => [wide.label, narrow.label, covers, wide, narrow] as const))('%s covers %s: %s', (_w, _n, covers, wide, narrow) => {
      expect(wide.covers(narrow)).toBe(covers);
    });
  });
});

describe('ports in synthesized NSG rules', () => {
  test('protocol and destination port range are written as the NSG takes them, any source port', () => {
    const fixture = batchFixture();
    const peer = Peer.ipv4('10.99.0.0/16');
    fixture.network.addRule(NetworkRule.allowOutbound(peer, Port.udpRange(1000, 2000)));
    fixture.network.addRule(NetworkRule.allowOutbound(peer, Port.anyProtocol(8443)));
    fixture.network.addRule(NetworkRule.denyOutbound(peer, Port.allTraffic()));
    const written = resourcesOf(fixture.synth(), 'azurerm_network_security_rule')
      .filter((rule) => rule.destination_address_prefix === '10.99.0.0/16')
      .map((rule) => [rule.name, rule.protocol, rule.source_port_range, rule.destination_port_range]);
    expect(written).toEqual(expect.arrayContaining([
      ['Allow-Out-10.99.0.0_16-Udp-1000-2000', 'Udp', '*', '1000-2000'],
      ['Allow-Out-10.99.0.0_16-Any-8443', '*', '*', '8443'],
      ['Deny-Out-10.99.0.0_16-Any-All', '*', '*', '*'],
    ]));
    expect(written).toHaveLength(3);
  });

  test('a rule covered by a wider port on the same peer is skipped, and the wider one returned', () => {
    const fixture = batchFixture();
    const peer = Peer.ipv4('10.99.0.0/16');
    const wide = fixture.network.addRule(NetworkRule.allowOutbound(peer, Port.anyProtocol(443)));
    expect(fixture.network.addRule(NetworkRule.allowOutbound(peer, Port.tcp(443)))).toBe(wide);
    const toPeer = resourcesOf(fixture.synth(), 'azurerm_network_security_rule').filter((rule) => rule.destination_address_prefix === '10.99.0.0/16');
    expect(toPeer.map((rule) => rule.name)).toEqual(['Allow-Out-10.99.0.0_16-Any-443']);
  });
});
