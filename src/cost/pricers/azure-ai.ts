import { attributesOf, records, referenced, requiredText, Unpriced, usageComponent, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';

/** Pay-per-token deployment SKUs; provisioned throughput (PTU) SKUs bill reserved units by the hour. */
const PAY_AS_YOU_GO_SKUS = ['standard', 'globalstandard', 'datazonestandard'];

/**
 * `azurerm_cognitive_deployment` (Azure OpenAI): a Standard deployment bills only the tokens,
 * images, audio and fine-tuning it uses, so every price the data has for its model is a unit
 * price. The quantities are usage the usage file has no keys for. Provisioned throughput SKUs:
 * unpriced.
 */
export const cognitiveDeploymentPricer: Pricer = {
  types: ['azurerm_cognitive_deployment'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const sku = requiredText(records(attributes.sku)[0]?.name, 'sku name');
    if (!PAY_AS_YOU_GO_SKUS.includes(sku.toLowerCase())) throw new Unpriced(`the ${sku} SKU (provisioned throughput) has no price in the data`);
    const model = requiredText(records(attributes.model)[0]?.name, 'model name');
    const account = referenced(attributes.cognitive_account_id, resource, context, ['azurerm_cognitive_account']);
    const region = azureRegion(resource, context, account);
    const rows = context.regional(region, `Azure OpenAI model ${model}`, (where) => {
      const found = context.catalog.componentsIn('azure', 'azurerm_cognitive_deployment', where).filter((row) => row.name.endsWith(`(${model})`));
      return found.length > 0 ? found : undefined;
    });
    return { components: rows.map((row) => usageComponent(row.name, row.unit, row.usd, undefined)) };
  },
};


/**
 * `azurerm_cognitive_account`: no fee of its own. An OpenAI account bills through its deployments,
 * priced as their own resources; F0 is free. An S0 (pay-as-you-go) account of another kind bills
 * per transaction, hour or character at rates the data does not have (its rows are commitment-tier
 * figures), and a commitment tier is bought outside Terraform: unpriced, with the reason.
 */
export const cognitiveAccountPricer: Pricer = {
  types: ['azurerm_cognitive_account'],
  price(resource) {
    const attributes = attributesOf(resource);
    const kind = requiredText(attributes.kind, 'kind');
    const sku = requiredText(attributes.sku_name, 'sku_name');
    if (kind.toLowerCase() === 'openai' || sku.toUpperCase() === 'F0') return 'free';
    throw new Unpriced(`an ${sku} ${kind} account bills per transaction, hour or character; its pay-as-you-go rates are not in the price data`);
  },
};
