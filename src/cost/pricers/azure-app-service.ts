import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import {
  amount,
  attributesOf,
  component,
  flag,
  HOURS_PER_MONTH,
  records,
  referenced,
  requiredText,
  scaled,
  text,
  Unpriced,
  usageComponent,
  type PriceContext,
  type PricedResource,
  type Pricer,
  type PricerResult,
} from '../pricing.js';
import { usageOf } from '../usage.js';
import { azureRegion } from './azure.js';
import { unitPriceAmong } from './shared-rows.js';

/**
 * How a plan bills, by its SKU: Free costs nothing; Consumption (Y1) bills its function apps per
 * execution; Elastic Premium (EP1–EP3) and Workflow Standard (WS1–WS3, Logic Apps) bill the
 * plan's instances by vCPU and memory; every other SKU bills the plan's instances by the hour.
 */
type PlanBilling = 'free' | 'consumption' | 'elastic-premium' | 'workflow-standard' | 'dedicated';

function planBilling(sku: string): PlanBilling {
  const name = sku.toUpperCase();
  if (name === 'F1' || name === 'FREE') return 'free';
  if (name === 'Y1' || name === 'DYNAMIC') return 'consumption';
  if (/^EP\d$/.test(name)) return 'elastic-premium';
  if (/^WS\d$/.test(name)) return 'workflow-standard';
  return 'dedicated';
}

/** A plan as the two plan resources describe it. */
interface Plan {
  sku: string;
  linux: boolean;
  instances: number;
  /** Elastic plans scale out to this many instances under load. */
  maxInstances: number | undefined;
  region: string;
}

/** `azurerm_service_plan`: `sku_name`, `os_type` (Windows, Linux, WindowsContainer), `worker_count`. */
function servicePlan(resource: Resource, context: PriceContext): Plan {
  const attributes = attributesOf(resource);
  const workers = amount(attributes.worker_count, 'worker_count');
  // A zone-balanced plan starts at Azure's zone-redundant minimum, which is not one instance.
  if (workers === undefined && flag(attributes.zone_balancing_enabled, 'zone_balancing_enabled') === true) {
    throw new Unpriced('zone balancing is on and worker_count is not set: Azure sets the instance count to its zone-redundant minimum');
  }
  return {
    sku: requiredText(attributes.sku_name, 'sku_name'),
    linux: requiredText(attributes.os_type, 'os_type').toLowerCase() === 'linux',
    instances: workers ?? 1,
    maxInstances: amount(attributes.maximum_elastic_worker_count, 'maximum_elastic_worker_count'),
    region: azureRegion(resource, context),
  };
}

/** `azurerm_app_service_plan` (the older resource): `sku { tier, size, capacity }`; Linux when `kind = "Linux"` or `reserved = true`. */
function legacyServicePlan(resource: Resource, context: PriceContext): Plan {
  const attributes = attributesOf(resource);
  const sku = records(attributes.sku)[0] ?? {};
  const kind = text(attributes.kind, 'kind')?.toLowerCase();
  return {
    sku: requiredText(sku.size, 'sku size'),
    linux: kind === 'linux' || flag(attributes.reserved, 'reserved') === true,
    instances: amount(sku.capacity, 'sku capacity') ?? 1,
    maxInstances: amount(attributes.maximum_elastic_worker_count, 'maximum_elastic_worker_count'),
    region: azureRegion(resource, context),
  };
}

/** vCPUs and GB of memory of one instance of an Elastic Premium or Workflow Standard size, as Azure lists them. */
const ELASTIC_SHAPES: ReadonlyMap<string, { vcpu: number; memoryGb: number }> = new Map([
  ['1', { vcpu: 1, memoryGb: 3.5 }],
  ['2', { vcpu: 2, memoryGb: 7 }],
  ['3', { vcpu: 4, memoryGb: 14 }],
]);

