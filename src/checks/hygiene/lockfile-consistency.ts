import type { ChangedFile, ContextFile } from '../../changes/model.js';
import { evaluateLiteral, parseHcl, type HclBody, type HclExpression } from '../../iac/terraform/hcl/index.js';
import type { Rule, RuleFinding } from '../model.js';
import { patchLines } from '../../changes/added-lines.js';
import { baseName } from '../../iac/file-kinds.js';
import { satisfies } from './terraform-versions.js';

const TERRAFORM_LOCK = '.terraform.lock.hcl';
const NPM_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
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

/** `hashicorp/aws`, `aws` and `registry.terraform.io/hashicorp/aws` name one provider; the lock file writes the last. */
function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join('/')}`;
  return parts.join('/');
}

function literalText(expr: HclExpression | undefined): string | undefined {
  const value = expr === undefined ? undefined : evaluateLiteral(expr);
  return typeof value === 'string' ? value : undefined;
}

/** Provider address → locked version, from a `.terraform.lock.hcl` text. */
function lockedVersions(text: string): Map<string, string> {
  const locked = new Map<string, string>();
  for (const block of parseHcl(text).body.blocks) {
    const address = block.labels[0];
    const version = literalText(block.body.attributes.find((attribute) => attribute.name === 'version')?.expr);
    if (block.type === 'provider' && address !== undefined && version !== undefined) locked.set(address.toLowerCase(), version);
  }
  return locked;
}

interface ProviderRequirement {
  name: string;
  address: string;
  constraint: string;
  line: number;
}

function requirementsIn(body: HclBody): ProviderRequirement[] {
  const requirements: ProviderRequirement[] = [];
  for (const block of body.blocks) {
    if (block.type !== 'terraform') continue;
    for (const required of block.body.blocks.filter((nested) => nested.type === 'required_providers')) {
      for (const attribute of required.body.attributes) {
        // Terraform 0.12's shorthand `aws = "~> 5.0"` is a bare constraint for the hashicorp namespace.
        const shorthand = literalText(attribute.expr);
        const object = attribute.expr.kind === 'object' ? attribute.expr : undefined;
        const field = (key: string): HclExpression | undefined => object?.items.find((item) => item.key === key)?.value;
        const constraint = shorthand ?? literalText(field('version'));
        if (constraint === undefined) continue;
        const source = literalText(field('source')) ?? attribute.name;
        requirements.push({ name: attribute.name, address: providerAddress(source), constraint, line: attribute.line });
      }
    }
  }
  return requirements;
}

/** The head text of a directory's lock file: changed in this PR, or read as context. */
function headLockText(directory: string, files: readonly ChangedFile[], context: readonly ContextFile[]): { path: string; text: string } | undefined {
  const path = directory === '' ? TERRAFORM_LOCK : `${directory}/${TERRAFORM_LOCK}`;
  const changed = files.find((file) => file.path === path);
  if (changed) return changed.after === undefined ? undefined : { path, text: changed.after };
  const unchanged = context.find((file) => file.path === path);
  return unchanged ? { path, text: unchanged.text } : undefined;
}

/**
 * A changed `required_providers` constraint the committed lock file does not meet: `terraform
 * init` refuses the locked version, so the change cannot be applied as committed. Quiet where the
 * directory has no lock file (a module, or a team that does not commit them).
 */
function unmetConstraints(files: readonly ChangedFile[], context: readonly ContextFile[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const file of files) {
    if (file.status === 'removed' || file.after === undefined || !file.path.endsWith('.tf') || !touchesProviderConstraints(file)) continue;
    const directory = directoryOf(file.path);
    const lock = headLockText(directory, files, context);
    if (!lock) continue;
    const locked = lockedVersions(lock.text);
    const where = directory || 'the root module';
    for (const requirement of requirementsIn(parseHcl(file.after).body)) {
      const version = locked.get(requirement.address);
      if (version === undefined) {
        findings.push({
          message: `${file.path} requires provider ${requirement.name} (${requirement.constraint}), which ${lock.path} does not lock.`,
          fix: `Run \`terraform init\` in ${where} and commit the updated ${TERRAFORM_LOCK}.`,
          file: file.path,
          line: requirement.line,
        });
      } else if (satisfies(version, requirement.constraint) === false) {
        findings.push({
          message: `${file.path} requires provider ${requirement.name} ${requirement.constraint}, but ${lock.path} locks ${version}; \`terraform init\` will refuse the locked version.`,
          fix: `Run \`terraform init -upgrade\` in ${where} and commit the updated ${TERRAFORM_LOCK} with this change.`,
          file: file.path,
          line: requirement.line,
        });
      }
    }
  }
  return findings;
}

function isUnderOrAt(directory: string, ancestor: string): boolean {
  return ancestor === '' || directory === ancestor || directory.startsWith(`${ancestor}/`);
}

/**
 * A lock file and the manifest it locks belong in one commit: a lock change without a constraint
 * change is a provider upgrade nobody asked for in review, a constraint the lock does not meet
 * cannot be initialised, and a dependency change without the lock installs something other than
 * what CI tested.
 */
export const lockfileConsistency: Rule = {
  id: 'lockfile-consistency',
  title: 'Lock files change with their manifests',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/lockfile-consistency.md',
  judgesChange: true,
  run: ({ files, context = [] }) => {
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
    findings.push(...unmetConstraints(files, context));
    return findings;
  },
};
