import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { EOL, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOutputFile } from '../../test/e2e/run-action.js';
import { unescapeCommandValue } from '../report/annotations.js';
import { appendSummary, inputValue, outputBlocks, workflowCommand } from './runner.js';

/** The runner's reading of a command line: name, properties split on `,` and `=`, data after the second `::`. */
function readCommand(line: string): { name: string; properties: Record<string, string>; data: string } {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const properties = Object.fromEntries(
    (match[2] ?? '')
      .split(',')
      .filter((pair) => pair !== '')
      .map((pair) => {
        const [key = '', ...value] = pair.split('=');
        return [key, unescapeCommandValue(value.join('='))];
      }),
  );
  return { name: match[1] ?? '', properties, data: unescapeCommandValue(match[3] ?? '') };
}

describe('the runner protocol', () => {
  it('reads inputs as the runner passes them: INPUT_ and the upper-cased name, spaces as _, trimmed', () => {
    const env = { 'INPUT_GITHUB-TOKEN': '  t0ken \n', INPUT_FAIL_ON: 'error', INPUT_CONFIG: '' };
    expect(inputValue('github-token', env)).toBe('t0ken');
    expect(inputValue('fail on', env)).toBe('error');
    expect(inputValue('config', env)).toBe('');
    expect(inputValue('judge', env)).toBe('');
  });

  it('writes commands the runner reads back exactly, whatever the message, file and title hold', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.integer({ min: 1, max: 10_000 }), (message, file, title, line) => {
        const command = workflowCommand('warning', message, { file, startLine: line, title });
        expect(command.split('\n')).toHaveLength(1);
        expect(readCommand(command)).toEqual({ name: 'warning', properties: { file, line: String(line), title }, data: message });
      }),
    );
    expect(workflowCommand('debug', 'plain')).toBe('::debug::plain');
    expect(workflowCommand('error', '100% done\nnext', { file: 'a,b:c.yaml', startLine: 3 })).toBe('::error file=a%2Cb%3Ac.yaml,line=3::100%25 done%0Anext');
  });

  it('writes outputs as delimited blocks that give back every value, newlines included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z-]{0,20}$/), fc.string()), (outputs) => {
        expect(parseOutputFile(outputBlocks(outputs).replaceAll(EOL, '\n'))).toEqual(outputs);
      }),
    );
    expect(outputBlocks({ verdict: 'fail' }, () => 'END')).toBe(`verdict<<END${EOL}fail${EOL}END${EOL}`);
  });

  it('refuses a value that holds its own delimiter rather than write a block that ends early', () => {
    expect(() => outputBlocks({ verdict: 'x\nEND\ny' }, () => 'END')).toThrow('output verdict contains its own delimiter');
  });

  it('appends to the job summary the runner names, and says so when there is none', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tollgate-summary-')), 'summary.md');
    writeFileSync(file, '# before\n');
    appendSummary('## tollgate', { GITHUB_STEP_SUMMARY: file });
    expect(readFileSync(file, 'utf8')).toBe(`# before\n## tollgate${EOL}`);
    expect(() => appendSummary('x', {})).toThrow('GITHUB_STEP_SUMMARY is not set');
  });
});
