import type { Rule, RuleFinding } from '../model.js';
import { numberOption, stringList } from './options.js';

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;

/** Template comments and checkbox scaffolding are not a description; what is left is. */
export function meaningfulText(body: string): string {
  return body
    .replace(HTML_COMMENT, '')
    .split('\n')
    .map((line) => line.replace(/^\s*[-*]\s*\[[ xX]\]\s*/, '').trim())
    .filter((line) => line !== '')
    .join('\n');
}

interface Section {
  title: string;
  content: string;
}

export function sections(body: string): Section[] {
  const found: Section[] = [];
  let current: { title: string; lines: string[] } | undefined;
  for (const line of body.replace(HTML_COMMENT, '').split('\n')) {
    const heading = HEADING.exec(line);
    if (heading) {
      if (current) found.push({ title: current.title, content: meaningfulText(current.lines.join('\n')) });
      current = { title: heading[2] ?? '', lines: [] };
    } else {
      current?.lines.push(line);
    }
  }
  if (current) found.push({ title: current.title, content: meaningfulText(current.lines.join('\n')) });
  return found;
}

function normalise(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export const prDescription: Rule = {
  id: 'pr-description',
  title: 'Pull request has a description',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/pr-description.md',
  judgesChange: true,
  options: {
    'min-length': {
      title: 'Minimum length',
      description: 'Fewest characters of description, not counting template comments and empty checkboxes. Default: 30.',
      type: 'integer',
      minimum: 0,
    },
    'required-sections': {
      title: 'Required sections',
      description: 'Markdown headings (any level) the body must contain, each with some text under it, e.g. ["Why", "Testing"].',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
  },
  run: ({ pr, options }) => {
    if (!pr) return { skip: 'no pull request metadata (a run on two directories)' };
    // A local run has no body unless the user gave one; an empty one there says nothing about the PR.
    if (pr.number === undefined && pr.body.trim() === '') return { skip: 'no pull request body in a local run; pass --body to check one' };
    const minLength = numberOption(options, 'min-length', 30);
    const findings: RuleFinding[] = [];
    const text = meaningfulText(pr.body);
    const length = [...text].length;
    if (length < minLength) {
      findings.push({
        message:
          length === 0
            ? 'The pull request has no description.'
            : `The pull request description has ${length} characters of text; at least ${minLength} are expected.`,
        fix: 'Say what changes, why, and how it was tested, so a reviewer can judge it without reading every line.',
      });
    }
    const present = sections(pr.body);
    for (const required of stringList(options, 'required-sections')) {
      const section = present.find((candidate) => normalise(candidate.title) === normalise(required));
      if (section && section.content !== '') continue;
      findings.push({
        message: section ? `The "${required}" section of the description is empty.` : `The description has no "${required}" section.`,
        fix: `Add a \`## ${required}\` heading with a few lines under it (the pull request template lists the sections).`,
      });
    }
    return findings;
  },
};
