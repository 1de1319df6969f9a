import { matchesAnyGlob } from '../../globs.js';
import type { Rule, RuleFinding } from '../model.js';
import { ownerRuleFor, parseCodeowners } from './codeowners.js';
import { globList, stringList } from './options.js';

/** Infrastructure beyond what the parsers recognise: Terraform of any kind, CI workflows and actions. */
export const DEFAULT_INFRASTRUCTURE = ['**/*.tf', '**/*.tf.json', '**/*.tfvars', '**/.terraform.lock.hcl', '.github/workflows/**', '.github/actions/**'];

/** A pattern for the file's top directory, or the file itself at the root. */
function ownerPattern(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? `/${path}` : `/${path.slice(0, slash)}/`;
}

export const codeownersCoverage: Rule = {
  id: 'codeowners-coverage',
  title: 'Changed infrastructure has code owners',
  category: 'hygiene',
  severity: 'notice',
  docs: 'docs/rules/codeowners-coverage.md',
  judgesChange: true,
  options: {
    paths: globList(
      'Infrastructure paths',
      `Files that need an owner, besides every file that defines a Terraform, CloudFormation or Kubernetes resource. Default: ${DEFAULT_INFRASTRUCTURE.join(', ')}.`,
    ),
  },
  run: ({ files, resources, codeowners, options }) => {
    if (codeowners === undefined) return { skip: 'no CODEOWNERS file in .github/, the repository root or docs/' };
    const rules = parseCodeowners(codeowners.text);
    const globs = stringList(options, 'paths', DEFAULT_INFRASTRUCTURE);
    const resourceFiles = new Set(resources.flatMap((change) => [change.after?.file, change.before?.file]).filter((file): file is string => file !== undefined));
    const findings: RuleFinding[] = [];
    for (const file of files) {
      if (file.status === 'removed') continue;
      const infrastructure = resourceFiles.has(file.path) || matchesAnyGlob(file.path, globs);
      if (!infrastructure) continue;
      const rule = ownerRuleFor(file.path, rules);
      if (rule && rule.owners.length > 0) continue;
      findings.push({
        message: rule
          ? `${file.path} is infrastructure, but ${codeowners.path} line ${rule.line} (\`${rule.pattern}\`) leaves it without an owner.`
          : `${file.path} is infrastructure, but no rule in ${codeowners.path} covers it.`,
        fix: `Add a line to ${codeowners.path} that assigns it to the team that reviews infrastructure, e.g. \`${ownerPattern(file.path)} @org/platform\` (the last matching line wins).`,
        file: file.path,
      });
    }
    return findings;
  },
};
