import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '../../stacks/main';
import { filesUnder, resourcesOf, SynthesizedStack, withoutCapacityTable } from '../helpers';

/**
 * The app's egress, landing-zone, hub-DNS and allowOutbound settings, run as a user runs it
 * (`BATCH_DEPLOYMENT_CONFIG=<file> npm run synth`): what it writes for the landing-zone fixture, and
 * what it prints for configs it refuses.
 */

const FIXTURE = join(__dirname, '..', 'fixtures', 'landing-zone.json');
const dir = mkdtempSync(join(tmpdir(), 'networking-config-'));

/** A fresh copy of the landing-zone fixture, for tests to change. */
function fixture(): any {
  return JSON.parse(readFileSync(FIXTURE, 'utf8'));
}

/** `fixture()` changed by `edit`. */
function fixtureWith(edit: (config: any) => void): any {
  const config = fixture();
  edit(config);
  return config;
}

interface AppRun {
  readonly status: number;
  /** What the app printed, each line without the `<file>: ` it starts with. */
  readonly lines: string[];
  /** The synthesized stacks by name, when the synth succeeded. */
  readonly stacks: Record<string, SynthesizedStack>;
  /** Every file the run left in the output folder. */
  readonly files: string[];
}

/** Runs the app on the config `file` (or on `config`, written to a file named after `name`) into a fresh output folder. */
function runOn(name: string, config?: unknown): AppRun {
  const file = config === undefined ? FIXTURE : join(dir, `${name}.json`);
  if (config !== undefined) writeFileSync(file, JSON.stringify(config));
  const outdir = join(dir, `${name}.out`);
  const lines: string[] = [];
  const status = runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line.startsWith(`${file}: `) ? line.slice(file.length + 2) : line), outdir);
  const stacks = status !== 0 ? {} : Object.fromEntries(readdirSync(join(outdir, 'stacks')).map((stack) => [
    stack, JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as SynthesizedStack,
  ]));
  return { status, lines, stacks, files: filesUnder(outdir) };
}

/** The Terraform reference to the `attribute` of the one resource of `type` that `match` picks. */
function refTo(json: SynthesizedStack, type: string, match: (resource: any) => boolean, attribute = 'id'): string {
  const keys = Object.entries(json.resource?.[type] ?? {}).filter(([, resource]) => match(resource)).map(([key]) => key);
  if (keys.length !== 1) throw new Error(`expected one ${type} to match, found ${keys.length}`);
  return `\${${type}.${keys[0]}.${attribute}}`;
}

/** The NSG rules as `direction access peer protocol port`, sorted. */
/** `id` with its resource group and names in upper case: ARM compares them so; its fixed segments stay as Azure writes them. */
function upperNames(id: string): string {
  return id.split('/').map((segment, i) => (i === 4 || (i >= 8 && i % 2 === 0) ? segment.toUpperCase() : segment)).join('/');
}

function rules(json: SynthesizedStack): string[] {
  return resourcesOf(json, 'azurerm_network_security_rule')
    .map((rule) => `${rule.direction} ${rule.access} ${rule.direction === 'Inbound' ? rule.source_address_prefix : rule.destination_address_prefix} ${rule.protocol} ${rule.destination_port_range}`)
    .sort();
}

/** The app run on the fixture as written, once for every test that needs it. */
let asWritten: AppRun | undefined;
const fixtureRun = (): AppRun => (asWritten ??= runOn('landing-zone'));

const written = fixture();
const [eastus2Zone, centralusZone] = written.regions.map((region: any) => region.network);
const [eastus2Dns, centralusDns] = written.regions.map((region: any) => region.privateDnsZones);
const HUB_ROUTE_TABLE: string = written.regions[0].egress.routeTableId;

