/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`, `0.5`, `128974848`) as plain numbers of
 * the base unit (cores, bytes). Returns undefined for anything the API server would reject, so a
 * caller can report it instead of guessing.
 */
const SUFFIXES: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match?.[1]) return undefined;
  const base = Number(match[1]);
  const scaled = match[2] ? Number(`${match[1]}${match[2]}`) : base * (SUFFIXES[match[3] ?? ''] ?? Number.NaN);
  return Number.isFinite(scaled) ? scaled : undefined;
}
