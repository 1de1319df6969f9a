import { describe, expect, it } from 'vitest';
import { presetSummary, ruleCatalog } from './catalog.js';
import { RULES } from './registry.js';

describe('presetSummary', () => {
  it.each([
    { case: 'on in both at its own level', severity: 'error', presets: [{ preset: 'default', level: 'error', options: [] }, { preset: 'strict', level: 'error', options: [] }], text: 'default, strict' },
    { case: 'raised by one', severity: 'notice', presets: [{ preset: 'default', level: 'notice', options: [] }, { preset: 'strict', level: 'warning', options: [] }], text: 'default, strict: warning' },
    { case: 'options set by one', severity: 'warning', presets: [{ preset: 'default', level: 'warning', options: [] }, { preset: 'strict', level: 'warning', options: ['error-lines'] }], text: 'default, strict (sets error-lines)' },
    { case: 'raised with options', severity: 'notice', presets: [{ preset: 'strict', level: 'error', options: ['a', 'b'] }], text: 'strict: error (sets a, b)' },
    { case: 'in no preset', severity: 'notice', presets: [], text: 'none' },
  ] as const)('$case: $text', ({ severity, presets, text }) => {
    expect(presetSummary({ severity, presets: presets.map((use) => ({ ...use, options: [...use.options] })) })).toBe(text);
  });
});

describe('ruleCatalog', () => {
  const catalog = ruleCatalog();

  it('lists every registered rule once, in registry order', () => {
    expect(catalog.map((entry) => entry.id)).toEqual(RULES.map((rule) => rule.id));
  });

  it('the default preset runs every rule but the strict-only ones, and strict runs them all', () => {
    for (const [index, entry] of catalog.entries()) {
      const presets = entry.presets.map((use) => use.preset);
      expect(presets, entry.id).toEqual(RULES[index]?.strictOnly ? ['strict'] : ['default', 'strict']);
    }
  });

  it("reads each preset's level and options from its file", () => {
    const byId = new Map(catalog.map((entry) => [entry.id, entry]));
    expect(byId.get('parse-error')?.presets).toEqual([
      { preset: 'default', level: 'notice', options: [] },
      { preset: 'strict', level: 'error', options: [] },
    ]);
    expect(byId.get('k8s-image-tag')?.presets.find((use) => use.preset === 'strict')).toEqual({ preset: 'strict', level: 'error', options: ['require-digest'] });
  });
});