describe('the landing-zone fixture', () => {
  let run: AppRun;
  let eastus2: SynthesizedStack;
  let centralus: SynthesizedStack;
  beforeAll(() => {
    run = fixtureRun();
    ({ 'batch-eastus2': eastus2, 'batch-centralus': centralus } = run.stacks);
  });

  test('synthesizes one stack per region and prints only the warning that a NAT gateway goes onto a subnet that exists', () => {
    expect(run.status).toBe(0);
    expect(withoutCapacityTable(run.lines)).toEqual([
      'warning: [batch-centralus/Region/Network] [EGRESS] the egress associates a NAT gateway with a subnet that exists: the deploy fails if the subnet already has one, and it replaces the routing its owner set up; for a subnet the hub routes, use { "type": "hub", "routeTableId": ... } with the hub\'s table',
    ]);
    expect(Object.keys(run.stacks).sort()).toEqual(['batch-centralus', 'batch-eastus2']);
  });

  test('neither stack creates a VNet, a private DNS zone or a VNet link', () => {
    for (const [name, json] of Object.entries(run.stacks)) {
      for (const type of ['azurerm_virtual_network', 'azurerm_private_dns_zone', 'azurerm_private_dns_zone_virtual_network_link']) {
        expect([name, type, resourcesOf(json, type)]).toEqual([name, type, []]);
      }
    }
  });

  test('every private endpoint is in the landing zone\'s endpoint subnet and registers in the hub\'s zone of its sub-resource', () => {
    // Which of a region's privateDnsZones each sub-resource's endpoint registers in.
    const zoneOf: Record<string, string> = { batchAccount: 'batch', nodeManagement: 'batch', blob: 'blob', registry: 'containerRegistry' };
    const placement = (json: SynthesizedStack, subnetId: string, zones: Record<string, string>) => {
      const found = resourcesOf(json, 'azurerm_private_endpoint').map((endpoint: any) => [
        endpoint.private_service_connection.subresource_names.join(','), endpoint.subnet_id, endpoint.private_dns_zone_group.private_dns_zone_ids,
      ]);
      expect(found.map(([subresource]) => subresource)).toEqual(expect.arrayContaining(['batchAccount', 'nodeManagement', 'blob']));
      expect(found).toEqual(found.map(([subresource]) => [subresource, subnetId, [zones[zoneOf[subresource]]]]));
    };
    // eastus2: the endpoint subnet is created in the adopted VNet.
    expect(resourcesOf(eastus2, 'azurerm_subnet').map((subnet) => [subnet.virtual_network_name, subnet.resource_group_name, subnet.address_prefixes]).sort()).toEqual([
      ['vnet-spoke-eastus2', 'rg-spoke-eastus2', [eastus2Zone.poolSubnetPrefix]],
      ['vnet-spoke-eastus2', 'rg-spoke-eastus2', [eastus2Zone.privateEndpointSubnetPrefix]],
    ]);
    placement(eastus2, refTo(eastus2, 'azurerm_subnet', (subnet) => subnet.address_prefixes[0] === eastus2Zone.privateEndpointSubnetPrefix), eastus2Dns);
    // centralus: the given endpoint subnet, as written.
    expect(resourcesOf(centralus, 'azurerm_subnet')).toEqual([]);
    placement(centralus, centralusZone.privateEndpointSubnetId, centralusDns);
  });

  test('centralus has the deployment\'s NAT gateway, with its 2 public IPs, on the given pool subnet', () => {
    const [nat] = resourcesOf(centralus, 'azurerm_nat_gateway');
    expect(resourcesOf(centralus, 'azurerm_nat_gateway')).toHaveLength(1);
    expect(nat).toMatchObject({ name: 'ng-woodgrove-centralus', location: 'centralus', idle_timeout_in_minutes: written.egress.idleTimeoutMinutes });
    const natId = refTo(centralus, 'azurerm_nat_gateway', () => true);
    const ips = resourcesOf(centralus, 'azurerm_public_ip');
    expect(ips.map((ip) => ip.name)).toEqual(['pip-woodgrove-centralus-ng-1', 'pip-woodgrove-centralus-ng-2']);
    expect(resourcesOf(centralus, 'azurerm_nat_gateway_public_ip_association').map((association) => [association.nat_gateway_id, association.public_ip_address_id]))
      .toEqual(ips.map((ip) => [natId, refTo(centralus, 'azurerm_public_ip', (candidate) => candidate.name === ip.name)]));
    expect(resourcesOf(centralus, 'azurerm_subnet_nat_gateway_association').map((association) => [association.subnet_id, association.nat_gateway_id]))
      .toEqual([[centralusZone.subnetId, natId]]);
  });

  test('centralus carries the allowOutbound rules in the landing zone\'s NSG: regional tags get the region\'s suffix, others stay as written', () => {
    expect(resourcesOf(centralus, 'azurerm_network_security_group')).toEqual([]);
    expect(new Set(resourcesOf(centralus, 'azurerm_network_security_rule').map((rule) => `${rule.resource_group_name}/${rule.network_security_group_name}`)))
      .toEqual(new Set(['rg-spoke-centralus/nsg-batch']));
    expect(rules(centralus)).toEqual([
      'Outbound Allow 10.0.0.10/32 * 53',
      'Outbound Allow 10.0.0.11/32 * 53',
      `Outbound Allow ${centralusZone.privateEndpointSubnetPrefix} Tcp 443`,
      'Outbound Allow AzureContainerRegistry.CentralUS Tcp 443',
      'Outbound Allow AzureFrontDoor.FirstParty Tcp 443',
      'Outbound Allow BatchNodeManagement.CentralUS * 443',
      'Outbound Allow MicrosoftContainerRegistry Tcp 443',
      'Outbound Allow Storage.CentralUS Tcp 443',
      'Outbound Deny * * *',
    ]);
    expect(resourcesOf(centralus, 'azurerm_network_security_rule').find((rule) => rule.destination_address_prefix === 'AzureContainerRegistry.CentralUS'))
      .toMatchObject({ description: written.allowOutbound[0].description });
  });

  test('eastus2 goes through the hub: its pool subnet joins the hub\'s route table, the hub\'s DNS servers are allowed on 53, no route is added', () => {
    expect(resourcesOf(eastus2, 'azurerm_subnet_route_table_association')).toEqual([expect.objectContaining({
      subnet_id: refTo(eastus2, 'azurerm_subnet', (subnet) => subnet.address_prefixes[0] === eastus2Zone.poolSubnetPrefix), route_table_id: HUB_ROUTE_TABLE,
    })]);
    expect(rules(eastus2)).toEqual(expect.arrayContaining(['Outbound Allow 10.0.0.10/32 * 53', 'Outbound Allow 10.0.0.11/32 * 53']));
    // Simplified nodes reach node management through the nodeManagement endpoint, not past the hub.
    expect(resourcesOf(eastus2, 'azurerm_route')).toEqual([]);
    expect(resourcesOf(eastus2, 'azurerm_route_table')).toEqual([]);
  });

  test('eastus2\'s own egress overrides the deployment\'s NAT gateway', () => {
    for (const type of ['azurerm_nat_gateway', 'azurerm_public_ip', 'azurerm_subnet_nat_gateway_association']) expect([type, resourcesOf(eastus2, type)]).toEqual([type, []]);
  });
});

