import { RULES } from '../checks/registry.js';
import type { ConfigError, RuleIdReference } from './model.js';
import type { RawConfig } from './raw.js';
import { nearest } from './suggest.js';
import { dottedKey } from './validate.js';
import type { YamlSource } from './yaml-source.js';

let builtIn: ReadonlySet<string> | undefined;

/** The ids of the built-in rules, built once: no custom policy may take one, and any other configured id must be a policy's. */
export function builtInIds(): ReadonlySet<string> {
  builtIn ??= new Set(RULES.map((rule) => rule.id));
  return builtIn;
}

/** Whether a rule id belongs to a built-in rule; any other id a configuration names must be a custom policy's. */
export function isBuiltInRule(id: string): boolean {
  return builtInIds().has(id);
}

function reference(id: string, segments: string[], file: string, source: YamlSource): RuleIdReference {
  const at = source.locate(segments, 'key');
  return { id, file, line: at.line, column: at.column, key: dottedKey(segments) };
}

/**
 * The custom policy ids a configuration's files name, merged as the files are: `rules` entries
 * accumulate (a nearer file's entry replaces a farther one's), `overrides` replace the list whole.
 */
export function customRuleIds(layers: ReadonlyArray<{ raw: RawConfig; source: string; yaml: YamlSource }>): RuleIdReference[] {
  const rules = new Map<string, RuleIdReference>();
  let overrides: RuleIdReference[] = [];
  for (const { raw, source, yaml } of layers) {
    for (const id of Object.keys(raw.rules ?? {})) {
      if (!isBuiltInRule(id)) rules.set(id, reference(id, ['rules', id], source, yaml));
    }
    if (raw.overrides === undefined) continue;
    overrides = raw.overrides.flatMap((entry, index) =>
      Object.keys(entry.rules ?? {})
        .filter((id) => !isBuiltInRule(id))
        .map((id) => reference(id, ['overrides', String(index), 'rules', id], source, yaml)),
    );
  }
  return [...rules.values(), ...overrides];
}

/**
 * Each configured id that is neither a built-in rule's nor a loaded policy's, as an error on its
 * line: usually a misspelt id, or a policy whose file `policies:` no longer lists.
 */
export function unknownRuleIds(references: readonly RuleIdReference[], policyIds: readonly string[]): ConfigError[] {
  const known = new Set(policyIds);
  const candidates = [...builtInIds(), ...policyIds];
  return references
    .filter((reference) => !known.has(reference.id))
    .map(({ id, file, line, column, key }) => {
      const suggestion = nearest(id, candidates);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      return {
        file,
        line,
        column,
        key,
        message: `unknown rule id${hint}: no built-in rule and no custom policy has it; built-in ids are listed under docs/rules/, custom policies come from the files \`policies:\` lists (${policyIds.length} loaded)`,
      };
    });
}
