import type { PriceBook } from '../config/model.js';
import type { CostComponent } from './model.js';

/** The provider whose discount applies to a resource type. */
export function providerOf(resourceType: string): string {
  if (resourceType.startsWith('aws_') || resourceType.startsWith('AWS::')) return 'aws';
  if (resourceType.startsWith('azurerm_')) return 'azure';
  if (resourceType.startsWith('google_')) return 'google';
  return 'kubernetes';
}

/** The discount for a resource type: its own, else its provider's, else the overall one. */
export function discountFor(book: PriceBook, resourceType: string): number {
  return book.serviceDiscounts[resourceType] ?? book.providerDiscounts[providerOf(resourceType)] ?? book.discountPercent ?? 0;
}

/**
 * A resource's components at the prices the organisation pays: a negotiated unit price where the
 * book has one for the component's price key (taken as is), else the list price less the
 * discount, and compute hours (components with a price key) less the commitment's share.
 */
export function applyPriceBook(components: readonly CostComponent[], resourceType: string, book: PriceBook | undefined): CostComponent[] {
  if (!book) return [...components];
  const discount = 1 - discountFor(book, resourceType) / 100;
  const commitment = book.commitment ? 1 - (book.commitment.coveragePercent / 100) * (book.commitment.discountPercent / 100) : 1;
  return components.map((item) => {
    const negotiated = item.priceKey === undefined ? undefined : book.unitPrices[item.priceKey];
    const unitPrice = negotiated ?? item.unitPrice * discount * (item.priceKey === undefined ? 1 : commitment);
    return unitPrice === item.unitPrice ? item : { ...item, unitPrice, monthly: item.quantity * unitPrice };
  });
}

/** One sentence for the report: "prices include your 18% EDP discount (aws_db_instance 25%), 2 negotiated unit prices, …". */
export function describePriceBook(book: PriceBook | undefined): string | undefined {
  if (!book) return undefined;
  const name = book.name ? `${book.name} ` : '';
  const overrides = [
    ...Object.entries(book.providerDiscounts).map(([provider, percent]) => `${provider} ${percent}%`),
    ...Object.entries(book.serviceDiscounts).map(([type, percent]) => `${type} ${percent}%`),
  ];
  const parts = [
    ...(book.discountPercent !== undefined ? [`your ${book.discountPercent}% ${name}discount${overrides.length > 0 ? ` (${overrides.join(', ')})` : ''}`] : overrides.length > 0 ? [`your ${name}discounts (${overrides.join(', ')})`] : []),
    ...(Object.keys(book.unitPrices).length > 0 ? [`${Object.keys(book.unitPrices).length} negotiated unit ${Object.keys(book.unitPrices).length === 1 ? 'price' : 'prices'}`] : []),
    ...(book.commitment ? [`a commitment covering ${book.commitment.coveragePercent}% of compute hours at ${book.commitment.discountPercent}% off`] : []),
  ];
  return parts.length > 0 ? `prices include ${parts.join(', ')}` : undefined;
}