describe('egress in the app', () => {
  test('a region\'s "none" overrides the deployment\'s NAT gateway in that region only', () => {
    const run = runOn('none-in-centralus', fixtureWith((c) => { c.regions[1].egress = { type: 'none' }; }));
    expect(run.status).toBe(0);
    expect(resourcesOf(run.stacks['batch-centralus'], 'azurerm_nat_gateway')).toEqual([]);
    expect(resourcesOf(run.stacks['batch-centralus'], 'azurerm_subnet_nat_gateway_association')).toEqual([]);
    expect(resourcesOf(run.stacks['batch-eastus2'], 'azurerm_subnet_route_table_association')).toHaveLength(1);
  });

  test('with the union rule set, the hub\'s route table gets the BatchNodeManagement route the nodes need, named for the region', () => {
    const run = runOn('union', fixtureWith((c) => { c.nodeCommunication = 'union'; }));
    expect(run.status).toBe(0);
    expect(resourcesOf(run.stacks['batch-eastus2'], 'azurerm_route').map((route) => [route.name, route.route_table_name, route.resource_group_name, route.address_prefix, route.next_hop_type]))
      .toEqual([['udr-woodgrove-eastus2-batchnodemanagement-eastus2', 'rt-spoke-eastus2', 'rg-spoke-eastus2', 'BatchNodeManagement.EastUS2', 'Internet']]);
  });
});

