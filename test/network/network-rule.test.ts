import { Fn, Token } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { NetworkRule, RuleAccess, TrafficDirection } from '../../lib/network/network-rule';
import { Peer } from '../../lib/network/peer';
import { Port, Protocol } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { errorOf } from '../helpers';

const eastus = AzureRegion.of('eastus');

describe('ServiceTag', () => {
  test('regional tags use the published casing', () => {
    expect(ServiceTag.batchNodeManagement(AzureRegion.of('southeastasia')).name).toBe('BatchNodeManagement.SoutheastAsia');
    expect(ServiceTag.storage(AzureRegion.of('westus3')).name).toBe('Storage.WestUS3');
    expect(ServiceTag.batchNodeManagement(AzureRegion.of('usgovvirginia')).addressPrefix).toBe('BatchNodeManagement.USGovVirginia');
  });

  test('only Internet stands for every address', () => {
    expect(ServiceTag.INTERNET.isAnyAddress).toBe(true);
    expect(ServiceTag.VIRTUAL_NETWORK.isAnyAddress).toBe(false);
    expect(ServiceTag.storage(eastus).isAnyAddress).toBe(false);
  });

  test('of() takes other tags by exact name and rejects malformed ones', () => {
    expect(ServiceTag.of('AzureContainerRegistry.EastUS').name).toBe('AzureContainerRegistry.EastUS');
    expect(errorOf(() => ServiceTag.of('Storage EastUS'))).toBe(
      'ServiceTag.of: name "Storage EastUS" is not a service tag name; use the exact published name, e.g. "AzureContainerRegistry.EastUS"',
    );
  });
});

describe('Peer', () => {
  test('ipv4 takes blocks and single addresses', () => {
    expect(Peer.ipv4('10.1.0.0/16')).toEqual({ addressPrefix: '10.1.0.0/16', isAnyAddress: false });
    expect(Peer.ipv4('10.1.2.3').addressPrefix).toBe('10.1.2.3/32');
    expect(Peer.ipv4('0.0.0.0/0').isAnyAddress).toBe(true);
    expect(Peer.anyAddress()).toEqual({ addressPrefix: '*', isAnyAddress: true });
  });

  test('ipv4 rejects malformed blocks', () => {
    expect(errorOf(() => Peer.ipv4('10.1.0.0/40'))).toBe(
      'Peer.ipv4: cidr "10.1.0.0/40" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"',
    );
    expect(errorOf(() => Peer.ipv4('10.1.0.1/16'))).toBe(
      'Peer.ipv4: cidr "10.1.0.1/16" has host bits set; Azure accepts only the network address: use "10.1.0.0/16"',
    );
  });
});

describe('Port', () => {
  test('renders NSG port ranges and labels', () => {
    expect([Port.tcp(443).portRange, Port.tcp(443).label]).toEqual(['443', 'Tcp-443']);
    expect([Port.tcpRange(29876, 29877).portRange, Port.tcpRange(29876, 29877).protocol]).toEqual(['29876-29877', Protocol.TCP]);
    expect([Port.anyProtocol(443).protocol, Port.anyProtocol(443).label]).toEqual(['*', 'Any-443']);
    expect([Port.allTraffic().portRange, Port.allTraffic().label]).toEqual(['*', 'Any-All']);
    expect(Port.udp(53).label).toBe('Udp-53');
  });

  test('coverage: any protocol covers each protocol, wider ranges cover narrower ones', () => {
    expect(Port.anyProtocol(443).covers(Port.tcp(443))).toBe(true);
    expect(Port.tcp(443).covers(Port.anyProtocol(443))).toBe(false);
    expect(Port.tcpRange(1000, 2000).covers(Port.tcp(1500))).toBe(true);
    expect(Port.tcpRange(1000, 2000).covers(Port.tcpRange(1500, 2500))).toBe(false);
    expect(Port.udp(443).covers(Port.tcp(443))).toBe(false);
    expect(Port.allTraffic().covers(Port.udpRange(1, 65535))).toBe(true);
    expect(Port.tcp(1).covers(Port.allTraffic())).toBe(false);
  });

  test('rejects ports out of range and backwards ranges', () => {
    expect(errorOf(() => Port.tcp(0))).toBe('Port: port 0 is not a port number; use an integer from 1 to 65535');
    expect(errorOf(() => Port.udp(70000))).toBe('Port: port 70000 is not a port number; use an integer from 1 to 65535');
    expect(errorOf(() => Port.tcp(44.3))).toBe('Port: port 44.3 is not a port number; use an integer from 1 to 65535');
    expect(errorOf(() => Port.tcpRange(2000, 1000))).toBe('Port: toPort 1000 is below the first port 2000: the range runs backwards; give the lower port first (1000-2000)');
  });
});

