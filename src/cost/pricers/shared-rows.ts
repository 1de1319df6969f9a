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

/**
 * A row of one name in whichever region the data filed it, for a price that does not vary by
 * region (a licence, a global service) or whose region the data did not record: the first match
 * among `types`, with the region it was filed under.
 */
export function rowInAnyRegion(context: PriceContext, provider: string, types: readonly string[], name: string): { region: string; usd: number } | undefined {
  for (const type of types) {
    for (const region of context.catalog.componentRegions(provider, type)) {
      const row = context.catalog.component(provider, type, region, name);
      if (row) return { region, usd: row.usd };
    }
  }
  return undefined;
}