describe('the hub\'s NAT gateway and the Internet routes in the app', () => {
  const hubWithNat = { type: 'hub', nextHopIpAddress: '10.0.0.4', natGateway: { publicIpCount: 2 } };

  test('a hub egress with a natGateway on the given subnet: the route table and the NAT gateway, and one line saying both go onto a subnet that exists', () => {
    const run = runOn('hub-nat-centralus', fixtureWith((c) => { c.regions[1].egress = hubWithNat; }));
    expect(run.status).toBe(0);
    expect(withoutCapacityTable(run.lines)).toEqual([
      'warning: [batch-centralus/Region/Network] [EGRESS] the egress associates a NAT gateway and a route table with a subnet that exists: the deploy fails if the subnet already has one, and it replaces the routing its owner set up; for a subnet the hub routes, use { "type": "hub", "routeTableId": ... } with the hub\'s table',
    ]);
    const centralus = run.stacks['batch-centralus'];
    expect(resourcesOf(centralus, 'azurerm_subnet_route_table_association').map((association) => association.subnet_id)).toEqual([centralusZone.subnetId]);
    expect(resourcesOf(centralus, 'azurerm_subnet_nat_gateway_association').map((association) => association.subnet_id)).toEqual([centralusZone.subnetId]);
    expect(resourcesOf(centralus, 'azurerm_public_ip')).toHaveLength(2);
    expect(resourcesOf(centralus, 'azurerm_route').map((route) => [route.address_prefix, route.next_hop_type, route.next_hop_in_ip_address])).toEqual([['0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']]);
  });

  /** The union rule set, with eastus2 routed to a new route table to the hub's firewall (with `natGateway`, if given). */
  const unionThroughFirewall = (natGateway?: object) => fixtureWith((c) => {
    c.nodeCommunication = 'union';
    c.regions[0].egress = { type: 'hub', nextHopIpAddress: '10.0.0.4', dnsServers: c.regions[0].egress.dnsServers, ...(natGateway ? { natGateway } : {}) };
  });
  const internetLines = (lines: string[]) => lines.filter((line) => line.includes('next hop Internet'));

  test('the union rule set behind a hub without a NAT gateway: one line, that BatchNodeManagement has no address to leave with', () => {
    const run = runOn('union-no-nat', unionThroughFirewall());
    expect(run.status).toBe(0);
    expect(internetLines(run.lines)).toEqual([
      expect.stringMatching(/^warning: \[batch-eastus2\/Region\/Network\/Egress\] \[EGRESS\] BatchNodeManagement\.EastUS2 is routed to next hop Internet past the hub, but the pool subnet has no NAT gateway and no default outbound access, so that traffic has no address to leave with; /),
    ]);
  });

  test('that line names the config\'s hub egress and natGateway, not the library\'s Egress.throughHub', () => {
    const { lines } = runOn('union-no-nat-words', unionThroughFirewall());
    expect(internetLines(lines)).toHaveLength(1);
    expect(internetLines(lines)[0]).not.toMatch(/Egress\./);
  });

  test('the union rule set behind a hub with a natGateway: the route, the NAT gateway, and no such line', () => {
    const run = runOn('union-nat', unionThroughFirewall({}));
    expect(run.status).toBe(0);
    expect(internetLines(run.lines)).toEqual([]);
    const eastus2 = run.stacks['batch-eastus2'];
    expect(resourcesOf(eastus2, 'azurerm_route').map((route) => [route.address_prefix, route.next_hop_type]).sort()).toEqual([['0.0.0.0/0', 'VirtualAppliance'], ['BatchNodeManagement.EastUS2', 'Internet']]);
    expect(resourcesOf(eastus2, 'azurerm_subnet_nat_gateway_association')).toHaveLength(1);
  });
});

