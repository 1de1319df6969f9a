import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { added, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', kubernetesRates: {} };
const account = resource('azurerm_cognitive_account', { location: 'eastus', kind: 'OpenAI', sku_name: 'S0' }, 'azurerm_cognitive_account.main');

function deployment(model: string, sku = 'Standard'): Resource {
  return resource('azurerm_cognitive_deployment', { cognitive_account_id: unknownValue('azurerm_cognitive_account.main.id'), model: [{ format: 'OpenAI', name: model }], sku: [{ name: sku }] });
}

describe('Azure OpenAI deployments', () => {
  it('shows the model’s token prices as unit prices, in its account’s location', () => {
    const cost = priceChanges(added(deployment('gpt-4.5-preview'), account), SETTINGS);
    const line = cost.lines.find((item) => item.address === 'azurerm_cognitive_deployment.this');
    // eastus rows: input 0.0825, output 0.17, cached input 0.04125 per 1K tokens; nothing without usage
    expect(line?.after).toBe(0);
    expect(line?.components.map((item) => [item.name, item.unitPrice, item.usageBased])).toEqual(
      expect.arrayContaining([
        ['Text input (gpt-4.5-preview)', 0.0825, true],
        ['Text output (gpt-4.5-preview)', 0.17, true],
        ['Cached text input (gpt-4.5-preview)', 0.04125, true],
      ]),
    );
  });

  it.each<[string, Resource, RegExp]>([
    ['a model the data has no prices for', deployment('gpt-4o'), /no price for Azure OpenAI model gpt-4o in eastus/],
    ['provisioned throughput', deployment('gpt-4.5-preview', 'ProvisionedManaged'), /ProvisionedManaged SKU \(provisioned throughput\) has no price/],
  ])('leaves %s unpriced, with the reason', (_name, item, reason) => {
    const cost = priceChanges(added(item, account), SETTINGS);
    expect(cost.unpriced.find((entry) => entry.address === item.address)?.reason).toMatch(reason);
  });
});

describe('Cognitive Services accounts', () => {
  it('holds OpenAI and F0 accounts free', () => {
    for (const item of [account, resource('azurerm_cognitive_account', { location: 'westeurope', kind: 'SpeechServices', sku_name: 'F0' })]) {
      expect(priceChanges(added(item), SETTINGS)).toMatchObject({ lines: [], unpriced: [] });
    }
  });

  it('leaves a pay-as-you-go account of another kind unpriced, with the reason', () => {
    const cost = priceChanges(added(resource('azurerm_cognitive_account', { location: 'westeurope', kind: 'LUIS', sku_name: 'S0' })), SETTINGS);
    expect(cost.unpriced[0]?.reason).toMatch(/an S0 LUIS account bills per transaction, hour or character; its pay-as-you-go rates are not in the price data/);
  });
});