/** The data records Elastic Premium rates under the function app types and Workflow Standard rates under `azurerm_logic_app_standard`. */
function elasticRows(billing: 'elastic-premium' | 'workflow-standard', linux: boolean): { types: string[]; vcpu: string; memory: string } {
  if (billing === 'workflow-standard') return { types: ['azurerm_logic_app_standard'], vcpu: 'Workflow vCore', memory: 'Workflow memory' };
  const types = linux ? ['azurerm_linux_function_app'] : ['azurerm_windows_function_app', 'azurerm_function_app'];
  return { types, vcpu: 'vCPU', memory: 'Memory' };
}

/** An elastic plan: instances × (vCPUs + memory) a month, up to its maximum elastic instances as the range. */
function elasticPlan(plan: Plan, billing: 'elastic-premium' | 'workflow-standard', context: PriceContext): PricedResource {
  const size = plan.sku.toUpperCase();
  const shape = ELASTIC_SHAPES.get(size.slice(2));
  if (!shape) throw new Unpriced(`${plan.sku} is not an Elastic Premium or Workflow Standard size Azure lists`);
  const rows = elasticRows(billing, plan.linux);
  const vcpuName = `${rows.vcpu} (${size})`;
  const memoryName = `${rows.memory} (${size})`;
  const vcpu = unitPriceAmong(context, 'azure', rows.types, plan.region, vcpuName, `${size} vCPU`);
  const memory = unitPriceAmong(context, 'azure', rows.types, plan.region, memoryName, `${size} memory`);
  const perInstance = [component(vcpuName, 'vCPU', shape.vcpu, vcpu), component(memoryName, 'GB', shape.memoryGb, memory)];
  const high = Math.max(plan.instances, plan.maxInstances ?? plan.instances);
  return scaled(perInstance, plan.instances, plan.instances, high);
}

/**
 * The hourly rate of one Windows instance of a dedicated size. The data's `azurerm_service_plan`
 * rows are the Windows rates (B1 at $0.075 an hour, where Linux B1 is about a quarter of that);
 * Premium Container sizes (PC2–PC4) run Windows containers only and appear under
 * `azurerm_app_service_plan`.
 */
function windowsInstanceRate(size: string, region: string, context: PriceContext): number {
  const resourceType = /^PC\d$/i.test(size) ? 'azurerm_app_service_plan' : 'azurerm_service_plan';
  return context.unitPrice('azure', resourceType, region, `Instance usage (${size})`).usd;
}

/** A dedicated plan: instances × the size's hourly rate. */
function dedicatedPlan(plan: Plan, context: PriceContext): PricedResource {
  if (plan.linux) throw new Unpriced(`the price data has no Linux App Service rate for ${plan.sku} (its plan rows name no OS and carry the Windows rates)`);
  const hourly = windowsInstanceRate(plan.sku, plan.region, context);
  return { components: [component(`Instance usage (${plan.sku})`, 'hours', HOURS_PER_MONTH * plan.instances, hourly)] };
}

function pricePlan(plan: Plan, context: PriceContext): PricerResult {
  const billing = planBilling(plan.sku);
  switch (billing) {
    case 'free':
    case 'consumption':
      return 'free';
    case 'elastic-premium':
    case 'workflow-standard':
      return elasticPlan(plan, billing, context);
    case 'dedicated':
      return dedicatedPlan(plan, context);
  }
}

/** `azurerm_service_plan`: dedicated sizes by the hour × `worker_count`; Elastic Premium and Workflow Standard by vCPU and memory; Consumption and Free: nothing (function apps bill executions). */
export const servicePlanPricer: Pricer = {
  types: ['azurerm_service_plan'],
  price(resource, context) {
    return pricePlan(servicePlan(resource, context), context);
  },
};

/** `azurerm_app_service_plan`: as `azurerm_service_plan`, from `sku { size, capacity }` and `kind`. */
export const legacyServicePlanPricer: Pricer = {
  types: ['azurerm_app_service_plan'],
  price(resource, context) {
    return pricePlan(legacyServicePlan(resource, context), context);
  },
};

const PLAN_TYPES = ['azurerm_service_plan', 'azurerm_app_service_plan'];