describe('warnings and notes the app prints for the network', () => {
  test('hub DNS servers and no privateDnsZones: one [DNS] line naming the zones the region creates, in the config\'s words', () => {
    const run = runOn('hub-dns-own-zones', fixtureWith((c) => { delete c.regions[0].privateDnsZones; }));
    expect(run.status).toBe(0);
    expect(run.lines.filter((line) => line.includes('[DNS]'))).toEqual([
      'warning: [batch-eastus2/Region] [DNS] nodes resolve names with the hub\'s DNS servers, but the region creates its own privatelink.batch, privatelink.blob, privatelink.azurecr zones linked to its VNet only, which those servers do not see: the endpoints\' names resolve to public addresses; give "privateDnsZones" of the hub\'s zones',
    ]);
  });

  test('allowOutbound without restrictOutbound: one info line per region naming its rules', () => {
    const run = runOn('allow-without-restrict', fixtureWith((c) => { c.restrictOutbound = false; }));
    expect(run.status).toBe(0);
    const rulesOf = (tag: string) => `Allow-Out-AzureContainerRegistry.${tag}-Tcp-443, Allow-Out-Storage.${tag}-Tcp-443, Allow-Out-MicrosoftContainerRegistry-Tcp-443, Allow-Out-AzureFrontDoor.FirstParty-Tcp-443`;
    expect(run.lines.filter((line) => line.startsWith('info: '))).toEqual([
      `info: [batch-eastus2/Region/Network] outbound allow rules ${rulesOf('EastUS2')} change nothing without restrictOutbound: the NSG's default rules allow all outbound traffic`,
      `info: [batch-centralus/Region/Network] outbound allow rules ${rulesOf('CentralUS')} change nothing without restrictOutbound: the NSG's default rules allow all outbound traffic`,
    ]);
  });

  test('a landing zone without its DNS servers, and an MPI pool in a subnet of unknown prefix: one line each, in the config\'s words', () => {
    const run = runOn('no-dns-no-prefix', fixtureWith((c) => {
      delete c.regions[1].network.dnsServers;
      delete c.regions[1].network.addressPrefix;
      c.pools[0].interNodeCommunication = true;
    }));
    expect(run.status).toBe(0);
    expect(run.lines.filter((line) => line.includes('batch-centralus') && (line.includes('[DNS]') || line.includes('interNodeCommunication')))).toEqual([
      'warning: [batch-centralus/Region/Network] [DNS] restrictOutbound denies every DNS server but Azure\'s own (168.63.129.16, which NSGs do not filter unless a rule names AzurePlatformDNS): if the imported VNet uses DNS servers of its own, as a landing zone\'s that point to the hub do, nodes resolve no names, the Batch service\'s included; give its "network" the "dnsServers" ([] for Azure\'s), which are then allowed on port 53',
      expect.stringMatching(/^warning: \[batch-centralus\/Region\/Pool-work\] \[EGRESS\] restrictOutbound denies traffic between the pool's nodes, which interNodeCommunication is for, and the pool subnet's prefix is not known here, so no rule allows it; give the "network" its "addressPrefix"$/),
    ]);
  });

  test('with restrictOutbound, as the fixture has it, no such info line', () => {
    expect(fixtureRun().lines.filter((line) => line.startsWith('info: '))).toEqual([]);
  });
});