describe('NetworkRule', () => {
  test('derives name and description from its parts', () => {
    const rule = NetworkRule.allowOutbound(ServiceTag.storage(eastus), Port.tcp(443));
    expect(rule).toMatchObject({
      direction: TrafficDirection.OUTBOUND,
      access: RuleAccess.ALLOW,
      name: 'Allow-Out-Storage.EastUS-Tcp-443',
      description: 'Allow outbound Tcp-443 to Storage.EastUS',
      priority: undefined,
    });
    expect(NetworkRule.denyInbound(Peer.anyAddress(), Port.allTraffic()).name).toBe('Deny-In-Any-Any-All');
    expect(NetworkRule.allowInbound(Peer.ipv4('10.0.0.0/8'), Port.tcp(22)).name).toBe('Allow-In-10.0.0.0_8-Tcp-22');
  });

  test('never allows inbound traffic from the whole Internet', () => {
    const message = (peer: string) =>
      `NetworkRule.allowInbound: peer "${peer}" would admit the whole Internet, which this library never allows; name the CIDR block or service tag the traffic comes from instead.`;
    expect(errorOf(() => NetworkRule.allowInbound(ServiceTag.INTERNET, Port.tcp(22)))).toBe(message('Internet'));
    expect(errorOf(() => NetworkRule.allowInbound(Peer.anyAddress(), Port.tcp(22)))).toBe(message('*'));
    expect(errorOf(() => NetworkRule.allowInbound(Peer.ipv4('0.0.0.0/0'), Port.tcp(22)))).toBe(message('0.0.0.0/0'));
    expect(() => NetworkRule.denyInbound(ServiceTag.INTERNET, Port.allTraffic())).not.toThrow();
  });

  test('rejects names, descriptions and priorities Azure would refuse', () => {
    const tag = ServiceTag.storage(eastus);
    expect(errorOf(() => NetworkRule.allowOutbound(tag, Port.tcp(443), { name: 'bad name' }))).toBe(
      'NetworkRule bad name: name "bad name" is not a valid security rule name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore.',
    );
    expect(errorOf(() => NetworkRule.allowOutbound(tag, Port.tcp(443), { description: 'x'.repeat(141) }))).toBe(
      'NetworkRule Allow-Out-Storage.EastUS-Tcp-443: description is 141 characters long; shorten it to at most 140.',
    );
    expect(errorOf(() => NetworkRule.allowOutbound(tag, Port.tcp(443), { priority: 99 }))).toBe(
      'NetworkRule Allow-Out-Storage.EastUS-Tcp-443: priority 99 is out of range; use an integer from 100 to 4096.',
    );
    expect(errorOf(() => NetworkRule.allowOutbound(tag, Port.tcp(443), { priority: 4097 }))).toContain('priority 4097 is out of range');
    expect(errorOf(() => NetworkRule.allowOutbound(tag, Port.tcp(443), { priority: Token.asNumber(Fn.abs(200)) }))).toBe(
      'NetworkRule Allow-Out-Storage.EastUS-Tcp-443: priority (a Terraform expression) is known only at deploy time, but priorities are checked against the other rules of the NSG at synth; give a number.',
    );
    expect(errorOf(() => NetworkRule.allowOutbound(tag, Port.tcp(443), { name: Token.asString(Fn.lower('A')) }))).toBe(
      'NetworkRule Allow-Out-Storage.EastUS-Tcp-443: name (a Terraform expression) is known only at deploy time, but it is the construct id, so the Terraform address, of the rule\'s resource; give the name as a literal.',
    );
  });

  test('long derived names stay within 80 characters and stay distinct', () => {
    const long = ServiceTag.of(`A${'b'.repeat(60)}.EastUS`);
    const a = NetworkRule.allowOutbound(long, Port.tcpRange(10000, 20000));
    const b = NetworkRule.allowOutbound(long, Port.tcpRange(10000, 20001));
    expect(a.name.length).toBeLessThanOrEqual(80);
    expect(a.name).not.toBe(b.name);
  });

  test('covers: same direction, access and peer, wider or equal port', () => {
    const batch = ServiceTag.batchNodeManagement(eastus);
    const any443 = NetworkRule.allowOutbound(batch, Port.anyProtocol(443));
    expect(any443.covers(NetworkRule.allowOutbound(batch, Port.tcp(443)))).toBe(true);
    expect(any443.covers(NetworkRule.denyOutbound(batch, Port.tcp(443)))).toBe(false);
    expect(any443.covers(NetworkRule.allowInbound(batch, Port.tcp(443)))).toBe(false);
    expect(any443.covers(NetworkRule.allowOutbound(ServiceTag.storage(eastus), Port.tcp(443)))).toBe(false);
    expect(any443.withPriority(300)).toMatchObject({ name: any443.name, priority: 300, key: any443.key });
  });
});