/** The plan a function app runs on, when it is part of the change. */
function functionAppPlan(resource: Resource, context: PriceContext): Plan | undefined {
  const attributes = attributesOf(resource);
  const plan = referenced(attributes.service_plan_id ?? attributes.app_service_plan_id, resource, context, PLAN_TYPES);
  if (!plan) return undefined;
  return plan.type === 'azurerm_service_plan' ? servicePlan(plan, context) : legacyServicePlan(plan, context);
}

/** Executions and execution time on a Consumption plan: usage-based; executions from `monthly_requests`. */
function consumptionComponents(resource: Resource, region: string, context: PriceContext): CostComponent[] {
  const types = [resource.type, 'azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_function_app'];
  const executions = unitPriceAmong(context, 'azure', types, region, 'Executions', 'function executions');
  const executionTime = unitPriceAmong(context, 'azure', types, region, 'Execution time', 'function execution time');
  const requests = usageOf(context.usage, resource.address, 'monthly_requests');
  return [
    usageComponent('Executions', '1M requests', executions, requests === undefined ? undefined : requests / 1_000_000),
    // GB-seconds need the memory each execution uses, which no usage key records.
    usageComponent('Execution time', 'GB-seconds', executionTime, undefined),
  ];
}

/**
 * `azurerm_linux_function_app`, `azurerm_windows_function_app`, `azurerm_function_app`: on a
 * Consumption plan, executions and execution time (usage); on any other plan the plan bills, so
 * the app itself costs nothing. Without its plan in the change, which it is is unknown.
 */
export const functionAppPricer: Pricer = {
  types: ['azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_function_app'],
  price(resource, context) {
    const plan = functionAppPlan(resource, context);
    if (!plan) throw new Unpriced('its plan is not in this change, so whether it runs on a Consumption, Premium or dedicated plan is unknown');
    if (planBilling(plan.sku) !== 'consumption') return 'free';
    return { components: consumptionComponents(resource, azureRegion(resource, context), context) };
  },
};

/** An ASE v2 adds one front end per this many workers, of this size, within its stamp fee. */
const DEFAULT_FRONT_END_SCALE_FACTOR = 15;
const DEFAULT_FRONT_END_SIZE = 'I2';

/**
 * `azurerm_app_service_environment` (v2): the stamp fee, which covers the environment's front
 * ends and infrastructure. Its workers are the instances of the Isolated plans that run in it,
 * priced with those plans, so they are not counted here again. It has no location of its own:
 * it takes its resource group's.
 */
export const appServiceEnvironmentPricer: Pricer = {
  types: ['azurerm_app_service_environment'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const scaleFactor = amount(attributes.front_end_scale_factor, 'front_end_scale_factor') ?? DEFAULT_FRONT_END_SCALE_FACTOR;
    const frontEndSize = text(attributes.pricing_tier, 'pricing_tier') ?? DEFAULT_FRONT_END_SIZE;
    if (scaleFactor < DEFAULT_FRONT_END_SCALE_FACTOR || frontEndSize.toUpperCase() === 'I3') {
      context.addNote('front-end cores beyond the default (one I2 front end per 15 workers) are billed extra and are not priced');
    }
    const group = referenced(attributes.resource_group_name, resource, context, ['azurerm_resource_group']);
    const region = azureRegion(resource, context, group);
    const hourly = context.unitPrice('azure', 'azurerm_app_service_environment', region, 'Stamp fee').usd;
    return { components: [component('Stamp fee', 'hours', HOURS_PER_MONTH, hourly)] };
  },
};

/**
 * `azurerm_logic_app_standard`: its Workflow Standard plan bills the compute; the app's own
 * charges are connector calls, usage-based (no usage key records them, so unit prices only).
 */
export const logicAppStandardPricer: Pricer = {
  types: ['azurerm_logic_app_standard'],
  price(resource, context) {
    const region = azureRegion(resource, context);
    const standard = context.unitPrice('azure', 'azurerm_logic_app_standard', region, 'Standard connectors').usd;
    const enterprise = context.unitPrice('azure', 'azurerm_logic_app_standard', region, 'Enterprise connectors').usd;
    return { components: [usageComponent('Standard connectors', 'calls', standard, undefined), usageComponent('Enterprise connectors', 'calls', enterprise, undefined)] };
  },
};

