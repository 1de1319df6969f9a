import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { amount, attributesOf, component, HOURS_PER_MONTH, records, referenced, requiredText, scaled, text, Unpriced, type PriceContext, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';

/**
 * Machine Learning compute runs in its workspace's region (a compute instance's own `location`
 * is optional and deprecated), so the workspace of the change is the fallback for the region.
 */
function computeRegion(resource: Resource, context: PriceContext): string {
  const workspace = referenced(attributesOf(resource).machine_learning_workspace_id, resource, context, ['azurerm_machine_learning_workspace']);
  return azureRegion(resource, context, workspace);
}

/**
 * One node's hours: Azure Machine Learning bills its compute at the VM's Linux pay-as-you-go
 * rate, from the VM table, else from the data's compute cluster rows (retired sizes such as
 * NC6, whose region matches the VM table's where both have a size).
 */
function nodeHours(size: string, region: string, context: PriceContext): CostComponent {
  const name = `Instance usage (Linux, pay as you go, ${size})`;
  const hourly = context.regional(
    region,
    `Azure VM size ${size}`,
    (where) => context.catalog.azureVmHourly(where, size) ?? context.catalog.component('azure', 'azurerm_machine_learning_compute_cluster', where, name)?.usd,
  );
  return { ...component(name, 'hours', HOURS_PER_MONTH, hourly), priceKey: `azurerm_virtual_machine/${size}` };
}

/** `azurerm_machine_learning_compute_cluster`: nodes × VM hours; `min_node_count` nodes always run, up to `max_node_count` as the range. */
export const machineLearningClusterPricer: Pricer = {
  types: ['azurerm_machine_learning_compute_cluster'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    if (text(attributes.vm_priority, 'vm_priority')?.toLowerCase() === 'lowpriority') throw new Unpriced('low-priority VMs have no price in the data (pay-as-you-go only)');
    const perNode = [nodeHours(requiredText(attributes.vm_size, 'vm_size'), computeRegion(resource, context), context)];
    const settings = records(attributes.scale_settings)[0] ?? {};
    const min = amount(settings.min_node_count, 'min_node_count');
    const max = amount(settings.max_node_count, 'max_node_count');
    if (min === undefined || max === undefined) throw new Unpriced('scale_settings min_node_count or max_node_count is not set');
    if (max < min) throw new Unpriced(`max_node_count ${max} is below min_node_count ${min}`);
    return scaled(perNode, min, min, max);
  },
};

/** `azurerm_machine_learning_compute_instance`: one VM's hours, as if it runs all month (a schedule or idle shutdown lowers it). */
export const machineLearningInstancePricer: Pricer = {
  types: ['azurerm_machine_learning_compute_instance'],
  price(resource, context) {
    const size = requiredText(attributesOf(resource).virtual_machine_size, 'virtual_machine_size');
    return { components: [nodeHours(size, computeRegion(resource, context), context)] };
  },
};
