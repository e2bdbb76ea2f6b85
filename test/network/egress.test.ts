import { TerraformStack, TerraformVariable } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchNetwork, IBatchNetwork } from '../../lib/network/batch-network';
import { Egress, EgressKind } from '../../lib/network/egress';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import type { PoolNetworkOptions } from '../../lib/network/pool-network';
import { ValidationError, ValidationProblem } from '../../lib/private/problems';
import { errorOf, newStack, problemsOf, resourcesOf, ruleShapes, synth } from '../helpers';

const eastus = AzureRegion.of('eastus');
const NET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network';
const VNET_ID = `${NET}/virtualNetworks/vnet-spoke`;
const SUBNET_ID = `${VNET_ID}/subnets/snet-batch`;
const ENDPOINT_SUBNET_ID = `${VNET_ID}/subnets/snet-endpoints`;
const ROUTE_TABLE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-hub';


/** Every egress choice, by the name the tests use. */
const CHOICES: Array<[string, () => Egress]> = [
  ['Egress.none()', () => Egress.none()],
  ['Egress.natGateway()', () => Egress.natGateway()],
  ['Egress.defaultOutbound()', () => Egress.defaultOutbound()],
  ['Egress.throughHub({ nextHopIpAddress })', () => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', dnsServers: ['10.0.2.4', '10.0.2.5'] })],
  ['Egress.throughHub({ routeTableId })', () => Egress.throughHub({ routeTableId: ROUTE_TABLE_ID, dnsServers: ['10.0.2.4'] })],
];

/** Every way to get a network of pools; each creates an endpoint subnet or is given one. */
const NETWORKS: Array<[string, (stack: TerraformStack, options: Partial<PoolNetworkOptions>) => IBatchNetwork]> = [
  ['BatchNetwork', (stack, options) => new BatchNetwork(stack, 'Network', {
    region: eastus, resourceGroupName: 'rg-batch', addressSpace: '10.10.0.0/16', baseName: 'contoso', ...options,
  })],
  ['BatchNetwork.fromVirtualNetworkId', (stack, options) => BatchNetwork.fromVirtualNetworkId(stack, 'Network', VNET_ID, {
    region: eastus, resourceGroupName: 'rg-batch', poolSubnetPrefix: '10.50.4.0/22', privateEndpointSubnetPrefix: '10.50.8.0/27', baseName: 'contoso', ...options,
  })],
  ['BatchNetwork.fromSubnetId', (stack, options) => BatchNetwork.fromSubnetId(stack, 'Network', SUBNET_ID, {
    region: eastus, addressPrefix: '10.50.4.0/22', privateEndpointSubnetId: ENDPOINT_SUBNET_ID, privateEndpointSubnetPrefix: '10.50.8.0/27', baseName: 'contoso', ...options,
  })],
];

/** Every network crossed with every egress choice. */
const EVERY_NETWORK_AND_CHOICE = NETWORKS.flatMap(([network, make]) => CHOICES.map(([choice, egress]) => ({ network, choice, make, egress })));

describe('Egress', () => {
  describe('the choices', () => {
    test('none is the closed choice: nothing leaves and nothing is created', () => {
      const egress = Egress.none();
      expect([egress.kind, egress.leavesTheNetwork, egress.createsResources, egress.toString()]).toEqual([EgressKind.NONE, false, false, 'none']);
      expect([egress.natGatewayOptions, egress.hubOptions]).toEqual([undefined, undefined]);
    });

    test('natGateway applies the defaults: one IP, 4 minutes idle, no zone', () => {
      const egress = Egress.natGateway();
      expect([egress.kind, egress.leavesTheNetwork, egress.createsResources, egress.toString()]).toEqual([EgressKind.NAT_GATEWAY, true, true, 'natGateway']);
      expect(egress.natGatewayOptions).toEqual({ publicIpCount: 1, idleTimeoutMinutes: 4, zone: undefined });
      expect(Egress.natGateway({ publicIpCount: 16, idleTimeoutMinutes: 120, zone: '3' }).natGatewayOptions).toEqual({ publicIpCount: 16, idleTimeoutMinutes: 120, zone: '3' });
      expect(Egress.natGateway({ publicIpCount: 1, idleTimeoutMinutes: 4, zone: '1' }).natGatewayOptions).toEqual({ publicIpCount: 1, idleTimeoutMinutes: 4, zone: '1' });
    });

    test('defaultOutbound leaves the network and creates nothing', () => {
      const egress = Egress.defaultOutbound();
      expect([egress.kind, egress.leavesTheNetwork, egress.createsResources, egress.toString()]).toEqual([EgressKind.DEFAULT_OUTBOUND, true, false, 'defaultOutbound']);
    });

    test('throughHub creates a route table for a next hop, and nothing for a hub route table given by id', () => {
      const toAppliance = Egress.throughHub({ nextHopIpAddress: '10.0.1.4' });
      expect([toAppliance.kind, toAppliance.leavesTheNetwork, toAppliance.createsResources, toAppliance.toString()]).toEqual([EgressKind.HUB, true, true, 'hub']);
      expect(toAppliance.hubOptions).toEqual({ nextHopIpAddress: '10.0.1.4', dnsServers: [] });
      const toTable = Egress.throughHub({ routeTableId: ROUTE_TABLE_ID });
      expect([toTable.leavesTheNetwork, toTable.createsResources]).toEqual([true, false]);
      expect(toTable.hubOptions).toEqual({ routeTableId: ROUTE_TABLE_ID, dnsServers: [] });
    });

    test('throughHub keeps its own copy of the DNS servers', () => {
      const servers = ['10.0.2.4'];
      const egress = Egress.throughHub({ nextHopIpAddress: '10.0.1.4', dnsServers: servers });
      servers.push('10.0.2.5');
      expect(egress.hubOptions!.dnsServers).toEqual(['10.0.2.4']);
    });

    test('throughHub takes a next hop and a route table known only at deploy time, but not DNS servers, which name NSG rules', () => {
      const stack = newStack();
      const address = new TerraformVariable(stack, 'firewall', { type: 'string' }).stringValue;
      const table = new TerraformVariable(stack, 'table', { type: 'string' }).stringValue;
      expect(Egress.throughHub({ nextHopIpAddress: address }).hubOptions).toEqual({ nextHopIpAddress: address, dnsServers: [] });
      expect(Egress.throughHub({ routeTableId: table }).hubOptions).toEqual({ routeTableId: table, dnsServers: [] });
      expect(problemsOf(() => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', dnsServers: [address] }))).toEqual([
        { subject: 'Egress.throughHub', path: 'dnsServers[0]', value: address, message: 'is known only at deploy time; give the DNS server\'s address as a literal' },
      ]);
    });
    test('throughHub takes as many DNS servers as a VNet does, 20, and no more', () => {
      const servers = (count: number) => Array.from({ length: count }, (_, i) => `10.0.1.${i + 4}`);
      expect(Egress.throughHub({ nextHopIpAddress: '10.0.1.1', dnsServers: servers(20) }).hubOptions?.dnsServers).toHaveLength(20);
      expect(problemsOf(() => Egress.throughHub({ nextHopIpAddress: '10.0.1.1', dnsServers: servers(21) }))).toEqual([
        { subject: 'Egress.throughHub', path: 'dnsServers', value: 21, message: 'are more DNS servers than a virtual network takes (20, Azure\'s networking limits); give at most 20' },
      ]);
    });
  });

  describe('validation', () => {
    const NAT = 'Egress.natGateway';
    test.each<[string, Parameters<typeof Egress.natGateway>[0], Omit<ValidationProblem, 'subject'>]>([
      ['no public IP', { publicIpCount: 0 }, { path: 'publicIpCount', value: 0, message: 'is out of range; a NAT gateway takes 1 to 16 public IPs' }],
      ['17 public IPs', { publicIpCount: 17 }, { path: 'publicIpCount', value: 17, message: 'is out of range; a NAT gateway takes 1 to 16 public IPs' }],
      ['a fractional IP count', { publicIpCount: 1.5 }, { path: 'publicIpCount', value: 1.5, message: 'is out of range; a NAT gateway takes 1 to 16 public IPs' }],
      ['an idle timeout below 4 minutes', { idleTimeoutMinutes: 3 }, { path: 'idleTimeoutMinutes', value: 3, message: 'is out of range; use a whole number of minutes from 4 to 120' }],
      ['an idle timeout above 120 minutes', { idleTimeoutMinutes: 121 }, { path: 'idleTimeoutMinutes', value: 121, message: 'is out of range; use a whole number of minutes from 4 to 120' }],
      ['zone "4"', { zone: '4' }, { path: 'zone', value: '4', message: 'is not an availability zone; use "1", "2" or "3", or leave it out for no zone' }],
    ])('natGateway refuses %s', (_, options, problem) => {
      expect(problemsOf(() => Egress.natGateway(options))).toEqual([{ subject: NAT, ...problem }]);
    });

    test('natGateway\'s message names the factory, the option, the value and the fix', () => {
      expect(errorOf(() => Egress.natGateway({ publicIpCount: 17 }))).toBe('Egress.natGateway: publicIpCount 17 is out of range; a NAT gateway takes 1 to 16 public IPs');
    });

    // CONVENTIONS.md 8: values known only at deploy time are left to Terraform.
    test('natGateway takes an idle timeout and a zone known only at deploy time', () => {
      const stack = newStack();
      const minutes = new TerraformVariable(stack, 'idle', { type: 'number' }).numberValue;
      const zone = new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue;
      expect(Egress.natGateway({ idleTimeoutMinutes: minutes, zone }).natGatewayOptions).toEqual({ publicIpCount: 1, idleTimeoutMinutes: minutes, zone });
    });

    const HUB = 'Egress.throughHub';
    const exactlyOne = 'give exactly one of nextHopIpAddress (a new route table to your firewall) and routeTableId (the hub\'s route table)';
    const notAnAddress = 'is not an IPv4 address; give one address, e.g. "10.0.1.4"';
    test.each<[string, Parameters<typeof Egress.throughHub>[0], Array<Omit<ValidationProblem, 'subject'>>]>([
      ['neither a next hop nor a route table', {}, [{ path: 'nextHopIpAddress', value: undefined, message: exactlyOne }]],
      ['neither, with DNS servers only', { dnsServers: ['10.0.2.4'] }, [{ path: 'nextHopIpAddress', value: undefined, message: exactlyOne }]],
      ['a CIDR block as next hop', { nextHopIpAddress: '10.0.0.0/24' }, [{ path: 'nextHopIpAddress', value: '10.0.0.0/24', message: notAnAddress }]],
      ['a word as next hop', { nextHopIpAddress: 'x' }, [{ path: 'nextHopIpAddress', value: 'x', message: notAnAddress }]],
      ['a VNet id as route table id', { routeTableId: VNET_ID }, [{
        path: 'routeTableId', value: VNET_ID,
        message: 'is not a route table resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/routeTables/<table>',
      }]],
      ['a bad second DNS server', { nextHopIpAddress: '10.0.1.4', dnsServers: ['10.0.2.4', '10.0.2'] }, [{ path: 'dnsServers[1]', value: '10.0.2', message: notAnAddress }]],
      ['a CIDR block as DNS server', { routeTableId: ROUTE_TABLE_ID, dnsServers: ['10.0.2.0/24'] }, [{ path: 'dnsServers[0]', value: '10.0.2.0/24', message: notAnAddress }]],
    ])('throughHub refuses %s', (_, options, problems) => {
      expect(problemsOf(() => Egress.throughHub(options))).toEqual(problems.map((problem) => ({ subject: HUB, ...problem })));
    });

    test('throughHub refuses both a next hop and a route table, naming the route table it got', () => {
      expect(problemsOf(() => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', routeTableId: ROUTE_TABLE_ID }))).toEqual([
        { subject: HUB, path: 'routeTableId', value: ROUTE_TABLE_ID, message: exactlyOne },
      ]);
    });

    test('throughHub reports every problem at once, in option order, in one message', () => {
      let error: unknown;
      try {
        Egress.throughHub({ nextHopIpAddress: 'x', dnsServers: ['10.0.2.4', 'y', '10.0.2.0/24'] });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([
        { subject: HUB, path: 'nextHopIpAddress', value: 'x', message: notAnAddress },
        { subject: HUB, path: 'dnsServers[1]', value: 'y', message: notAnAddress },
        { subject: HUB, path: 'dnsServers[2]', value: '10.0.2.0/24', message: notAnAddress },
      ]);
      expect((error as Error).message).toBe([
        `Egress.throughHub: nextHopIpAddress "x" ${notAnAddress}`,
        `Egress.throughHub: dnsServers[1] "y" ${notAnAddress}`,
        `Egress.throughHub: dnsServers[2] "10.0.2.0/24" ${notAnAddress}`,
      ].join('\n'));
    });
  });

  describe('a hub with a NAT gateway for its Internet routes', () => {
    test('throughHub({ nextHopIpAddress, natGateway }) keeps the hub\'s options and carries the NAT gateway\'s, with defaults applied', () => {
      const egress = Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: {} });
      expect([egress.kind, egress.leavesTheNetwork, egress.createsResources, egress.toString()]).toEqual([EgressKind.HUB, true, true, 'hub']);
      expect(egress.natGatewayOptions).toEqual({ publicIpCount: 1, idleTimeoutMinutes: 4, zone: undefined });
      expect(egress.hubOptions).toEqual({ nextHopIpAddress: '10.0.1.4', natGateway: {}, dnsServers: [] });
      expect(Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: { publicIpCount: 3, idleTimeoutMinutes: 30, zone: '2' } }).natGatewayOptions)
        .toEqual({ publicIpCount: 3, idleTimeoutMinutes: 30, zone: '2' });
    });

    test('a hub route table given by id creates nothing, unless a NAT gateway comes with it', () => {
      expect(Egress.throughHub({ routeTableId: ROUTE_TABLE_ID }).createsResources).toBe(false);
      const withNat = Egress.throughHub({ routeTableId: ROUTE_TABLE_ID, natGateway: { publicIpCount: 2 } });
      expect([withNat.createsResources, withNat.natGatewayOptions]).toEqual([true, { publicIpCount: 2, idleTimeoutMinutes: 4, zone: undefined }]);
    });

    test('a hub without natGateway has no NAT gateway options', () => {
      expect(Egress.throughHub({ nextHopIpAddress: '10.0.1.4' }).natGatewayOptions).toBeUndefined();
    });

    const HUB = 'Egress.throughHub';
    test.each<[string, Parameters<typeof Egress.natGateway>[0], Omit<ValidationProblem, 'subject'>]>([
      ['no public IP', { publicIpCount: 0 }, { path: 'natGateway.publicIpCount', value: 0, message: 'is out of range; a NAT gateway takes 1 to 16 public IPs' }],
      ['17 public IPs', { publicIpCount: 17 }, { path: 'natGateway.publicIpCount', value: 17, message: 'is out of range; a NAT gateway takes 1 to 16 public IPs' }],
      ['an idle timeout below 4 minutes', { idleTimeoutMinutes: 3 }, { path: 'natGateway.idleTimeoutMinutes', value: 3, message: 'is out of range; use a whole number of minutes from 4 to 120' }],
      ['zone "4"', { zone: '4' }, { path: 'natGateway.zone', value: '4', message: 'is not an availability zone; use "1", "2" or "3", or leave it out for no zone' }],
    ])('throughHub refuses a natGateway with %s, under natGateway.<option>', (_, natGateway, problem) => {
      expect(problemsOf(() => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway }))).toEqual([{ subject: HUB, ...problem }]);
    });

    test('throughHub reports the hub\'s problems and the NAT gateway\'s together, in option order', () => {
      expect(problemsOf(() => Egress.throughHub({ nextHopIpAddress: 'x', dnsServers: ['y'], natGateway: { publicIpCount: 17, zone: '0' } }))).toEqual([
        { subject: HUB, path: 'nextHopIpAddress', value: 'x', message: 'is not an IPv4 address; give one address, e.g. "10.0.1.4"' },
        { subject: HUB, path: 'dnsServers[0]', value: 'y', message: 'is not an IPv4 address; give one address, e.g. "10.0.1.4"' },
        { subject: HUB, path: 'natGateway.publicIpCount', value: 17, message: 'is out of range; a NAT gateway takes 1 to 16 public IPs' },
        { subject: HUB, path: 'natGateway.zone', value: '0', message: 'is not an availability zone; use "1", "2" or "3", or leave it out for no zone' },
      ]);
      expect(errorOf(() => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: { publicIpCount: 17 } })))
        .toBe('Egress.throughHub: natGateway.publicIpCount 17 is out of range; a NAT gateway takes 1 to 16 public IPs');
    });

    test('a NAT gateway IP count known only at deploy time is refused under natGateway.publicIpCount', () => {
      const count = new TerraformVariable(newStack(), 'count', { type: 'number' }).numberValue;
      expect(problemsOf(() => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: { publicIpCount: count } }))).toEqual([{
        subject: HUB, path: 'natGateway.publicIpCount', value: count, message: 'is known only at deploy time, but one public IP resource is created per address; give a number',
      }]);
    });
  });

  describe('a zonal NAT gateway needs a region with availability zones', () => {
    // lib/catalog/azure-region.ts: westus is not among the regions with availability zones; eastus is.
    const westus = AzureRegion.of('westus');
    const message = 'puts the NAT gateway in a zone, but westus has no availability zones; leave zone out there';
    const ZONAL: Array<[string, () => Egress, string]> = [
      ['Egress.natGateway({ zone })', () => Egress.natGateway({ zone: '1' }), 'egress.zone'],
      ['Egress.throughHub({ natGateway: { zone } })', () => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: { zone: '1' } }), 'egress.natGateway.zone'],
    ];
    const SUBJECTS: Record<string, string> = {
      BatchNetwork: 'BatchNetwork', 'BatchNetwork.fromVirtualNetworkId': 'BatchNetwork.fromVirtualNetworkId', 'BatchNetwork.fromSubnetId': 'BatchNetwork.fromSubnetId',
    };
    const ROWS = NETWORKS.flatMap(([network, make]) => ZONAL.map(([choice, egress, path]) => ({ network, choice, make, egress, path })));

    test.each(ROWS)('$network with $choice in westus: one problem at $path', ({ network, make, egress, path }) => {
      expect(problemsOf(() => make(newStack(), { region: westus, egress: egress() }))).toEqual([
        { subject: SUBJECTS[network], constructPath: 'test/Network', path, value: '1', message },
      ]);
    });

    test.each(ROWS)('$network with $choice in eastus, which has zones: accepted, the gateway in the zone', ({ make, egress }) => {
      const stack = newStack();
      make(stack, { egress: egress() });
      expect(resourcesOf(synth(stack), 'azurerm_nat_gateway').map((gateway) => gateway.zones)).toEqual([['1']]);
    });

    test.each(NETWORKS)('%s in westus takes a NAT gateway without a zone', (_, make) => {
      const stack = newStack();
      make(stack, { region: westus, egress: Egress.natGateway() });
      expect(resourcesOf(synth(stack), 'azurerm_nat_gateway').map((gateway) => [gateway.location, gateway.zones])).toEqual([['westus', undefined]]);
    });

    test('a zone known only at deploy time is left to Azure', () => {
      const stack = newStack();
      const zone = new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue;
      expect(() => NETWORKS[0][1](stack, { region: westus, egress: Egress.natGateway({ zone }) })).not.toThrow();
    });
  });

  describe('what each choice opens, on every network', () => {
    test.each(EVERY_NETWORK_AND_CHOICE)(
      '$network with $choice: only Egress.defaultOutbound() keeps a created pool subnet\'s default outbound access; the endpoint subnet never has it',
      ({ network, choice, make, egress }) => {
        const stack = newStack();
        make(stack, { egress: egress() });
        const subnets = resourcesOf(synth(stack), 'azurerm_subnet');
        if (network === 'BatchNetwork.fromSubnetId') {
          // The subnets exist: nothing is created, so nothing changes their access.
          expect(subnets).toEqual([]);
          return;
        }
        expect(subnets.map((subnet) => [subnet.name, subnet.default_outbound_access_enabled])).toEqual([
          ['snet-contoso-endpoints', false],
          ['snet-contoso-pool', choice === 'Egress.defaultOutbound()'],
        ]);
      },
    );

    test.each(EVERY_NETWORK_AND_CHOICE.flatMap((row) => [{ ...row, restrictOutbound: false }, { ...row, restrictOutbound: true }]))(
      '$network with $choice (restrictOutbound $restrictOutbound): no rule allows traffic to or from every address or the Internet, whatever the rule set',
      ({ make, egress, restrictOutbound }) => {
        for (const ruleSet of [NodeCommunicationRuleSet.SIMPLIFIED, NodeCommunicationRuleSet.UNION, NodeCommunicationRuleSet.CLASSIC]) {
          const stack = newStack();
          make(stack, { egress: egress(), restrictOutbound, ruleSet });
          const rules = ruleShapes(synth(stack));
          expect(rules.length).toBeGreaterThan(0);
          expect(rules.filter((rule) => rule.access === 'Allow' && ['*', 'Internet', '0.0.0.0/0', 'Any'].includes(String(rule.peer)))).toEqual([]);
        }
      },
    );

    test.each(CHOICES)('BatchNetwork with %s: the VNet uses the hub\'s DNS servers, and Azure\'s otherwise', (choice, egress) => {
      const stack = newStack();
      NETWORKS[0][1](stack, { egress: egress() });
      const [vnet] = resourcesOf(synth(stack), 'azurerm_virtual_network');
      const servers: Record<string, string[] | undefined> = {
        'Egress.throughHub({ nextHopIpAddress })': ['10.0.2.4', '10.0.2.5'],
        'Egress.throughHub({ routeTableId })': ['10.0.2.4'],
      };
      expect(vnet.dns_servers).toEqual(servers[choice]);
    });

    test('a hub without DNS servers leaves the VNet on Azure\'s DNS', () => {
      const stack = newStack();
      NETWORKS[0][1](stack, { egress: Egress.throughHub({ nextHopIpAddress: '10.0.1.4' }) });
      expect(resourcesOf(synth(stack), 'azurerm_virtual_network')[0]).not.toHaveProperty('dns_servers');
    });

    test.each(NETWORKS.slice(1))('%s creates no VNet, so the hub\'s DNS servers are the existing VNet\'s business', (_, make) => {
      const stack = newStack();
      make(stack, { egress: Egress.throughHub({ nextHopIpAddress: '10.0.1.4', dnsServers: ['10.0.2.4'] }) });
      expect(resourcesOf(synth(stack), 'azurerm_virtual_network')).toEqual([]);
    });
  });
});
