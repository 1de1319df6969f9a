import { describe, expect, it } from 'vitest';
import { markdownForTerminal } from './terminal-markdown.js';

const plain = (markdown: string) => markdownForTerminal(markdown, { color: false, link: (target) => `<${target}>` });

describe('markdownForTerminal', () => {
  it.each([
    { case: 'headings are underlined', markdown: '# k8s-pdb\n\n## Why\n### Options', text: 'k8s-pdb\n=======\n\nWhy\n---\nOptions\n' },
    { case: 'emphasis and code marks are dropped', markdown: '**Default severity:** error, use `maxUnavailable: 1`', text: 'Default severity: error, use maxUnavailable: 1\n' },
    { case: 'a code span keeps what looks like markdown', markdown: 'write `**/*.yaml` and `[a](b)`', text: 'write **/*.yaml and [a](b)\n' },
    { case: 'a link is followed by where it leads', markdown: 'see [the limits](../config.md#limits).', text: 'see the limits (<../config.md#limits>).\n' },
    { case: 'escaped characters lose their backslash', markdown: 'a \\| b \\* c', text: 'a | b * c\n' },
    {
      case: 'a fenced block is indented, its fences and a heading-like comment left as code',
      markdown: 'Bad\n```yaml\n# .github/tollgate.yml\nrules:\n\n  pr-size: off\n```\nafter',
      text: 'Bad\n    # .github/tollgate.yml\n    rules:\n\n      pr-size: off\nafter\n',
    },
    { case: 'a longer fence holds a shorter one', markdown: '````md\n```\ninner\n```\n````', text: '    ```\n    inner\n    ```\n' },
    {
      case: 'a table becomes aligned columns without its separator row',
      markdown: '| option | meaning |\n|---|---|\n| `warn-delta` | monthly increase |\n| `budgets` | a \\| b |',
      text: 'option      meaning\nwarn-delta  monthly increase\nbudgets     a | b\n',
    },
  ])('$case', ({ markdown, text }) => {
    expect(plain(markdown)).toBe(text);
  });

  it('on a colour terminal shows headings and table headers bold and code cyan, aligned by their visible text', () => {
    const text = markdownForTerminal('## Why\nuse `gp3`\n\n| a | b |\n|---|---|\n| `long-value` | x |', { color: true, link: (target) => target });
    expect(text).toBe(
      ['\u001b[1mWhy\u001b[22m', '---', 'use \u001b[36mgp3\u001b[39m', '', '\u001b[1ma\u001b[22m           \u001b[1mb\u001b[22m', '\u001b[36mlong-value\u001b[39m  x', ''].join('\n'),
    );
  });
});
