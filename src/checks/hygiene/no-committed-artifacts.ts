import { matchesAnyGlob } from '../../globs.js';
import type { ChangedFile } from '../../changes/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { findSecrets } from './secret-patterns.js';

interface ArtifactKind {
  what: string;
  globs: string[];
  fix: string;
}

/**
 * Files that must never live in a repository: they hold state, credentials or machine-local
 * output. Matched on the base name or a path segment so the check works at any depth.
 */
const ARTIFACTS: readonly ArtifactKind[] = [
  {
    what: 'Terraform state',
    globs: ['**/*.tfstate', '**/*.tfstate.backup', '**/*.tfstate.*.backup'],
    fix: 'Remove it and keep state in a remote backend (S3, GCS, azurerm, Terraform Cloud); state holds every secret of the stack.',
  },
  {
    what: 'a saved Terraform plan',
    globs: ['**/*.tfplan', '**/tfplan', '**/*.plan.out'],
    fix: 'Remove it and add `*.tfplan` to .gitignore; plans embed variable values and go stale at once.',
  },
  {
    what: 'a .terraform working directory',
    globs: ['**/.terraform/**'],
    fix: 'Remove it and add `.terraform/` to .gitignore; `terraform init` recreates it.',
  },
  {
    what: 'a kubeconfig',
    globs: ['**/kubeconfig', '**/kubeconfig.y?(a)ml', '**/*.kubeconfig', '**/.kube/config'],
    fix: 'Remove it and rotate the credentials it holds; CI should get cluster access from its identity provider.',
  },
  {
    what: 'an environment file',
    globs: ['**/.env', '**/.env.*'],
    fix: 'Remove it, rotate any secret it held, and commit a `.env.example` with placeholder values instead.',
  },
  {
    what: 'a private key',
    globs: ['**/*.pem', '**/id_rsa', '**/id_dsa', '**/id_ecdsa', '**/id_ed25519', '**/*.p12', '**/*.pfx'],
    fix: 'Remove it, revoke the key, and keep keys in a secret manager.',
  },
  {
    what: 'a Terraform crash log',
    globs: ['**/crash.log', '**/crash.*.log'],
    fix: 'Remove it; crash logs can contain provider credentials and plan values.',
  },
];

/** Templates of environment files are the recommended practice, not an artifact. */
const ENV_TEMPLATES = ['**/.env.example', '**/.env.sample', '**/.env.template', '**/.env.dist'];

/** Artifacts are named by convention, not by git: `Terraform.TFSTATE` is still a state file. */
function matchesAny(path: string, globs: readonly string[]): boolean {
  return matchesAnyGlob(path, globs, { nocase: true });
}

export function classifyArtifact(path: string): ArtifactKind | undefined {
  if (matchesAny(path, ENV_TEMPLATES)) return undefined;
  return ARTIFACTS.find((kind) => matchesAny(path, kind.globs));
}

const TFVARS = ['**/*.tfvars', '**/*.tfvars.json'];

/** The first line of a variables file that sets a secret-looking value; the value itself is never reported. */
export function secretInVariables(file: ChangedFile): { line: number; what: string } | undefined {
  if (file.after === undefined || !matchesAny(file.path, TFVARS)) return undefined;
  const lines = file.after.split('\n');
  for (const [index, text] of lines.entries()) {
    const [secret] = findSecrets(text);
    if (secret) return { line: index + 1, what: secret.name };
  }
  return undefined;
}

function isPresentAtHead(file: ChangedFile): boolean {
  return file.status !== 'removed';
}

export const noCommittedArtifacts: Rule = {
  id: 'no-committed-artifacts',
  title: 'No state, plans, keys or local artifacts committed',
  category: 'hygiene',
  severity: 'error',
  docs: 'docs/rules/no-committed-artifacts.md',
  options: {
    allow: {
      title: 'Allowed artifacts',
      description: 'Glob patterns of files that look like artifacts but are committed on purpose (for example test fixtures).',
      type: 'array',
      items: { $ref: '#/definitions/glob' },
    },
  },
  run: ({ files, options }) => {
    const allow = Array.isArray(options.allow) ? options.allow.filter((g): g is string => typeof g === 'string') : [];
    const findings: RuleFinding[] = [];
    for (const file of files) {
      if (!isPresentAtHead(file) || matchesAny(file.path, allow)) continue;
      const kind = classifyArtifact(file.path);
      const secret = kind ? undefined : secretInVariables(file);
      if (secret) {
        findings.push({
          message: `${file.path} sets ${secret.what} in a committed variables file.`,
          fix: 'Keep secrets out of tfvars: pass them as TF_VAR_ environment variables from a CI secret, or read them with a secrets-manager data source.',
          file: file.path,
          line: secret.line,
        });
      }
      if (!kind) continue;
      findings.push({ message: `${file.path} is ${kind.what}; it must not be committed.`, fix: kind.fix, file: file.path });
    }
    return findings;
  },
};
