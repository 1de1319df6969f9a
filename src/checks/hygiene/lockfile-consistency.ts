import type { ChangedFile } from '../../changes/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { patchLines } from './added-lines.js';

const TERRAFORM_LOCK = '.terraform.lock.hcl';
const NPM_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function changedLines(file: ChangedFile): string[] {
  if (file.patch === undefined) return [];
  const { added, removed } = patchLines(file.patch);
  return [...added.map((line) => line.text), ...removed];
}

/** A provider requirement: `required_providers`, or a `source`/`version` attribute inside it. */
const PROVIDER_CONSTRAINT = /required_providers|^\s*(?:source|version)\s*=|^\s*[\w-]+\s*=\s*\{\s*source\s*=/;

function touchesProviderConstraints(file: ChangedFile): boolean {
  if (!/\.tf(?:\.json)?$/.test(file.path)) return false;
  // Without a patch (a binary-looking or huge file) the rule cannot tell, so it assumes yes and stays quiet.
  if (file.patch === undefined) return true;
  return changedLines(file).some((line) => PROVIDER_CONSTRAINT.test(line));
}

/** `"name": "^1.2.3"` with a version-range value: a dependency line, not a script or the package's own version. */
const DEPENDENCY_LINE = /^\s*"(?!version"|name"|main"|types"|module")(@[\w.-]+\/)?[\w.-]+"\s*:\s*"(?:[\^~<>=*]|\d|latest|next|workspace:|npm:|file:|link:|git\+|github:|https?:)[^"]*"/;

function touchesDependencies(file: ChangedFile): boolean {
  if (baseName(file.path) !== 'package.json') return false;
  if (file.patch === undefined) return false;
  return changedLines(file).some((line) => DEPENDENCY_LINE.test(line));
}

function isUnderOrAt(directory: string, ancestor: string): boolean {
  return ancestor === '' || directory === ancestor || directory.startsWith(`${ancestor}/`);
}

/**
 * A lock file and the manifest it locks belong in one commit: a lock change without a constraint
 * change is a provider upgrade nobody asked for in review, and a dependency change without the
 * lock installs something other than what CI tested.
 */
export const lockfileConsistency: Rule = {
  id: 'lockfile-consistency',
  title: 'Lock files change with their manifests',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/lockfile-consistency.md',
  run: ({ files }) => {
    const present = files.filter((file) => file.status !== 'removed');
    const findings: RuleFinding[] = [];
    for (const lock of present.filter((file) => baseName(file.path) === TERRAFORM_LOCK)) {
      const directory = directoryOf(lock.path);
      const constraintChanged = files.some((file) => directoryOf(file.path) === directory && touchesProviderConstraints(file));
      if (constraintChanged) continue;
      findings.push({
        message: `${lock.path} changes provider versions but no provider constraint in ${directory || 'the root module'} changed.`,
        fix: 'If the upgrade is intended, say so in the description (or pin it in `required_providers`); otherwise revert the lock file and run `terraform init` without `-upgrade`.',
        file: lock.path,
      });
    }
    const lockDirectories = files.filter((file) => NPM_LOCKS.includes(baseName(file.path))).map((file) => directoryOf(file.path));
    for (const manifest of present.filter(touchesDependencies)) {
      const directory = directoryOf(manifest.path);
      // npm, yarn and pnpm workspaces keep one lock file at the workspace root, above the package.
      if (lockDirectories.some((lockDirectory) => isUnderOrAt(directory, lockDirectory))) continue;
      findings.push({
        message: `${manifest.path} changes dependencies but no lock file changed with it.`,
        fix: 'Run your package manager\'s install (`npm install`, `yarn`, `pnpm install`) and commit the updated lock file.',
        file: manifest.path,
      });
    }
    return findings;
  },
};
