import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { RULES, findRule } from '../checks/registry.js';
import { nearest } from '../config/suggest.js';
import { docsUrl } from '../meta.js';
import type { CustomPolicy } from '../policies/file.js';
import { PACK_PREFIX, packPolicies } from '../policies/packs.js';
import { markdownForTerminal } from './terminal-markdown.js';

const RULE_PAGES = 'docs/rules';

/**
 * Where a link on a rule page leads, said in the terminal: another rule's page is another
 * `tollgate explain`, any other page of the repository its address, which works from anywhere.
 */
export function terminalLink(target: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return target;
  const [path = '', anchor] = target.split('#');
  const page = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/.exec(path)?.[1];
  if (page !== undefined && anchor === undefined && findRule(page)) return `tollgate explain ${page}`;
  const resolved = posix.normalize(posix.join(RULE_PAGES, path));
  return docsUrl(anchor === undefined ? resolved : `${resolved}#${anchor}`);
}

/** A pack's policy has no page of its own: its words from the pack, as a page. */
function packPolicyPage(pack: string, policy: CustomPolicy): string {
  return [
    `# ${policy.id}`,
    '',
    `**Policy pack:** ${pack} · **Severity:** ${policy.severity}`,
    '',
    policy.title,
    '',
    '## What it reports',
    policy.message,
    '',
    '## How to fix',
    policy.fix,
    '',
    '## How to turn it on',
    `List the pack in \`.github/tollgate.yml\`: \`policies: ["${PACK_PREFIX}${pack}"]\`. Its settings and suppressions are a rule's: [Custom policies](../policies.md#settings-and-suppressions).`,
  ].join('\n');
}

/**
 * The page `tollgate explain ID` prints, as markdown: a built-in rule's docs page (shipped in the
 * package under docs/rules/), or a pack policy's own words; else why there is none.
 */
export function explanation(id: string, packageRoot: string): { markdown: string } | { error: string } {
  const rule = findRule(id);
  if (rule) {
    const path = join(packageRoot, rule.docs);
    if (!existsSync(path)) return { error: `the page of ${id} is missing from this installation (${path}); read it at ${docsUrl(rule.docs)}` };
    return { markdown: readFileSync(path, 'utf8') };
  }
  const packs = packPolicies();
  for (const { pack, policies } of packs) {
    const policy = policies.find((candidate) => candidate.id === id);
    if (policy) return { markdown: packPolicyPage(pack, policy) };
  }
  const known = [...RULES.map((candidate) => candidate.id), ...packs.flatMap(({ policies }) => policies.map((policy) => policy.id))];
  const suggestion = nearest(id, known);
  return { error: `there is no rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; tollgate rules lists them all` };
}

/** `tollgate explain ID`: 0 with the page on standard output, 2 (a usage error) when there is none. */
export function explainRule(id: string, packageRoot: string, color: boolean): number {
  const found = explanation(id, packageRoot);
  if ('error' in found) {
    process.stderr.write(`tollgate: ${found.error}\n`);
    return 2;
  }
  process.stdout.write(markdownForTerminal(found.markdown, { color, link: terminalLink }));
  return 0;
}
