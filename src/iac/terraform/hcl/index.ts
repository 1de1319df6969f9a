export { parseHcl, MAX_NESTING } from './parser.js';
export { evaluateLiteral, toJsonLike } from './evaluate.js';
export type { HclValue, JsonLike } from './evaluate.js';
export { referencesOf } from './references.js';
export type * from './types.js';