describe('zonal NAT gateways in the app: only in regions with availability zones', () => {
  // lib/catalog/azure-region.ts: westus has no availability zones; centralus and eastus2 have.
  const message = 'puts the NAT gateway in a zone, but westus has no availability zones; leave zone out there';
  /** The fixture with centralus moved to westus (its landing-zone ids keep their names), edited by `edit`. */
  const inWestus = (edit: (config: any) => void) => fixtureWith((c) => { c.regions[1].location = 'westus'; edit(c); });

  test('the deployment\'s NAT gateway with a zone, used by westus: one line at $.egress.zone', () => {
    const run = runOn('zone-deployment', inWestus((c) => { c.egress.zone = '1'; }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([`$.egress.zone "1" ${message}`]);
    expect(run.files).toEqual([]);
  });

  test('westus\'s own NAT gateway with a zone: one line at $.regions[1].egress.zone', () => {
    const run = runOn('zone-region', inWestus((c) => { c.regions[1].egress = { type: 'natGateway', zone: '1' }; }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([`$.regions[1].egress.zone "1" ${message}`]);
  });

  test('westus\'s hub egress with a zonal natGateway: one line at $.regions[1].egress.natGateway.zone', () => {
    const run = runOn('zone-hub', inWestus((c) => { c.regions[1].egress = { type: 'hub', nextHopIpAddress: '10.0.0.4', natGateway: { zone: '1' } }; }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([`$.regions[1].egress.natGateway.zone "1" ${message}`]);
  });

  test('a zone for the deployment\'s NAT gateway is fine where the regions that use it have zones', () => {
    const run = runOn('zone-centralus', fixtureWith((c) => { c.egress.zone = '1'; }));
    expect(run.status).toBe(0);
    expect(resourcesOf(run.stacks['batch-centralus'], 'azurerm_nat_gateway').map((nat) => [nat.location, nat.zones])).toEqual([['centralus', ['1']]]);
  });
});

describe('rules across regions', () => {
  test('the deployment\'s hub egress with a routeTableId, used by two regions: one line at $.egress.routeTableId', () => {
    const run = runOn('shared-table', fixtureWith((c) => { c.egress = { type: 'hub', routeTableId: HUB_ROUTE_TABLE }; delete c.regions[0].egress; }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([
      `$.egress.routeTableId "${HUB_ROUTE_TABLE}" is one region's route table, and 2 regions would use it (eastus2, centralus); a route table serves VNets of its own region only, so give each region its own "egress" with its table`,
    ]);
    expect(run.files).toEqual([]);
  });

  test('two regions naming the same hub table in their own egress (in other letter case): one line at the second region\'s egress.routeTableId', () => {
    const run = runOn('same-own-table', fixtureWith((c) => { c.regions[1].egress = { ...c.regions[0].egress, routeTableId: c.regions[0].egress.routeTableId.replace('rt-spoke-eastus2', 'RT-Spoke-EastUS2') }; }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([
      `$.regions[1].egress.routeTableId "${fixture().regions[0].egress.routeTableId.replace('rt-spoke-eastus2', 'RT-Spoke-EastUS2')}" is the route table regions[0] (eastus2) uses too, for regions[1] (centralus); a route table serves VNets of its own region only, so give each region its own "egress" with its own region's table`,
    ]);
    expect(run.files).toEqual([]);
  });

  test('a region\'s own egress naming the table the deployment\'s egress gives another region: one line at that region\'s egress.routeTableId', () => {
    const run = runOn('own-and-shared-table', fixtureWith((c) => { c.egress = { type: 'hub', routeTableId: HUB_ROUTE_TABLE }; delete c.regions[0].egress; c.regions[1].egress = { type: 'hub', routeTableId: HUB_ROUTE_TABLE }; }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([
      `$.regions[1].egress.routeTableId "${HUB_ROUTE_TABLE}" is the route table regions[0] (eastus2) uses too, for regions[1] (centralus); a route table serves VNets of its own region only, so give each region its own "egress" with its own region's table`,
    ]);
  });

  test('fine with one region', () => {
    const run = runOn('one-table', fixtureWith((c) => { c.egress = { type: 'hub', routeTableId: HUB_ROUTE_TABLE }; delete c.regions[0].egress; c.regions = [c.regions[0]]; }));
    expect(run.status).toBe(0);
    expect(run.lines.filter((line) => line.includes('routeTableId'))).toEqual([]);
  });

  test('fine when all but one region override it', () => {
    const run = runOn('overridden-table', fixtureWith((c) => { c.egress = { type: 'hub', routeTableId: HUB_ROUTE_TABLE }; c.regions[1].egress = { type: 'natGateway' }; }));
    expect(run.status).toBe(0);
    expect(run.lines.filter((line) => line.startsWith('$.'))).toEqual([]);
  });

  test('the same registry zone in two regions, with containerRegistries listed: one line at the second region\'s privateDnsZones.containerRegistry', () => {
    const run = runOn('shared-acr-zone', fixtureWith((c) => { c.regions[1].privateDnsZones.containerRegistry = upperNames(eastus2Dns.containerRegistry); }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([
      `$.regions[1].privateDnsZones.containerRegistry "${upperNames(eastus2Dns.containerRegistry)}" is the zone of regions[0] too, and every region's endpoint to the same registry writes the same records in it, so the last deploy wins and destroying a region removes the others' records; give each region a zone of its own, or leave it out (the region creates one linked to its VNet)`,
    ]);
    expect(run.files).toEqual([]);
  });

  test('without containerRegistries, a shared registry zone is only what it is already: a zone for no registry, in each region', () => {
    const run = runOn('shared-acr-zone-no-registries', fixtureWith((c) => { c.regions[1].privateDnsZones.containerRegistry = eastus2Dns.containerRegistry; delete c.containerRegistries; }));
    expect(run.lines).toEqual([0, 1].map((i) => `$.regions[${i}].privateDnsZones.containerRegistry "${eastus2Dns.containerRegistry}" is for the endpoints of "containerRegistries", and none is given; remove it, or list the registries`));
  });

  test('each region with its own registry zone is fine', () => {
    expect(fixtureRun().status).toBe(0);
    expect(eastus2Dns.containerRegistry).not.toBe(centralusDns.containerRegistry);
  });
});

describe('allowOutbound service tags: as written unless "regional": true', () => {
  /** The outbound allow rules of each stack to `tag` or a regional form of it. */
  const tagRules = (run: AppRun, tag: string) => Object.fromEntries(Object.entries(run.stacks).map(([name, json]) => [
    name, rules(json).filter((rule) => rule.split(' ')[2].split('.')[0] === tag),
  ]));

  test('a tag without "regional" is used as written in every region', () => {
    const run = runOn('tag-as-written', fixtureWith((c) => { delete c.allowOutbound[0].regional; }));
    expect(run.status).toBe(0);
    expect(tagRules(run, 'AzureContainerRegistry')).toEqual({
      'batch-centralus': ['Outbound Allow AzureContainerRegistry Tcp 443'], 'batch-eastus2': ['Outbound Allow AzureContainerRegistry Tcp 443'],
    });
  });

  test('"regional": true adds each region\'s suffix', () => {
    const run = fixtureRun();
    expect(tagRules(run, 'AzureContainerRegistry')).toEqual({
      'batch-centralus': ['Outbound Allow AzureContainerRegistry.CentralUS Tcp 443'], 'batch-eastus2': ['Outbound Allow AzureContainerRegistry.EastUS2 Tcp 443'],
    });
  });

  test('a tag written with its region is used as written, in every region, unless "regional": true', () => {
    const run = runOn('tag-suffixed', fixtureWith((c) => { c.allowOutbound[0] = { serviceTag: 'AzureContainerRegistry.EastUS2', port: 443 }; }));
    expect(run.status).toBe(0);
    expect(tagRules(run, 'AzureContainerRegistry')).toEqual({
      'batch-centralus': ['Outbound Allow AzureContainerRegistry.EastUS2 Tcp 443'], 'batch-eastus2': ['Outbound Allow AzureContainerRegistry.EastUS2 Tcp 443'],
    });
  });

  test('"regional": false is the default written out', () => {
    const run = runOn('tag-regional-false', fixtureWith((c) => { c.allowOutbound[0].regional = false; }));
    expect(tagRules(run, 'AzureContainerRegistry')).toEqual({
      'batch-centralus': ['Outbound Allow AzureContainerRegistry Tcp 443'], 'batch-eastus2': ['Outbound Allow AzureContainerRegistry Tcp 443'],
    });
  });
});

describe('bad networking configs: one line per problem, under its JSON path, with the value and the fix; nothing written', () => {
  const SHORT_VNET = '/subscriptions/5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke';
  const catalogue: Array<[string, (config: any) => void, string[]]> = [
    ['too many NAT public IPs', (c) => { c.egress.publicIpCount = 17; }, ['$.egress.publicIpCount 17 is out of range; a NAT gateway takes 1 to 16 public IPs']],
    ['a NAT idle timeout out of range', (c) => { c.egress.idleTimeoutMinutes = 200; }, ['$.egress.idleTimeoutMinutes 200 is out of range; use a whole number of minutes from 4 to 120']],
    ['a next hop that is not an address', (c) => { c.regions[0].egress = { type: 'hub', nextHopIpAddress: 'x' }; },
      ['$.regions[0].egress.nextHopIpAddress "x" is not an IPv4 address; give one address, e.g. "10.0.1.4"']],
    ['both a next hop and a route table', (c) => { c.regions[0].egress.nextHopIpAddress = '10.0.0.4'; },
      [`$.regions[0].egress.routeTableId "${HUB_ROUTE_TABLE}" give exactly one of nextHopIpAddress (a new route table to your firewall) and routeTableId (the hub's route table)`]],
    ['a hub egress with neither a next hop nor a route table', (c) => { c.regions[0].egress = { type: 'hub' }; },
      ['$.regions[0].egress.nextHopIpAddress (missing) give exactly one of nextHopIpAddress (a new route table to your firewall) and routeTableId (the hub\'s route table)']],
    ['a hub DNS server that is not an address', (c) => { c.regions[0].egress.dnsServers = ['10.0.0.10', 'dns']; },
      ['$.regions[0].egress.dnsServers[1] "dns" is not an IPv4 address; give one address, e.g. "10.0.1.4"']],
    ['an egress of an unknown type', (c) => { c.egress = { type: 'vpn' }; },
      ['$.egress.type {"type":"vpn"} is not an egress; use { "type": "none", "natGateway", "defaultOutbound" or "hub" }']],
    ['a malformed landing-zone subnet id', (c) => { c.regions[1].network.subnetId = 'snet-batch'; },
      ['$.regions[1].network.subnetId "snet-batch" is not a subnet resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>']],
    ['a malformed landing-zone NSG id', (c) => { c.regions[1].network.networkSecurityGroupId = 'nsg-batch'; },
      ['$.regions[1].network.networkSecurityGroupId "nsg-batch" is not a network security group resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/networkSecurityGroups/<nsg>']],
    ['a pool subnet outside the adopted VNet', (c) => { c.regions[0].network.poolSubnetPrefix = '10.80.0.0/20'; },
      ['$.regions[0].network.poolSubnetPrefix "10.80.0.0/20" is outside the VNet\'s address space (10.70.0.0/16); choose a block inside it']],
    ['the blob zone as the Batch zone', (c) => { c.regions[0].privateDnsZones.batch = c.regions[0].privateDnsZones.blob; },
      [`$.regions[0].privateDnsZones.batch "${eastus2Dns.blob}" names the zone "privatelink.blob.core.windows.net", but these endpoints register in "privatelink.batch.azure.com" in this region's cloud; give the id of that zone`]],
    ['both an address space and a network', (c) => { c.regions[0] = { location: 'eastus2', addressSpace: '10.70.0.0/16', network: { virtualNetworkId: SHORT_VNET, poolSubnetPrefix: '10.70.0.0/20' } }; },
      [`$.regions[0].network {"virtualNetworkId":"${SHORT_VNET}","poolSubnetPrefix":"10.70.0.0/20"} adopts a network that exists, but addressSpace asks for a new VNet; give one of them`]],
  ];

  test.each(catalogue)('%s', (title, edit, expected) => {
    const run = runOn(title.replace(/\W+/g, '-'), fixtureWith(edit));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual(expected);
    expect(run.files).toEqual([]);
  });

  test('a region with neither an address space nor a network: one line at its addressSpace', () => {
    const run = runOn('neither', fixtureWith((c) => { delete c.regions[1].network; }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/^\$\.regions\[1\]\.addressSpace \(missing\) is required for a new network; give the VNet's range, e.g. "10\.10\.0\.0\/16", /)]);
    expect(run.files).toEqual([]);
  });

  test('a region with neither: the fix names the config\'s "network" field', () => {
    const { lines } = runOn('neither-fix', fixtureWith((c) => { delete c.regions[1].network; }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/landingZone|imported network/);
  });

  test('a service tag that is not a tag name: exit 1, every line under $.allowOutbound[1].serviceTag with the value as written', () => {
    const run = runOn('bad-tag', fixtureWith((c) => { c.allowOutbound[1].serviceTag = 'not a tag!'; }));
    expect(run.status).toBe(1);
    expect(run.lines.length).toBeGreaterThan(0);
    for (const line of run.lines) expect(line.startsWith('$.allowOutbound[1].serviceTag "not a tag!" ')).toBe(true);
    expect(run.files).toEqual([]);
  });

  test('a service tag that is not a tag name prints one line, about the name as written', () => {
    const { lines } = runOn('bad-tag-once', fixtureWith((c) => { c.allowOutbound[1].serviceTag = 'not a tag!'; }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/ServiceTag\.of|\.EastUS2|\.CentralUS/);
  });

  test('a regional tag written with a region suffix is told to drop it or set regional to false', () => {
    const { lines } = runOn('suffixed-tag', fixtureWith((c) => { c.allowOutbound[0].serviceTag = 'AzureContainerRegistry.EastUS2'; }));
    expect(lines).toEqual([expect.stringMatching(/^\$\.allowOutbound\[0\]\.serviceTag "AzureContainerRegistry\.EastUS2" .*regional/)]);
  });

  test('both a service tag and an address: one line under $.allowOutbound[1].address', () => {
    const run = runOn('tag-and-address', fixtureWith((c) => { c.allowOutbound[1].address = '10.1.2.3'; }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/^\$\.allowOutbound\[1\]\.address .+ give exactly one of serviceTag and address$/)]);
    expect(run.files).toEqual([]);
  });

  test('both a service tag and an address: the value shown is the address', () => {
    const { lines } = runOn('tag-and-address-value', fixtureWith((c) => { c.allowOutbound[1].address = '10.1.2.3'; }));
    expect(lines).toEqual(['$.allowOutbound[1].address "10.1.2.3" give exactly one of serviceTag and address']);
  });

  test('a bad egress does not hide the problems of the regions it applies to', () => {
    const { lines } = runOn('egress-and-subnet', fixtureWith((c) => { c.egress.publicIpCount = 17; c.regions[1].network.subnetId = 'snet-batch'; }));
    expect([...lines].sort()).toEqual([
      '$.egress.publicIpCount 17 is out of range; a NAT gateway takes 1 to 16 public IPs',
      '$.regions[1].network.subnetId "snet-batch" is not a subnet resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
    ]);
  });
});
