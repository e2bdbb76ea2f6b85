import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchNetwork } from '../../lib/network/batch-network';
import { NetworkRule } from '../../lib/network/network-rule';
import { Peer } from '../../lib/network/peer';
import { Port } from '../../lib/network/port';
import { errorOf, newStack } from '../helpers';
test('probe', () => {
  const n = new BatchNetwork(newStack(), 'Network', { region: AzureRegion.of('eastus'), resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', firstPriority: 500 });
  console.log(errorOf(() => n.addRule(NetworkRule.denyOutbound(Peer.anyAddress(), Port.tcp(443), { priority: 150 }))));
});
