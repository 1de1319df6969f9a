import { describe, expect, it } from 'vitest';
import type { PriceBook } from '../config/model.js';
import { parseConfig } from '../config/load.js';
import { runGate } from '../gate.js';
import { renderComment } from '../report/markdown.js';
import { changeSet } from '../test-support.js';
import type { CostComponent } from './model.js';
import { applyPriceBook, describePriceBook, discountFor } from './price-book.js';

const book = (overrides: Partial<PriceBook> = {}): PriceBook => ({ providerDiscounts: {}, serviceDiscounts: {}, unitPrices: {}, ...overrides });
const hours = (priceKey: string | undefined, unitPrice: number): CostComponent => ({ name: 'Instance usage', unit: 'hours', quantity: 730, unitPrice, monthly: 730 * unitPrice, ...(priceKey ? { priceKey } : {}) });

describe('applyPriceBook', () => {
  it('takes the most specific discount: resource type, then provider, then overall', () => {
    const prices = book({ discountPercent: 10, providerDiscounts: { aws: 18 }, serviceDiscounts: { aws_db_instance: 25 } });
    expect([discountFor(prices, 'aws_db_instance'), discountFor(prices, 'AWS::EC2::Instance'), discountFor(prices, 'azurerm_managed_disk'), discountFor(prices, 'Deployment')]).toEqual([25, 18, 10, 10]);
  });

  it('uses a negotiated unit price as it is, and discounts the rest', () => {
    const [negotiated, listed] = applyPriceBook([hours('aws_instance/m5.large', 0.096), { name: 'Storage', unit: 'GB-month', quantity: 100, unitPrice: 0.08, monthly: 8 }], 'aws_instance', book({ discountPercent: 18, unitPrices: { 'aws_instance/m5.large': 0.081 } }));
    expect(negotiated).toMatchObject({ unitPrice: 0.081, monthly: 730 * 0.081 });
    expect(listed?.monthly).toBeCloseTo(8 * 0.82, 9);
  });

  it('takes the commitment off compute hours only: 60% covered at 30% off is 18% off', () => {
    const [compute, storage] = applyPriceBook([hours('aws_instance/m5.large', 0.1), { name: 'Storage', unit: 'GB-month', quantity: 10, unitPrice: 0.1, monthly: 1 }], 'aws_instance', book({ commitment: { coveragePercent: 60, discountPercent: 30 } }));
    expect(compute?.unitPrice).toBeCloseTo(0.082, 9);
    expect(storage?.unitPrice).toBe(0.1);
  });

  it('says what the figures include, in one sentence', () => {
    expect(describePriceBook(book({ name: 'EDP', discountPercent: 18 }))).toBe('prices include your 18% EDP discount');
    expect(describePriceBook(book({ discountPercent: 10, serviceDiscounts: { aws_db_instance: 25 }, unitPrices: { 'aws_instance/m5.large': 0.081 }, commitment: { coveragePercent: 60, discountPercent: 27 } }))).toBe(
      'prices include your 10% discount (aws_db_instance 25%), 1 negotiated unit price, a commitment covering 60% of compute hours at 27% off',
    );
    expect(describePriceBook(book())).toBeUndefined();
  });
});

describe('a price book in the config', () => {
  const terraform = (type: string) => `resource "aws_instance" "api" {\n  instance_type = "${type}"\n}\n`;
  const changes = changeSet([{ path: 'infra/main.tf', status: 'modified', before: terraform('t3.medium'), after: terraform('m5.large') }]);

  it('prices the delta at the book’s prices and names the discount in the comment', () => {
    const { config, errors } = parseConfig('cost:\n  price-book:\n    name: EDP\n    discount-percent: 18\n    unit-prices:\n      aws_instance/m5.large: 0.081\n', '.github/tollgate.yml');
    expect(errors).toEqual([]);
    if (!config) throw new Error('config');
    const report = runGate({ config, changes });
    // before: t3.medium 0.0416 × 0.82 × 730 = 24.90; after: m5.large at the negotiated 0.081 × 730 = 59.13
    expect(report.cost.lines[0]).toMatchObject({ before: 24.90176, after: 59.13 });
    expect(renderComment(report)).toContain('prices include your 18% EDP discount, 1 negotiated unit price.');
  });

  it('names the file, key and bad value of a discount out of range', () => {
    const { errors } = parseConfig('cost:\n  price-book:\n    discount-percent: 180\n', '.github/tollgate.yml');
    expect(errors.map((error) => `${error.line} ${error.key}`)).toEqual(['3 cost.price-book.discount-percent']);
  });
});
