import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../src/changes/model.js';
import { runGate } from '../../src/gate.js';
import type { Report } from '../../src/report/model.js';
import { changeSet, plainConfig } from '../../src/test-support.js';
import {
  decodedAsUtf8,
  deepHcl,
  deepJson,
  deepYaml,
  HOSTILE_NAMES,
  hugeYaml,
  insertions,
  invalidUtf8,
  truncations,
  utf16WithBom,
  withCrlf,
  withNulBytes,
  yamlAliasBomb,
} from './generators.js';
import { aboutFile, allText, gate, goodFiles, SEEDS, STACK_FRAME, viewOfOthers } from './pull-request.js';

/**
 * The bad-input corpus through the pure pipeline (`runGate`), with change sets built from plain
 * objects: each hostile file is added to a well-formed pull request, and the result for the other
 * files must be exactly what it is without the hostile file.
 */

const GOOD = goodFiles();
const BASELINE = viewOfOthers(gate(GOOD), []);

/** Positions per seed for the truncation and insertion cases. */
const POSITIONS = 24;

function added(path: string, after: string): ChangedFile {
  return { path, status: 'added', after, size: after.length };
}

/** Runs the pull request with `extra` added and checks the promises every corpus case shares. */
function gateWith(...extra: ChangedFile[]): Report {
  const report = gate([...GOOD, ...extra]);
  expect(viewOfOthers(report, extra.map((file) => file.path))).toEqual(BASELINE);
  expect(allText(report)).not.toMatch(STACK_FRAME);
  return report;
}

function parseErrors(report: Report, path: string): { message: string; line?: number }[] {
  return report.findings.filter((finding) => finding.ruleId === 'parse-error' && finding.file === path).map(({ message, line }) => ({ message, ...(line !== undefined ? { line } : {}) }));
}

/** Mutated seeds: each must finish and leave the others alone; most must be reported, with a line inside the file. */
function expectMutationsReported(path: string, variants: { text: string }[], minimumReported: number): void {
  let reported = 0;
  for (const variant of variants) {
    const errors = parseErrors(gateWith(added(path, variant.text)), path);
    if (errors.length > 0) reported += 1;
    for (const error of errors) {
      expect(error.message).toMatch(/^Not analysed: \S/);
      if (error.line !== undefined) expect(error.line).toBeLessThanOrEqual(variant.text.split('\n').length + 1);
    }
  }
  expect(reported).toBeGreaterThanOrEqual(minimumReported);
}

describe('corpus through runGate: malformed files at many positions', () => {
  it(`Kubernetes YAML truncated at ${POSITIONS} positions`, () => {
    expectMutationsReported('broken/app.yaml', truncations(SEEDS.yaml, POSITIONS), 1);
  });

  it(`Kubernetes YAML with a breaking character inserted at ${POSITIONS} positions`, () => {
    expectMutationsReported('broken/app.yaml', insertions(SEEDS.yaml, POSITIONS), POSITIONS / 3);
  });

  it(`Terraform HCL truncated at ${POSITIONS} positions`, () => {
    expectMutationsReported('broken/main.tf', truncations(SEEDS.hcl, POSITIONS), POSITIONS / 2);
  });

  it(`Terraform HCL with a breaking character inserted at ${POSITIONS} positions`, () => {
    expectMutationsReported('broken/main.tf', insertions(SEEDS.hcl, POSITIONS), POSITIONS / 3);
  });

  it(`CloudFormation YAML truncated at ${POSITIONS} positions`, () => {
    expectMutationsReported('broken/stack.yaml', truncations(SEEDS.cloudformation, POSITIONS), 1);
  });

  it(`CloudFormation JSON truncated at ${POSITIONS} positions`, () => {
    expectMutationsReported('broken/stack.json', truncations(SEEDS.json, POSITIONS), POSITIONS - 1);
  });

  it(`Terraform plan JSON truncated at ${POSITIONS} positions`, () => {
    expectMutationsReported('broken/tf.plan.json', truncations(SEEDS.plan, POSITIONS), POSITIONS - 1);
  });

  it(`Terraform plan JSON with a breaking character inserted at ${POSITIONS} positions`, () => {
    expectMutationsReported('broken/tf.plan.json', insertions(SEEDS.plan, POSITIONS), POSITIONS / 3);
  });
});

