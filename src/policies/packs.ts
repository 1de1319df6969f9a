import { readFileSync } from 'node:fs';
import { formatConfigError } from '../config/format-error.js';
import type { ConfigError } from '../config/model.js';
import { nearest } from '../config/suggest.js';
import { parsePolicyFile, type CustomPolicy } from './file.js';

/** `policies: ["pack:finops"]`: a pack of policies that ships with tollgate (policies/packs/). */
export const PACK_PREFIX = 'pack:';

export const PACK_NAMES = ['production-readiness', 'finops', 'supply-chain'] as const;
export type PackName = (typeof PACK_NAMES)[number];

/** One literal `new URL(...)` per file, the pattern the bundler copies next to dist/ (as for the presets). */
function packText(name: PackName): string {
  switch (name) {
    case 'production-readiness':
      return readFileSync(new URL('../../policies/packs/production-readiness.yml', import.meta.url), 'utf8');
    case 'finops':
      return readFileSync(new URL('../../policies/packs/finops.yml', import.meta.url), 'utf8');
    case 'supply-chain':
      return readFileSync(new URL('../../policies/packs/supply-chain.yml', import.meta.url), 'utf8');
  }
}

function isPackName(name: string): name is PackName {
  return (PACK_NAMES as readonly string[]).includes(name);
}

/** A configuration's `policies:` entries split into the packs it names (read here) and the globs left for the repository. */
export function splitPacks(entries: readonly string[], source: string): { globs: string[]; files: Array<{ path: string; text: string }>; errors: ConfigError[] } {
  const globs: string[] = [];
  const files: Array<{ path: string; text: string }> = [];
  const errors: ConfigError[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(PACK_PREFIX)) {
      globs.push(entry);
      continue;
    }
    const name = entry.slice(PACK_PREFIX.length);
    if (isPackName(name)) {
      files.push({ path: entry, text: packText(name) });
      continue;
    }
    const suggestion = nearest(name, PACK_NAMES);
    errors.push({ file: source, key: 'policies', value: entry, message: `there is no policy pack "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; the packs are ${PACK_NAMES.join(', ')}` });
  }
  return { globs, files, errors };
}

/** Every pack's policies, for `tollgate rules` and `tollgate explain`; packs.test.ts keeps each one loading. */
export function packPolicies(): Array<{ pack: PackName; policies: CustomPolicy[] }> {
  return PACK_NAMES.map((pack) => {
    const read = parsePolicyFile(packText(pack), `${PACK_PREFIX}${pack}`);
    if (read.errors.length > 0) throw new Error(`tollgate's built-in policy pack ${pack} is invalid: ${read.errors.map(formatConfigError).join('; ')}`);
    return { pack, policies: read.policies };
  });
}
