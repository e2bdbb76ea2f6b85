// The benchmark deployment: N regions (public, simplified-capable, catalog order; the unrestricted ones
// first, then those that need access granted, so 71 is the whole public simplified catalog), each with
// its own /16, and P pools per region, each with one data disk.
'use strict';
const path = require('node:path');

const { AzureRegion, AzureCloud } = require(path.resolve(__dirname, '..'));

function benchConfig(regionCount, poolCount) {
  const simplified = AzureRegion.all().filter((region) => region.cloud === AzureCloud.PUBLIC && region.supportsSimplifiedNodeCommunication);
  const regions = [...simplified.filter((region) => !region.restricted), ...simplified.filter((region) => region.restricted)].slice(0, regionCount);
  if (regions.length < regionCount) throw new Error(`only ${regions.length} regions are available`);
  return {
    name: 'bench',
    nodeCommunication: 'simplified',
    regions: regions.map((region, i) => ({ location: region.name, addressSpace: `10.${i}.0.0/16`, role: i === 0 ? 'primary' : 'standby' })),
    pools: Array.from({ length: poolCount }, (_, i) => ({
      name: `pool${i}`, vmSize: 'Standard_D4s_v5', dedicatedNodes: 2,
      dataDisks: [{ lun: 0, sizeGb: 128, mountPath: `/data/pool${i}` }],
    })),
  };
}

module.exports = { benchConfig };