describe('corpus through runGate: resource exhaustion', () => {
  it('a YAML alias bomb (billion laughs) is refused by name', () => {
    const report = gateWith(added('bomb/laughs.yaml', yamlAliasBomb()));
    expect(parseErrors(report, 'bomb/laughs.yaml')).toEqual([{ message: expect.stringMatching(/alias bomb/) as unknown }]);
  });

  it('10,000-level nesting in YAML', () => {
    const report = gateWith(added('deep/deep.yaml', deepYaml(10_000)));
    expect(parseErrors(report, 'deep/deep.yaml').length).toBeGreaterThan(0);
  });

  it('10,000-level nesting in JSON', () => {
    const report = gateWith(added('deep/deep.json', deepJson(10_000)));
    expect(aboutFile(report, 'deep/deep.json').join('\n')).toMatch(/nest|deep|depth/i);
  });

  it.each(Object.entries(deepHcl(10_000)))('10,000-level nesting in HCL (%s)', (kind, text) => {
    const path = `deep-${kind}/main.tf`;
    const report = gateWith(added(path, text));
    expect(aboutFile(report, path).join('\n')).toMatch(/nest|deep|depth/i);
  });

  // How long this takes is measured by `npm run bench` (it was 35 s before the List's key lines were
  // split per item in one pass); the test timeout only catches a hang.
  it('a 2 MB Kubernetes List (just under the 2 MiB size limit) is parsed, every item a resource', () => {
    const path = 'big/configmaps.yaml';
    const text = hugeYaml(2_000_000);
    expect(text.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    const report = gateWith(added(path, text));
    expect(report.resources.filter((resource) => resource.file === path).length).toBeGreaterThan(6_900);
  }, 60_000);

  it('a 2.1 MB manifest is over the default limit and reported; with the limit raised in the config it is parsed', () => {
    const path = 'big/configmaps.yaml';
    const file = added(path, hugeYaml(2_100_000));
    expect(parseErrors(gateWith(file), path)).toEqual([{ message: 'Not analysed: larger than the 2 MiB size limit; raise `limits.max-file-bytes` in the tollgate config to analyse it' }]);
    const raised = runGate({ config: plainConfig({ limits: { maxFileBytes: 3_000_000 } }), changes: changeSet([...GOOD, file]) });
    expect(parseErrors(raised, path)).toEqual([]);
    expect(raised.resources.filter((resource) => resource.file === path).length).toBeGreaterThan(7_000);
  });

  it('a 50 MB manifest handed straight to the gate', () => {
    const text = hugeYaml(50 * 1024 * 1024);
    expect(text.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const report = gateWith(added('huge/configmaps.yaml', text));
    expect(aboutFile(report, 'huge/configmaps.yaml').join('\n')).toMatch(/large|size|MiB/i);
  }, 60_000);
});

describe('corpus through runGate: encodings and bytes', () => {
  it('invalid UTF-8 (decoded with replacement characters, as every collector does)', () => {
    const text = decodedAsUtf8(invalidUtf8(SEEDS.yaml));
    expect(text).toContain('\uFFFD');
    gateWith(added('bytes/invalid-utf8.yaml', text));
  });

  it('UTF-16 with a byte-order mark', () => {
    // Handed over as text it is a YAML scalar full of NULs, not a manifest; the collectors call it binary (see directories.corpus.test.ts).
    const text = decodedAsUtf8(utf16WithBom(SEEDS.yaml));
    expect(text).toContain('\u0000');
    gateWith(added('bytes/utf16.yaml', text));
  });

  it('NUL bytes inside a manifest', () => {
    const path = 'bytes/nul.yaml';
    const report = gateWith(added(path, withNulBytes(SEEDS.yaml)));
    expect(parseErrors(report, path).length).toBeGreaterThan(0);
  });

  it('CRLF line endings give the same findings, resources and lines as LF', () => {
    const crlf = GOOD.map((file) => ({
      ...file,
      ...(file.before !== undefined ? { before: withCrlf(file.before) } : {}),
      ...(file.after !== undefined ? { after: withCrlf(file.after) } : {}),
    }));
    expect(viewOfOthers(gate(crlf), [])).toEqual(BASELINE);
  });

  it('zero-byte files of every parsed format, added and emptied', () => {
    const emptied = ['k8s/web.yaml', 'infra/main.tf'];
    const report = gate([
      ...GOOD.filter((file) => !emptied.includes(file.path)),
      added('empty/app.yaml', ''),
      added('empty/main.tf', ''),
      added('empty/stack.json', ''),
      added('empty/prod.tfvars', ''),
      ...GOOD.filter((file) => emptied.includes(file.path)).map((file) => ({ ...file, after: '', size: 0 })),
    ]);
    expect(allText(report)).not.toMatch(STACK_FRAME);
    // An emptied file removes what it declared; everything else stays as it was.
    const removed = report.resources.filter((resource) => resource.change === 'removed').map((resource) => resource.file);
    expect(new Set(removed)).toEqual(new Set(emptied));
    expect(viewOfOthers(report, ['empty/app.yaml', 'empty/main.tf', 'empty/stack.json', 'empty/prod.tfvars', ...emptied])).toEqual(viewOfOthers(gate(GOOD.filter((file) => !emptied.includes(file.path))), []));
  });
});

describe('corpus through runGate: file names', () => {
  it.each(HOSTILE_NAMES.map((name, index) => [JSON.stringify(name), name, index] as const))('a manifest named %s is analysed under its own name', (_label, path, index) => {
    const report = gateWith(added(path, SEEDS.yaml.replaceAll('name: web', `name: hostile-${index}`)));
    expect(report.resources.filter((resource) => resource.file === path).length).toBeGreaterThan(0);
  });
});

describe('corpus through runGate: change shapes', () => {
  it('a deleted file whose base content could not be read is reported, not taken for empty', () => {
    const path = 'k8s/gone.yaml';
    const report = gateWith({ path, status: 'removed', note: 'the base version could not be read (EACCES)' });
    expect(aboutFile(report, path).join('\n')).toMatch(/could not be read \(EACCES\)/);
  });

  it('a 3,000-file pull request finishes, and every manifest is analysed', () => {
    const files = Array.from({ length: 3_000 }, (_, index) => added(`apps/app-${index}/deployment.yaml`, SEEDS.yaml.replaceAll('name: web', `name: web-${index}`)));
    // The test timeout catches a hang; how long it takes is measured by `npm run bench`, not asserted here.
    const report = gateWith(...files);
    expect(new Set(report.resources.map((resource) => resource.file)).size).toBeGreaterThanOrEqual(3_000);
  }, 90_000);

  it('two Terraform roots that declare the same address both count', () => {
    const root = (directory: string): ChangedFile => added(`${directory}/main.tf`, 'resource "aws_instance" "web" {\n  ami           = "ami-0c55b159cbfafe1f0"\n  instance_type = "m5.large"\n}\n');
    const report = gate([root('envs/prod'), root('envs/staging')]);
    expect(new Set(report.resources.map((resource) => resource.file))).toEqual(new Set(['envs/prod/main.tf', 'envs/staging/main.tf']));
    expect(report.resources.map((resource) => [resource.scope, resource.address, resource.change]).sort()).toEqual([
      ['envs/prod', 'aws_instance.web', 'added'],
      ['envs/staging', 'aws_instance.web', 'added'],
    ]);
    const [one, two] = report.cost.lines;
    expect(report.cost.lines.map((line) => line.file).sort()).toEqual(['envs/prod/main.tf', 'envs/staging/main.tf']);
    expect(report.cost.after).toBeCloseTo((one?.after ?? 0) + (two?.after ?? 0));
    expect(one?.after).toBeGreaterThan(0);
  });

  it('a pull request where every file is renamed, unchanged, changes no resource and no cost', () => {
    const renamed: ChangedFile[] = GOOD.map((file) => {
      const text = file.after ?? '';
      const slash = file.path.lastIndexOf('/');
      return { path: `${file.path.slice(0, slash)}/renamed-${file.path.slice(slash + 1)}`, previousPath: file.path, status: 'renamed', before: text, after: text };
    });
    const report = gate(renamed);
    expect(allText(report)).not.toMatch(STACK_FRAME);
    expect(report.resources.filter((resource) => resource.change !== 'unchanged')).toEqual([]);
    expect(report.cost.delta).toBe(0);
  });
});
