import { matchesAnyGlob } from '../../globs.js';
import type { InlineSuppression } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { addedLines } from '../../changes/added-lines.js';
import { globList, stringList } from './options.js';
import { findSecrets, redact } from './secret-patterns.js';

const RULE_ID = 'secrets-in-diff';
const INLINE_IGNORE = /tollgate:ignore\s+secrets-in-diff\b/;

/** Lock files hold integrity hashes by the thousand and never a credential. */
const DEFAULT_ALLOW = ['**/package-lock.json', '**/npm-shrinkwrap.json', '**/yarn.lock', '**/pnpm-lock.yaml', '**/go.sum'];

/** One leaked key is enough to act on; a file of fixtures should not flood the report. */
const MAX_PER_FILE = 20;

function hasParsedSuppression(suppressions: readonly InlineSuppression[], file: string, line: number): boolean {
  return suppressions.some((s) => s.ruleId === RULE_ID && s.file === file && (s.line === line || s.line + 1 === line));
}

/**
 * Credentials in the lines a change adds. Only added lines: a secret already on the base branch
 * is a finding for a repository-wide scan, not a reason to fail this pull request. The value is
 * never reported, only its first four characters.
 */
export const secretsInDiff: Rule = {
  id: RULE_ID,
  title: 'No credentials in added lines',
  category: 'hygiene',
  severity: 'error',
  docs: 'docs/rules/secrets-in-diff.md',
  judgesChange: true,
  options: {
    allow: globList('Allowed files', `Glob patterns of files not scanned, e.g. test fixtures with fake keys. Default: ${DEFAULT_ALLOW.join(', ')}.`),
  },
  run: ({ files, suppressions, options }) => {
    const allow = stringList(options, 'allow', DEFAULT_ALLOW);
    const findings: RuleFinding[] = [];
    for (const file of files) {
      if (file.status === 'removed' || file.patch === undefined) continue;
      if (matchesAnyGlob(file.path, allow)) continue;
      let reported = 0;
      let previous: { line: number; text: string } | undefined;
      for (const added of addedLines(file.patch)) {
        const above = previous;
        previous = added;
        const secrets = findSecrets(added.text);
        if (secrets.length === 0) continue;
        const ignoredInline = INLINE_IGNORE.test(added.text) || (above !== undefined && above.line + 1 === added.line && INLINE_IGNORE.test(above.text));
        // The runner applies suppressions it parsed (infrastructure files) and shows them as suppressed;
        // in any other file the comment is read here.
        if (ignoredInline && !hasParsedSuppression(suppressions, file.path, added.line)) continue;
        for (const secret of secrets) {
          if (reported === MAX_PER_FILE) break;
          reported += 1;
          findings.push({
            message: `${file.path}:${added.line} adds ${secret.name} (${redact(secret.value)}).`,
            fix: 'Remove it, revoke or rotate it now (it is in the branch history), and read it from a secret store or CI secret instead.',
            file: file.path,
            line: added.line,
          });
        }
      }
    }
    return findings;
  },
};
