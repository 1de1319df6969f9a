import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../changes/model.js';
import { parseIac } from './parse.js';
import { withoutOversizedText } from './size-limit.js';

const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  key: value\n';

describe('withoutOversizedText', () => {
  it.each([
    ['both sides within the limit', manifest, manifest, false],
    ['the head over the limit', manifest, manifest + '#'.repeat(100), true],
    ['the base over the limit', manifest + '#'.repeat(100), manifest, true],
  ] as const)('%s', (_name, before, after, dropped) => {
    const file: ChangedFile = { path: 'k8s/big.yaml', status: 'modified', before, after };
    const { files, issues } = withoutOversizedText([file], 100);
    expect(files[0]?.after === undefined).toBe(dropped);
    expect(issues).toEqual(dropped ? [{ file: 'k8s/big.yaml', side: 'head', message: 'larger than the 100 bytes size limit; raise `limits.max-file-bytes` in the tollgate config to analyse it' }] : []);
  });

  it('keeps the iac stage from parsing a file over the 2 MiB default handed to it directly', () => {
    const huge = manifest + `  filler: "${'x'.repeat(2.1 * 1000 * 1000)}"\n`;
    const result = parseIac([{ path: 'k8s/big.yaml', status: 'added', after: huge }]);
    expect(result.head).toEqual([]);
    expect(result.parseIssues).toEqual([{ file: 'k8s/big.yaml', side: 'head', message: 'larger than the 2 MiB size limit; raise `limits.max-file-bytes` in the tollgate config to analyse it' }]);
  });

  it('parses the same file when the limit is raised', () => {
    const huge = manifest + `  filler: "${'x'.repeat(2.1 * 1000 * 1000)}"\n`;
    const result = parseIac([{ path: 'k8s/big.yaml', status: 'added', after: huge }], { maxFileBytes: 3_000_000 });
    expect(result.head.map((resource) => resource.address)).toEqual(['v1/ConfigMap/default/big']);
    expect(result.parseIssues).toEqual([]);
  });
});
