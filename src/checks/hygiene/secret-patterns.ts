/**
 * Credential detectors for added lines. The formats follow the issuers' documentation and the
 * rules of secretlint's recommended preset (@secretlint/secretlint-rule-preset-recommend), the
 * maintained JavaScript rule set; it is not a dependency because its engine lints whole files
 * through a plugin loader, while tollgate scans only the lines a change adds and must never let a
 * matched value reach a report. Specific formats come first; the generic assignment detector only
 * reports values that look random (Shannon entropy) and are not references or placeholders.
 */

export interface SecretMatch {
  /** A stable id for the kind, e.g. `aws-access-key-id`. */
  kind: string;
  /** What to call it in a message, e.g. "an AWS access key ID". */
  name: string;
  /** The secret itself: callers must pass it through `redact` before it goes anywhere. */
  value: string;
  /** 0-based offset of the value in the scanned line. */
  start: number;
}

interface Detector {
  kind: string;
  name: string;
  pattern: RegExp;
  /** The capture group holding the secret; the whole match when absent. */
  group?: number;
  accept?: (value: string, match: RegExpExecArray) => boolean;
}

/** Keys and tokens printed in vendors' documentation: they are meant to be copied into examples. */
const DOCUMENTED_EXAMPLES = new Set([
  // AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // Stripe's API reference examples.
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  // The jwt.io example token (HS256, secret "your-256-bit-secret").
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** AWS marks every key in its documentation with EXAMPLE; real keys are random and never spell it. */
function notDocumented(value: string): boolean {
  return !DOCUMENTED_EXAMPLES.has(value) && !/EXAMPLE/.test(value);
}

/** Bits of information per character, by character frequency. */
export function shannonEntropy(text: string): number {
  if (text === '') return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...text].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Values that point at a secret instead of holding one: variables, templates, lookups. */
const REFERENCE = [
  /\$\{|\$\(|#\{|%\{|\{\{|<%|@@/, // interpolation and templates of every flavour
  /^\$[A-Za-z_]/, // shell and Make variables
  /^%[A-Za-z_]+%$/, // Windows variables
  /^<[^>]+>$/, // <your-token>
  /^(?:var|local|data|module|each|self|secrets|env|vars|inputs|steps|needs|github|process\.env|os\.environ)\b[.[]/,
  /^[a-z_][a-z0-9_]*(?:\.[A-Za-z0-9_[\]"*-]+)+$/, // random_password.db.result, aws_secretsmanager_secret_version.x.secret_string
  /^(?:arn|projects|vault|op|sm|ssm|kv|secret|ref|file|https?):/i, // ARNs, Secret Manager paths, 1Password refs, file paths, URLs
  /^(?:\.{0,2}\/|~\/)[\w./-]+$/, // a file path
];

/**
 * An unquoted value that is code, not data: a call (`core.getInput('token')`) or a property path
 * (`PLANTED.token`, `this.config.apiKey`) of word-like names (letters, digits only at the end), so
 * a random value with a dot (`Zq8.vT3kLw9x` in a .env file) is still judged. Quoted values are data.
 */
const CODE_EXPRESSION = /^[A-Za-z_$][A-Za-z_$]*\d*(?:\??\.[A-Za-z_$][A-Za-z_$]*\d*)*(?:\(|(?<=\.[A-Za-z_$]+\d*)$)/;

const PLACEHOLDER = /example|changeme|change_me|change-me|placeholder|dummy|sample|your[-_]?|redacted|xxxx|\*{3}|\.{3}|todo|fixme|fake|insert|replace|secret|password|passw0rd|notreal|testtest|foobar|lorem/i;

function looksRandom(value: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  if (classes < 2) return false;
  // Short strings cannot reach high per-character entropy: the bar scales with length, capped at 3.5 bits.
  const threshold = Math.min(3.5, Math.log2(value.length) - 0.6);
  return shannonEntropy(value) >= threshold;
}

function plausibleSecretValue(value: string): boolean {
  if (REFERENCE.some((pattern) => pattern.test(value))) return false;
  if (PLACEHOLDER.test(value)) return false;
  if (/^(.)\1+$/.test(value)) return false;
  if (/^(?:true|false|null|none|nil|undefined|\d+)$/i.test(value)) return false;
  return looksRandom(value);
}

function base64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A signed JWT: its header decodes to JSON naming a real algorithm (an `alg: none` token carries no signature). */
function isSignedJwt(token: string): boolean {
  const header = base64UrlJson(token.split('.')[0] ?? '');
  return typeof header?.['alg'] === 'string' && header['alg'].toLowerCase() !== 'none';
}

/** A key naming a secret; YAML wants whitespace after its colon, so `secret:x` inside an ARN is not one. */
const SECRET_KEY_NAME = String.raw`[A-Za-z0-9_.-]*?(?:password|passwd|passphrase|secret|secret[_-]?key|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|auth[_-]?key|credentials?)`;

const DETECTORS: readonly Detector[] = [
  {
    kind: 'private-key',
    name: 'a private key',
    pattern: /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----/,
  },
  {
    kind: 'aws-access-key-id',
    name: 'an AWS access key ID',
    pattern: /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Za-z0-9])/,
    group: 1,
    accept: notDocumented,
  },
  {
    kind: 'aws-secret-access-key',
    name: 'an AWS secret access key',
    pattern: /(?:aws_?secret_?access_?key|secret_?access_?key|secretaccesskey)["']?\s*(?::=|=>|[:=])\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    group: 1,
    accept: (value) => notDocumented(value) && shannonEntropy(value) >= 4,
  },
  {
    kind: 'github-token',
    name: 'a GitHub token',
    pattern: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/,
    group: 1,
  },
  {
    kind: 'slack-webhook',
    name: 'a Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]{16,})/,
    group: 1,
  },
  {
    kind: 'slack-token',
    name: 'a Slack token',
    pattern: /(?<![A-Za-z0-9])(xox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{6,}|xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]+)/,
    group: 1,
  },
  {
    kind: 'stripe-key',
    name: 'a Stripe secret key',
    pattern: /(?<![A-Za-z0-9])((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,247})(?![A-Za-z0-9])/,
    group: 1,
    accept: notDocumented,
  },
  {
    kind: 'google-api-key',
    name: 'a Google API key',
    pattern: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/,
    group: 1,
  },
  {
    kind: 'npm-token',
    name: 'an npm access token',
    pattern: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/,
    group: 1,
  },
  {
    kind: 'jwt',
    name: 'a JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})/,
    group: 1,
    accept: (value) => notDocumented(value) && isSignedJwt(value),
  },
  {
    kind: 'connection-string',
    name: 'a connection string with a password',
    pattern: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse)(?:\+[a-z0-9]+)?:\/\/[^\s:/@'"]+:([^\s@'"/]+)@[^\s'"/]+/i,
    group: 1,
    accept: (value) => !REFERENCE.some((pattern) => pattern.test(value)) && !PLACEHOLDER.test(value) && !/^(.)\1*$/.test(value) && value.length >= 4,
  },
  {
    kind: 'generic-secret',
    name: 'a high-entropy secret assignment',
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9_])${SECRET_KEY_NAME}["']?(?:\s*(?::=|=>|=)|\s*:(?=\s)|(?<=["'])\s*:)\s*(?:["'\x60]([^"'\x60\s]{10,200})["'\x60]|([^\s"'\x60,;#]{10,200}))`, 'i'),
    // match[2] is the unquoted form of the value.
    accept: (value, match) => notDocumented(value) && plausibleSecretValue(value) && !(match[2] !== undefined && CODE_EXPRESSION.test(value)),
  },
];

/** Inline data (images, fonts) is base64 noise in which a prefix like `AKIA` turns up by chance. */
const DATA_URI = /data:[\w.+/-]+;base64,[A-Za-z0-9+/=]+/g;

/** Longer lines are minified or embedded data; scanning past this costs time and finds noise. */
export const MAX_SCANNED_LINE = 4096;

/** Every secret-looking value in one line, at most one per detector and never two on the same span. */
export function findSecrets(line: string): SecretMatch[] {
  const text = (line.length > MAX_SCANNED_LINE ? line.slice(0, MAX_SCANNED_LINE) : line).replace(DATA_URI, (uri) => ' '.repeat(uri.length));
  const found: SecretMatch[] = [];
  for (const detector of DETECTORS) {
    const match = detector.pattern.exec(text);
    if (!match) continue;
    const value = detector.group !== undefined ? match[detector.group] : (match[1] ?? match[2] ?? match[0]);
    if (value === undefined || !(detector.accept?.(value, match) ?? true)) continue;
    const start = text.indexOf(value, match.index);
    const end = start + value.length;
    if (found.some((other) => start < other.start + other.value.length && other.start < end)) continue;
    found.push({ kind: detector.kind, name: detector.name, value, start });
  }
  return found;
}

/** The first four characters and an ellipsis: enough to find the value, never enough to use it. */
export function redact(value: string): string {
  return `${[...value].slice(0, 4).join('')}…`;
}

export const SECRET_KINDS: readonly string[] = DETECTORS.map((detector) => detector.kind);
