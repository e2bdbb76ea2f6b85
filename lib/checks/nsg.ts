import { list, ResourceView, StackView } from './stack-view';

/** The rules of an NSG: separate rule resources and inline `security_rule` blocks. */
export function nsgRules(stack: StackView, nsg: ResourceView): Array<Record<string, any>> {
  const separate = stack.ofType('azurerm_network_security_rule')
    .filter((rule) => stack.target(rule.attributes.network_security_group_name, 'azurerm_network_security_group', { resourceGroupName: rule.attributes.resource_group_name }) === nsg)
    .map((rule) => rule.attributes);
  return [...separate, ...list(nsg.attributes.security_rule)];
}

/** Address prefixes that stand for every address. */
export const ANYWHERE = ['*', 'Internet', '0.0.0.0/0', 'Any'];

/** Allow rules of `direction` whose peer is anywhere: separate rules and inline blocks. */
export function openRules(stack: StackView, direction: string): Array<{ resource: ResourceView; name: string }> {
  const peer = direction === 'Inbound' ? 'source' : 'destination';
  const open = (rule: Record<string, any>) => rule.direction === direction && rule.access === 'Allow' &&
    [rule[`${peer}_address_prefix`], ...list(rule[`${peer}_address_prefixes`])].some((prefix) => ANYWHERE.includes(prefix));
  return [
    ...stack.ofType('azurerm_network_security_rule').filter((rule) => open(rule.attributes)).map((resource) => ({ resource, name: resource.attributes.name })),
    ...stack.ofType('azurerm_network_security_group').flatMap((nsg) => list(nsg.attributes.security_rule).filter(open).map((rule: any) => ({ resource: nsg, name: rule.name }))),
  ];
}
