import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '../../stacks/main';
import { filesUnder, validConfig } from '../helpers';

/**
 * The catalogue of bad deployment configs. Each runs through the app as a user would
 * (`BATCH_DEPLOYMENT_CONFIG=<file> npm run synth`): it must exit 1, print exactly the expected lines
 * (JSON path, value, fix; no stack trace) and write no Terraform.
 */

type Edit = (config: any) => void;
const catalogue: Array<[string, Edit | string, string[]]> = [
  ['broken JSON', '{ "name": "contoso", ', [/* checked by pattern below */]],
  ['a top-level list', '[1, 2]', ['$ [1,2] is not an object; give a JSON object with "name", "regions" and "pools"']],
  ['a name with capitals', (c) => { c.name = 'Contoso'; },
    ['$.name "Contoso" is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso"']],
  ['a name too long', (c) => { c.name = 'contosobatch1'; },
    ['$.name "contosobatch1" is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso"']],
  ['a missing name', (c) => { delete c.name; }, ['$.name (missing) is not a string; give 3-11 lowercase letters or digits, e.g. "contoso"']],
  ['an unknown top-level key', (c) => { c.region = []; }, ['$ "region" is not a known key; remove it or correct its spelling']],
  ['an unknown rule set', (c) => { c.nodeCommunication = 'hybrid'; }, ['$.nodeCommunication "hybrid" is not a rule set; use "classic", "simplified" or "union"']],
  ['no regions', (c) => { c.regions = []; }, ['$.regions [] is empty; give at least one region']],
  ['an unknown region', (c) => { c.regions[1].location = 'westuss'; },
    ['$.regions[1].location "westuss" is not an Azure region; did you mean "westus", "westus2" or "westus3"?']],
  ['a region without simplified mode', (c) => { c.regions[1].location = 'westindia'; },
    [
    '$.regions[1].location "westindia" does not support simplified compute node communication, the only mode Batch pools have since classic mode retired on 2026-03-31; choose another region, e.g. its pair or a neighbour']],
  ['a malformed address space', (c) => { c.regions[0].addressSpace = '10.10.0.0/33'; },
    ['$.regions[0].addressSpace "10.10.0.0/33" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"']],
  ['an address space with host bits', (c) => { c.regions[0].addressSpace = '10.10.1.0/16'; },
    ['$.regions[0].addressSpace "10.10.1.0/16" has host bits set; Azure accepts only the network address: use "10.10.0.0/16"']],
  ['a landing zone DNS server that is a block', (c) => {
    delete c.regions[1].addressSpace;
    c.regions[1].network = { subnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-batch', dnsServers: ['10.0.0.10', '10.0.0.0/24'] };
  }, ['$.regions[1].network.dnsServers[1] "10.0.0.0/24" is not an IPv4 address; give one address, e.g. "10.0.1.4"']],
  // The provider's id validators compare fixed segments exactly (go-azure-helpers resourceids/parse.go at azurerm v4.55.0).
  ['a landing zone subnet id in lower case', (c) => {
    delete c.regions[1].addressSpace;
    c.regions[1].network = { subnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-batch' };
  }, ['$.regions[1].network.subnetId "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-batch" writes "resourcegroups" where the provider expects "resourceGroups", which it refuses (some Azure commands return ids in lower case); write the id as /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>']],
  ['an unknown role', (c) => { c.regions[1].role = 'backup'; }, ['$.regions[1].role "backup" is not a role; use "primary" or "standby"']],
  ['a misspelt region key', (c) => { c.regions[0].adressSpace = '10.0.0.0/16'; }, ['$.regions[0] "adressSpace" is not a known key; remove it or correct its spelling']],
  ['a repeated region', (c) => { c.regions[1].location = 'EastUS'; },
    ['$.regions[1].location "EastUS" repeats regions[0]; each region gets one stack, so list it once']],
  ['overlapping address spaces', (c) => { c.regions[1].addressSpace = '10.10.128.0/17'; },
    [
    '$.regions[1].addressSpace "10.10.128.0/17" overlaps regions[0].addressSpace 10.10.0.0/16; give each region its own range so the VNets can be peered']],
  ['no primary', (c) => { c.regions[0].role = 'standby'; },
    ['$.regions ["eastus","westus"] has no primary region; set "role": "primary" on the region that takes the workload']],
  ['two primaries', (c) => { c.regions[1].role = 'primary'; },
    ['$.regions[1].role "primary" repeats the primary role of regions[0]; make one region primary and the others "standby", or set "mode": "split" to have several take work']],
  ['a LUN out of range', (c) => { c.pools[0].dataDisks[0].lun = 64; }, ['$.pools[0].dataDisks[0].lun 64 is out of range; use a whole number from 0 to 63']],
  ['a disk too large', (c) => { c.pools[0].dataDisks[0].sizeGb = 40000; }, ['$.pools[0].dataDisks[0].sizeGb 40000 is out of range; use a whole number of GiB from 1 to 32767']],
  ['a relative mount path', (c) => { c.pools[0].dataDisks[0].mountPath = 'data'; },
    [
    '$.pools[0].dataDisks[0].mountPath "data" is not an absolute path of letters, digits, ".", "_" and "-" of at most 4095 characters; use one such as "/data/work"']],
  ['an unknown file system', (c) => { c.pools[0].dataDisks[0].fileSystem = 'btrfs'; }, ['$.pools[0].dataDisks[0].fileSystem "btrfs" is not a file system; use "ext4" or "xfs"']],
  ['duplicate LUNs', (c) => { c.pools[0].dataDisks.push({ lun: 0, sizeGb: 8, mountPath: '/data/other' }); },
    ['$.pools[0].dataDisks[1].lun 0 repeats dataDisks[0].lun; give each disk its own LUN']],
  ['a pool name with spaces', (c) => { c.pools[0].name = 'my pool'; },
    ['$.pools[0].name "my pool" is not a pool name; use 1-57 letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)']],
  ['a repeated pool name', (c) => { c.pools.push({ name: 'WORK', vmSize: 'Standard_D2s_v5' }); },
    ['$.pools[1].name "WORK" repeats a pool name (ids compare case-insensitively); give each pool its own name']],
  ['a fractional node count', (c) => { c.pools[0].dedicatedNodes = 1.5; },
    ['$.pools[0].dedicatedNodes 1.5 is not a whole number; give the dedicated node count']],
  ['too many Spot nodes', (c) => { c.pools[0].spotNodes = 1001; }, ['$.pools[0].spotNodes 1001 is out of range; use a whole number from 0 to 1000']],
  ['an unknown image', (c) => { c.pools[0].image = 'ubuntu-20.04'; },
    ['$.pools[0].image "ubuntu-20.04" is not a catalog image; use "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-hpc", "el-9" or "windows-server-2022"']],
  ['autoscale with a fixed size', (c) => { c.pools[0].autoscale = { maxNodes: 10 }; },
    [
    '$.pools[0].autoscale {"maxNodes":10,"spot":false,"evaluationIntervalMinutes":15} cannot be combined with dedicatedNodes, spotNodes or standbyNodes; give either a fixed size or autoscale']],
  ['too many task slots', (c) => { c.pools[0].taskSlotsPerNode = 300; }, ['$.pools[0].taskSlotsPerNode 300 is out of range; use a whole number from 1 to 16 (4 per vCPU of Standard_D4s_v5, at most 256)']],
  ['a private range for the account', (c) => { c.account = { allowedIpRanges: ['192.168.1.0/24'] }; },
    ['$.account.allowedIpRanges[0] "192.168.1.0/24" is a private range, which never reaches a public endpoint; use the private endpoint instead']],
  ['an unknown storage access', (c) => { c.storage = { networkAccess: 'open' }; },
    ['$.storage.networkAccess "open" is not a storage network access; use "private", "firewall" or "public"']],
  ['a bad workspace id', (c) => { c.diagnostics = { logAnalyticsWorkspaceId: 'log-central' }; },
    [
    '$.diagnostics.logAnalyticsWorkspaceId "log-central" is not a Log Analytics workspace resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<workspace>']],
  ['an unknown backend', (c) => { c.backend = { type: 's3' }; }, ['$.backend.type {"type":"s3"} is not a backend; use { "type": "local" } or { "type": "azurerm", ... }']],
  ['one state account for regions of two clouds', (c) => {
    c.regions[1].location = 'usgovvirginia';
    c.backend = { type: 'azurerm', resourceGroupName: 'rg-state', storageAccountName: 'ststate', containerName: 'tfstate' };
  }, ['$.backend.storageAccountName "ststate" is one state storage account, in one cloud, but the regions are in 2 clouds (AzureCloud: eastus; AzureUSGovernment: usgovvirginia), and each region\'s stack looks for it in its own cloud; deploy the regions of each cloud from a config of their own, or use { "type": "local" }']],
  ['one subscription for regions of two clouds', (c) => {
    c.regions[1].location = 'chinanorth3';
    c.subscriptionId = '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b';
  }, ['$.subscriptionId "3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b" is one subscription, which is in one cloud, but the regions are in 2 clouds (AzureCloud: eastus; AzureChinaCloud: chinanorth3); leave it out (each deploy then takes its cloud\'s subscription), or deploy the regions of each cloud from a config of their own']],
  ['one workspace and one registry for regions of two clouds, written as display names', (c) => {
    c.regions[0].location = 'East US';
    c.regions[1].location = 'US Gov Virginia';
    c.diagnostics = { logAnalyticsWorkspaceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central' };
    c.containerRegistries = [{ id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/contosoacr' }];
  }, [
    '$.diagnostics.logAnalyticsWorkspaceId "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central" is one workspace, in one cloud, but the regions are in 2 clouds (AzureCloud: East US; AzureUSGovernment: US Gov Virginia); leave it out (each region then gets a workspace of its own), or deploy the regions of each cloud from a config of their own',
    '$.containerRegistries[0].id "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/contosoacr" is one registry, in one cloud, and every region reaches it through a private endpoint, but the regions are in 2 clouds (AzureCloud: East US; AzureUSGovernment: US Gov Virginia); deploy the regions of each cloud from a config of their own',
  ]],
  ['a bad state account', (c) => { c.backend = { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'St-State', containerName: 'tfstate' }; },
    ['$.backend.storageAccountName "St-State" is not a storage account name; use 3-24 lowercase letters and digits']],
  ['a repeated application', (c) => { c.applications = [{ name: 'blender' }, { name: 'Blender' }]; },
    ['$.applications[1].name "Blender" is added twice (application ids compare case-insensitively); add each application once']],
  ['a suppression without a reason', (c) => { c.suppressions = [{ rule: 'SEC-016', reason: 'needed' }]; },
    ['$.suppressions[0].reason "needed" is too short; say why SEC-016 does not apply, in 10 characters or more']],
  ['a bad unique suffix', (c) => { c.uniqueSuffix = 'Version-2'; }, ['$.uniqueSuffix "Version-2" is not a suffix; use 1-8 lowercase letters or digits']],
  ['a classic-only NSG in front of simplified pools', (c) => { c.nodeCommunication = 'classic'; },
    [
    '$.nodeCommunication "classic" carries the classic rule set only, and a simplified pool needs outbound 443 over any protocol to BatchNodeManagement.EastUS (seed: "Use simplified compute node communication"); use "simplified", or "union" while classic pools remain',
    '$.nodeCommunication "classic" carries the classic rule set only, and a simplified pool needs outbound 443 over any protocol to BatchNodeManagement.WestUS (seed: "Use simplified compute node communication"); use "simplified", or "union" while classic pools remain']],
  ['a data-disk type the provider refuses', (c) => { c.pools[0].dataDisks[0].storageType = 'StandardSSD_LRS'; },
    ['$.pools[0].dataDisks[0].storageType "StandardSSD_LRS" is not a disk type; use "Standard_LRS" or "Premium_LRS"']],
  ['Premium SSD on a size without premium storage', (c) => { c.pools[0].vmSize = 'Standard_D4_v5'; c.pools[0].dataDisks[0].storageType = 'Premium_LRS'; },
    [
    '$.pools[0].dataDisks[0].storageType "Premium_LRS" needs a VM size that supports premium storage, and Standard_D4_v5 does not (no "s" in its name); use "Standard_LRS" or a size such as "Standard_D4s_v5"']],
  ['more data disks than the VM size attaches', (c) => {
    c.pools[0].vmSize = 'Standard_D2s_v5';
    c.pools[0].dataDisks = [0, 1, 2, 3, 4].map((lun) => ({ lun, sizeGb: 8, mountPath: `/data/d${lun}` }));
  }, [
    '$.pools[0].dataDisks [{"lun":0,"sizeGb":8,"mountPath":"/data/d0"},{"lun":1,"sizeGb":8,"mountPath":"/data/d1"},{"lun":2,"sizeGb":8,"mountPath":"/data/d2"},{"lun":3,"sizeGb":8,"mountPath":"/data/d3"},{"lun":4,"sizeGb":8,... are 5 disks, and a Standard_D2s_v5 VM attaches at most 4 (its series page, learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/dsv5-series, gives the most data disks of each size); '
    + 'attach at most 4, or use a size that takes 5, such as "Standard_D4s_v5"']],
  ['more DNS servers than a VNet takes', (c) => {
    c.egress = { type: 'hub', nextHopIpAddress: '10.0.0.4', dnsServers: Array.from({ length: 21 }, (_, i) => `10.0.0.${i + 10}`) };
  }, ['$.egress.dnsServers ["10.0.0.10","10.0.0.11","10.0.0.12","10.0.0.13","10.0.0.14","10.0.0.15","10.0.0.16","10.0.0.17","10.0.0.18","10.0.0.19","10.0.0.20","10.0.0.21","10.0.0.22","10.0.0.23","10.0.0.24","10.0.0.25","10.... are more DNS servers than a virtual network takes (20, Azure\'s networking limits); give at most 20']],
  ['a VM size of a retired series', (c) => { c.pools[0].vmSize = 'Standard_NC6s_v3'; },
    ['$.pools[0] [BATCH-020] Standard_NC6s_v3 is of the NCv3-Series, which Azure retired on 2025-09-30: it provisions no VMs of it: Move the pool to a current series of the same kind, e.g. Dsv5 or Dsv6 for D, '
      + 'Esv5 or Esv6 for E, a v6 F size for Fsv2 (Learn\'s "Modernization guide" for the series names them); a new VM size replaces the pool (README, "Replacing a pool"). (at batch-eastus/Region/Pool-work/Resource, batch-westus/Region/Pool-work/Resource)']],
  ['zone-redundant storage in a region without zones', (c) => { c.storage = { replication: 'ZRS' }; },
    ['$.storage.replication "ZRS" is not available in westus, which has no availability zones; use LRS, or a region with zones']],
  ['start-task commands longer than Batch takes', (c) => { c.pools[0].startTaskCommands = ['echo ' + 'x'.repeat(30000)]; },
    [`$.pools[0].startTaskCommands ["echo ${'x'.repeat(190)}... make a start-task command line of 37508 characters, and Batch takes at most 32768; move long commands into a script your first command fetches, or into an application package`]],
  ['Spot nodes on a promo size', (c) => { c.pools[0].vmSize = 'Standard_D2_v2_Promo'; c.pools[0].spotNodes = 2; },
    ['$.pools[0].spotNodes 2 asks for Spot nodes, which Standard_D2_v2_Promo, a promo size, cannot be ("Azure Spot Virtual Machines", Limitations: promo versions of any size are not supported); use the size without _Promo, or dedicated nodes']],
  ['Spot nodes in Azure China', (c) => { c.regions = [{ location: 'chinanorth3', addressSpace: '10.10.0.0/16' }]; c.pools[0].spotNodes = 2; },
    [
    '$.pools[0].spotNodes 2 asks for Spot nodes, which a Batch-service account in chinanorth3 cannot get: they were low-priority VMs, never offered in Azure operated by 21Vianet, and Batch documents no Spot there; use dedicated nodes']],
  ['container images on an image without containers', (c) => { c.pools[0].containerImages = ['mcr.microsoft.com/azurelinux/base/core:3.0']; },
    [
    '$.pools[0].image "ubuntu-24.04" is not an image Batch lists as container-capable (DockerCompatible), which container pools need; use "ubuntu-24.04-hpc"']],
  ['inter-node communication past 100 nodes', (c) => { c.pools[0].interNodeCommunication = true; c.pools[0].dedicatedNodes = 120; },
    [
    '$.pools[0].dedicatedNodes 120 reaches 120 nodes, but a pool with interNodeCommunication holds at most 100 in a BatchService account; lower the node count or turn interNodeCommunication off']],
  ['EL 9 data disks on an NVMe size', (c) => { c.pools[0].image = 'el-9'; c.pools[0].vmSize = 'Standard_D4s_v6'; },
    [
    '$.pools[0].image "el-9" cannot find data disks by LUN on Standard_D4s_v6, an NVMe size: the image has no azure-vm-utils to link /dev/disk/azure/data/by-lun/<N>; use "ubuntu-24.04" or "ubuntu-22.04", or a v5 (SCSI) size']],
  ['a bad subscription id', (c) => { c.subscriptionId = 'contoso-prod'; }, ['$.subscriptionId "contoso-prod" is not a subscription id; give its GUID, e.g. "00000000-0000-0000-0000-000000000000"']],
  ['Terraform template syntax in an ARM id', (c) => { c.diagnostics = { logAnalyticsWorkspaceId: '/subscriptions/${path.root}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log' }; },
    [
    '$.diagnostics.logAnalyticsWorkspaceId "/subscriptions/${path.root}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log" is not a Log Analytics workspace resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<workspace>']],
  ['a size that boots Generation 1 images only, for a catalog image, which is Generation 2', (c) => { c.pools[0].vmSize = 'Standard_D4_v3'; },
    ['$.pools[0].vmSize "Standard_D4_v3" boots Generation 1 images only (its series page gives "VM Generation Support: Generation 1"), and image canonical:ubuntu-24_04-lts:server is a Generation 2 image; use a size of a later series (Standard_D4s_v5, say) or a Generation 1 image']],
  ['an Arm64 size for a catalog image, which is x64', (c) => { c.pools[0].vmSize = 'Standard_D4ps_v6'; },
    ['$.pools[0].vmSize "Standard_D4ps_v6" is an Arm64 size (the "p" in its name), and image canonical:ubuntu-24_04-lts:server is built for x64, which it cannot boot; use an x64 size (Standard_D4s_v6, say) or an image built for Arm64']],
  ["a mount path inside Batch's working tree", (c) => { c.pools[0].dataDisks[0].mountPath = '/mnt/batch/tasks'; },
    ['$.pools[0].dataDisks[0].mountPath "/mnt/batch/tasks" would hide Batch\'s working directory /mnt/batch, where the node agent keeps the files of every task, the start task\'s too; mount data disks at a path of their own, such as "/data/work"']],
  ["a mount path over Batch's working tree on a size without a temporary disk (the default Standard_D4s_v5)", (c) => { c.pools[0].dataDisks[0].mountPath = '/opt/batch'; },
    ['$.pools[0].dataDisks[0].mountPath "/opt/batch" would hide Batch\'s working directory /opt/batch/data, where the node agent keeps the files of every task, the start task\'s too; mount data disks at a path of their own, such as "/data/work"']],
  ['a mount path that normalizes to a system directory', (c) => { c.pools[0].dataDisks[0].mountPath = '/./etc'; },
    ['$.pools[0].dataDisks[0].mountPath "/./etc" would hide the system directory /etc; mount data disks at a path of their own, such as "/data/work"']],
  ['the whole Internet in the account allow-list', (c) => { c.account = { allowedIpRanges: ['0.0.0.0/0'] }; },
    [
    '$.account.allowedIpRanges[0] "0.0.0.0/0" is the unspecified (any-address) range, not a public network that could reach the endpoint; give the public addresses of your clients']],
  ['a very wide range in the account allow-list', (c) => { c.account = { allowedIpRanges: ['64.0.0.0/4'] }; },
    ['$.account.allowedIpRanges[0] "64.0.0.0/4" opens the endpoint to 268435456 addresses (a /4); give your clients\' own ranges, /8 or narrower']],
  ['loopback and link-local ranges in the account allow-list', (c) => { c.account = { allowedIpRanges: ['127.0.0.1', '169.254.0.0/16'] }; },
    [
    '$.account.allowedIpRanges[0] "127.0.0.1" is a loopback range, not a public network that could reach the endpoint; give the public addresses of your clients',
    '$.account.allowedIpRanges[1] "169.254.0.0/16" is a link-local range, not a public network that could reach the endpoint; give the public addresses of your clients']],
  // The provider's own rule (validate/batch_account_ip_range.go:14 at v4.55.0) refuses them at plan.
  ['a /32 and a /31 in the account allow-list', (c) => { c.account = { allowedIpRanges: ['203.0.113.7/32', '203.0.113.8/31'] }; },
    ['$.account.allowedIpRanges[0] "203.0.113.7/32" is a /31 or /32 range, which Batch account IP rules refuse; give the single address without a prefix',
      '$.account.allowedIpRanges[1] "203.0.113.8/31" is a /31 or /32 range, which Batch account IP rules refuse; give the single address without a prefix']],
  ['a config nested 5000 deep', `{"name":"contoso","regions":${'['.repeat(5000)}${']'.repeat(5000)}}`, ['$.regions[0] (nested too deeply to show) is not an object; give { "location": ..., "addressSpace": ..., "role": ... }']],
  ['a tag that would override the library\'s', (c) => { c.tags = { Role: 'batch' }; },
    ['$.tags.Role "batch" is a tag the library sets itself (deployment, region, role; names compare case-insensitively); rename yours']],
  ['more tags than Azure allows beside the library\'s', (c) => { c.tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, 'x'])); },
    ['$.tags 48 has that many tags; Azure allows 50 per resource and the library sets 3, so give at most 47']],
  ['a __proto__ tag', '{"name":"contoso","regions":[{"location":"eastus","addressSpace":"10.10.0.0/16"}],"tags":{"__proto__":"x"}}',
    ['$.tags.__proto__ "x" is not a tag name Azure or JavaScript can carry; rename it']],
  ['a newline in a tag name', (c) => { c.tags = { 'a\nfile.json: $.name "x" is fine': 'x' }; },
    [
    '$.tags["a\\nfile.json: $.name \\"x\\" is fine"] "a\\nfile.json: $.name \\"x\\" is fine" has a name Azure cannot carry on every resource; use up to 128 characters without < > % & \\ ? / or control characters']],
  ['a VM size that is not a size name', (c) => { c.pools[0].vmSize = 'D4s_v5'; },
    ['$.pools[0].vmSize "D4s_v5" is not a VM size name (Standard_<family><vCPUs><features>[_v<version>]); give one such as "Standard_D4s_v5"']],
  ['an empty list of container images', (c) => { c.pools[0].containerImages = []; },
    ['$.pools[0].containerImages [] is empty; list the images to pre-fetch, or leave containerImages out for a pool without containers']],
  ['a blank container image', (c) => { c.pools[0].image = 'ubuntu-24.04-hpc'; c.pools[0].containerImages = [' ']; },
    ['$.pools[0].containerImages[0] " " is empty; give an image name such as "mcr.microsoft.com/azurelinux/base/core:3.0"']],
  ['Spot with a formula that ignores it', (c) => { c.pools[0].dedicatedNodes = 0; c.pools[0].autoscale = { maxNodes: 4, formula: '$TargetDedicatedNodes = 1;', spot: true }; },
    [
    '$.pools[0].autoscale.spot true only applies to the pending-tasks formula, and a formula of yours ignores it; set $TargetLowPriorityNodes in the formula, or leave the formula out']],
  ['a blank or over-long state resource group', (c) => { c.backend = { type: 'azurerm', resourceGroupName: ' ', storageAccountName: 'ststate', containerName: 'tfstate' }; },
    [
    '$.backend.resourceGroupName " " is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period']],
  ['a subnet too small for the pools', (c) => { c.regions[0].addressSpace = '10.10.0.0/28'; },
    [
    '$.regions[0].addressSpace "10.10.0.0/28" leaves 3 addresses in the pool subnet 10.10.0.0/29 (8 minus the 5 Azure reserves), but the pools attached need 4 nodes (every node, plus the largest pool again for a replacement); use an addressSpace of /27 or shorter (the pool subnet is its first half)']],
  ['an address space of one smallest subnet, shared by the nodes and the private endpoints', (c) => { c.regions = [{ location: 'eastus', addressSpace: '10.10.0.0/29' }]; c.pools[0].dedicatedNodes = 1; },
    [
    '$.regions[0].addressSpace "10.10.0.0/29" leaves 3 addresses in the pool subnet 10.10.0.0/29 (8 minus the 5 Azure reserves), but the pools attached need 2 nodes and the 3 private endpoints that share it (every node, plus the largest pool again for a replacement); use an addressSpace of /28 or shorter (the pool subnet is its first half)']],
  ['problems of the region, its network, its account and its pools, in one run', (c) => {
    c.subscriptionId = 'nope'; c.regions[0].addressSpace = '10.10.0.0/33'; c.account = { allowedIpRanges: ['10.1.2.0/24'] };
    c.pools[0].vmSize = 'D4s'; c.pools[0].dataDisks[0].mountPath = '/etc'; c.applications = [{ name: 'a b' }];
  }, [
    '$.subscriptionId "nope" is not a subscription id; give its GUID, e.g. "00000000-0000-0000-0000-000000000000"',
    '$.regions[0].addressSpace "10.10.0.0/33" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"',
    '$.account.allowedIpRanges[0] "10.1.2.0/24" is a private range, which never reaches a public endpoint; use the private endpoint instead',
    '$.applications[0].name "a b" is not an application id; use 1-64 letters, digits, hyphens or underscores',
    '$.pools[0].vmSize "D4s" is not a VM size name (Standard_<family><vCPUs><features>[_v<version>]); give one such as "Standard_D4s_v5"',
    '$.pools[0].dataDisks[0].mountPath "/etc" would hide a system directory; mount data disks at a path of their own, such as "/data/work"']],
  ['a state backend with every field wrong', (c) => { c.backend = { type: 'azurerm', resourceGroupName: 'rg.', storageAccountName: 'St', containerName: 'A', subscriptionId: 'x' }; }, [
    '$.backend.resourceGroupName "rg." is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
    '$.backend.storageAccountName "St" is not a storage account name; use 3-24 lowercase letters and digits',
    '$.backend.containerName "A" is not a container name; use 3-63 lowercase letters, digits and single hyphens',
    '$.backend.subscriptionId "x" is not a subscription id; give its GUID']],
  ['standby nodes out of range with no standby region', (c) => { c.regions = [c.regions[0]]; c.pools[0].standbyNodes = -5; }, ['$.pools[0].standbyNodes -5 is out of range; use a whole number from 0 to 2000']],
  ['Spot autoscale in Azure China', (c) => {
    c.regions = [{ location: 'chinanorth3', addressSpace: '10.10.0.0/16' }]; c.pools[0].dedicatedNodes = 0; c.pools[0].autoscale = { maxNodes: 4, spot: true };
  }, [
    '$.pools[0].autoscale.spot true asks for Spot nodes (the formula\'s $TargetLowPriorityNodes is not 0), which a Batch-service account in chinanorth3 cannot get: they were low-priority VMs, never offered in Azure operated by 21Vianet, and Batch documents no Spot there; use dedicated nodes']],
  ['a Spot formula of yours in Azure China', (c) => {
    c.regions = [{ location: 'chinanorth3', addressSpace: '10.10.0.0/16' }]; c.pools[0].dedicatedNodes = 0; c.pools[0].autoscale = { maxNodes: 4, formula: '$TargetLowPriorityNodes = 3;' };
  }, [
    '$.pools[0].autoscale.formula "$TargetLowPriorityNodes = 3;" asks for Spot nodes (the formula\'s $TargetLowPriorityNodes is not 0), which a Batch-service account in chinanorth3 cannot get: they were low-priority VMs, never offered in Azure operated by 21Vianet, and Batch documents no Spot there; use dedicated nodes']],
  ['a shape error beside a construct error', (c) => { c.name = 5; c.pools[0].dataDisks[0].mountPath = '/etc'; }, [
    '$.name 5 is not a string; give 3-11 lowercase letters or digits, e.g. "contoso"',
    '$.pools[0].dataDisks[0].mountPath "/etc" would hide a system directory; mount data disks at a path of their own, such as "/data/work"']],
];

describe('bad deployment configs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-configs-'));

  test('the catalogue has at least 25 entries', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(25);
  });

  test.each(catalogue)('%s: exit 1, exact lines, no Terraform', (title, edit, expected) => {
    const file = join(dir, `${title.replace(/\W+/g, '-')}.json`);
    if (typeof edit === 'string') {
      writeFileSync(file, edit);
    } else {
      const config = validConfig();
      edit(config);
      writeFileSync(file, JSON.stringify(config));
    }
    const outdir = join(dir, `${title.replace(/\W+/g, '-')}.out`);
    const lines: string[] = [];
    expect(runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line), outdir)).toBe(1);
    if (title === 'broken JSON') {
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^${file}: is not valid JSON \\(.+\\); fix the syntax$`))]);
    } else {
      expect(lines).toEqual(expected.map((line) => (line.startsWith('nests') ? `${file}: ${line}` : `${file}: ${line.replace(/^contoso-eastus: /, '')}`)));
    }
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    expect(filesUnder(outdir)).toEqual([]);
  });
});
