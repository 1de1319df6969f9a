/**
 * Hostile inputs, generated at test time so that nothing large is committed. Every generator is
 * deterministic: a failing case names its position or size and can be rebuilt exactly.
 */

/** `count` cut points spread evenly over `text` (every Nth character), never 0 or the full length. */
export function cutPoints(text: string, count: number): number[] {
  const step = Math.max(1, Math.floor(text.length / (count + 1)));
  const points: number[] = [];
  for (let at = step; at < text.length && points.length < count; at += step) points.push(at);
  return points;
}

/** Characters that break, or change the meaning of, YAML, JSON and HCL wherever they land. */
const BREAKERS = ['{', '}', '[', ']', '"', "'", ':', '\t', '\n  - ', '&a', '*a', '!', '${', '<<EOF', '#', ',', '='];

/** The valid text truncated at `count` evenly spaced positions. */
export function truncations(text: string, count: number): { at: number; text: string }[] {
  return cutPoints(text, count).map((at) => ({ at, text: text.slice(0, at) }));
}

/** The valid text with one breaking character inserted at `count` evenly spaced positions. */
export function insertions(text: string, count: number): { at: number; inserted: string; text: string }[] {
  return cutPoints(text, count).map((at, index) => {
    const inserted = BREAKERS[index % BREAKERS.length] ?? '{';
    return { at, inserted, text: text.slice(0, at) + inserted + text.slice(at) };
  });
}

/** "Billion laughs": each level names the previous one `width` times; fully expanded it is width^levels nodes. */
export function yamlAliasBomb(levels = 9, width = 9): string {
  const lines = ['a0: &a0 ["lol"]'];
  for (let level = 1; level <= levels; level += 1) {
    const refs = Array.from({ length: width }, () => `*a${level - 1}`).join(', ');
    lines.push(`a${level}: &a${level} [${refs}]`);
  }
  return ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: laughs', 'data:', ...lines.map((line) => `  ${line}`), ''].join('\n');
}

/** A Kubernetes manifest whose `data` value is nested `depth` levels deep (flow style, so the text stays small). */
export function deepYaml(depth: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  deep: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
}

/** A CloudFormation-shaped JSON document nested `depth` levels deep. */
export function deepJson(depth: number): string {
  return `{"Resources": {"Deep": {"Type": "AWS::S3::Bucket", "Properties": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}}`;
}

/** HCL nested `depth` levels three ways: blocks, object constructors and parentheses. */
export function deepHcl(depth: number): { blocks: string; objects: string; parentheses: string } {
  return {
    blocks: `resource "aws_s3_bucket" "deep" {\n${'dynamic "x" {\n'.repeat(depth)}${'}\n'.repeat(depth)}}\n`,
    objects: `resource "aws_s3_bucket" "deep" {\n  tags = ${'{ a = '.repeat(depth)}1${' }'.repeat(depth)}\n}\n`,
    parentheses: `locals {\n  deep = ${'('.repeat(depth)}1${')'.repeat(depth)}\n}\n`,
  };
}

/** A syntactically valid Kubernetes List of about `bytes` bytes: big, but every item is real. */
export function hugeYaml(bytes: number): string {
  const item = (index: number): string =>
    `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: config-${index}\n  data:\n    value: "${'x'.repeat(200)}"\n`;
  const one = item(0).length;
  const parts = ['apiVersion: v1\nkind: List\nitems:\n'];
  for (let index = 0; index * one < bytes; index += 1) parts.push(item(index));
  return parts.join('');
}

/** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, truncated sequences. */
export function invalidUtf8(valid: string): Buffer {
  const bad = Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xe2, 0x82]);
  const text = Buffer.from(valid, 'utf8');
  const middle = Math.floor(text.length / 2);
  return Buffer.concat([text.subarray(0, middle), bad, text.subarray(middle), bad]);
}

/** The text as UTF-16LE with its byte-order mark, as Windows editors save it. */
export function utf16WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** The text as a TextDecoder reads those bytes, which is what every change collector does. */
export function decodedAsUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

export function withCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** NUL bytes at the start, the middle and the end of a line. */
export function withNulBytes(text: string): string {
  const middle = Math.floor(text.length / 2);
  return `\u0000${text.slice(0, middle)}\u0000${text.slice(middle)}\u0000`;
}

/** File names a shell, a markdown renderer or a path joiner could misread. */
export const HOSTILE_NAMES = [
  'k8s/with space/app deployment.yaml',
  'k8s/ünïcödé/デプロイ.yaml',
  'k8s/new\nline.yaml',
  'k8s/$(touch pwned)/app.yaml',
  'k8s/`id`/app.yaml',
  'k8s/semi;colon|pipe&amp/app.yaml',
  'k8s/-leading-dash.yaml',
  'k8s/<img src=x onerror=alert(1)>.yaml',
  'k8s/@octocat.yaml',
] as const;