/** Web apps and deployment slots run on an App Service plan, which bills; they cost nothing themselves, nor does an uploaded certificate. */
export const webAppPricer: Pricer = {
  types: [
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
    'azurerm_app_service',
    'azurerm_linux_web_app_slot',
    'azurerm_windows_web_app_slot',
    'azurerm_app_service_slot',
    'azurerm_linux_function_app_slot',
    'azurerm_windows_function_app_slot',
    'azurerm_function_app_slot',
    'azurerm_app_service_certificate',
  ],
  price: () => 'free',
};

const BINDING_TYPES = ['azurerm_app_service_certificate_binding', 'azurerm_app_service_custom_hostname_binding'];

/**
 * `azurerm_app_service_certificate_binding`, `azurerm_app_service_custom_hostname_binding`: an
 * IP-based SSL binding bills a monthly fee; SNI bindings and plain host names are free. A binding
 * has no location: it takes its certificate's, else its resource group's.
 */
export const sslBindingPricer: Pricer = {
  types: BINDING_TYPES,
  price(resource, context) {
    const attributes = attributesOf(resource);
    if (text(attributes.ssl_state, 'ssl_state')?.toLowerCase() !== 'ipbasedenabled') return 'free';
    const parent =
      referenced(attributes.certificate_id, resource, context, ['azurerm_app_service_certificate']) ??
      referenced(attributes.resource_group_name, resource, context, ['azurerm_resource_group']);
    const monthly = unitPriceAmong(context, 'azure', BINDING_TYPES, azureRegion(resource, context, parent), 'IP SSL certificate', 'IP SSL bindings');
    return { components: [component('IP SSL certificate', 'months', 1, monthly)] };
  },
};

/** App Service certificates are sold per year, in Azure's `global` location. */
const CERTIFICATE_REGION = 'global';

/** `azurerm_app_service_certificate_order`: the yearly price of a standard or wildcard certificate, a twelfth a month. */
export const certificateOrderPricer: Pricer = {
  types: ['azurerm_app_service_certificate_order'],
  price(resource, context) {
    const product = (text(attributesOf(resource).product_type, 'product_type') ?? 'Standard').toLowerCase();
    if (product !== 'standard' && product !== 'wildcard') throw new Unpriced(`product_type "${product}" is not a certificate the data prices (Standard, WildCard)`);
    const name = `SSL certificate (${product})`;
    const yearly = context.unitPrice('azure', 'azurerm_app_service_certificate_order', CERTIFICATE_REGION, name).usd;
    return { components: [component(name, 'years', 1 / 12, yearly)] };
  },
};

/** `azurerm_static_web_app`, `azurerm_static_site`: the Standard plan's monthly fee plus bandwidth over the included 100 GB (usage); the Free plan costs nothing. */
export const staticWebAppPricer: Pricer = {
  types: ['azurerm_static_web_app', 'azurerm_static_site'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const tier = (text(attributes.sku_tier, 'sku_tier') ?? text(attributes.sku_size, 'sku_size') ?? 'Free').toLowerCase();
    if (tier === 'free') return 'free';
    if (tier !== 'standard') throw new Unpriced(`the ${tier} plan has no price in the data (Free and Standard only)`);
    const region = azureRegion(resource, context);
    const types = ['azurerm_static_web_app', 'azurerm_static_site'];
    const monthly = unitPriceAmong(context, 'azure', types, region, 'Static Web App (Standard)', 'Static Web Apps Standard');
    const bandwidth = unitPriceAmong(context, 'azure', types, region, 'Bandwidth (over 100GB)', 'Static Web Apps bandwidth');
    return { components: [component('Static Web App (Standard)', 'months', 1, monthly), usageComponent('Bandwidth (over 100GB)', 'GB', bandwidth, undefined)] };
  },
};
