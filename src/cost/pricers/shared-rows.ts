import type { PriceContext } from '../pricing.js';

/**
 * A price the data records under whichever resource type its source example used: an Azure disk
 * tier appears under `azurerm_managed_disk` in one region and under `azurerm_virtual_machine` in
 * another, a GCE machine type under `google_compute_instance` or a GKE node pool. The price is
 * the same whatever resource carries it, so every listed type is tried, in order, region-aware.
 */
export function unitPriceAmong(context: PriceContext, provider: string, types: readonly string[], region: string, name: string, what: string): number {
  return context.regional(region, what, (where) => {
    for (const type of types) {
      const found = context.catalog.component(provider, type, where, name);
      if (found) return found.usd;
    }
    return undefined;
  });
}
