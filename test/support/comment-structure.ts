import GithubSlugger from 'github-slugger';

/**
 * Reads a rendered comment back the way a reader does: the checks table at the top, and what each
 * area's section lists. Tests compare the two, so a table that says "3 new" lists three.
 */

export interface TableRow {
  area: string;
  anchor: string;
  result: string;
  new: number;
  existing: number;
  fixed: number;
}

const ROW = /^\| \[([^\]]+)\]\(#([^)]*)\) \| (\S+ \w+) \| (\d+) \| (\d+) \| (\d+) \|$/;

export function checksTable(body: string): TableRow[] {
  return body.split('\n').flatMap((line) => {
    const match = ROW.exec(line);
    if (!match) return [];
    const [, area = '', anchor = '', result = '', fresh = '', existing = '', fixed = ''] = match;
    return [{ area, anchor, result, new: Number(fresh), existing: Number(existing), fixed: Number(fixed) }];
  });
}

export interface Listed {
  /** Items outside the existing and fixed folds: the findings that decide the verdict. */
  deciding: number;
  existing: number;
  fixed: number;
}

/** A finding item: an icon, then the bold rule link. Run notices, suppressed and skipped items have no bold link. */
const ITEM = /^- (❌|⚠️|ℹ️|✅) \*\*\[/;
/** Copies folded into one item say how many they are at the end of the message. */
const COPIES = /\(×(\d+)(?:, rendered by [^)]*)?\)(?:<br>\*\*Fix:\*\*|$)/;
/** A row of the per-rule tally a long backlog is shown as: the third cell counts findings. */
const TALLY_ROW = /^\| \[[a-z0-9-]+\]\([^)]*\) \| \S+ \w+ \| (\d+) \|/;

/** The findings listed in the section under `### heading`, by the fold they sit in. */
export function listedInSection(body: string, heading: string): Listed {
  const lines = body.split('\n');
  const start = lines.indexOf(`### ${heading}`);
  const listed: Listed = { deciding: 0, existing: 0, fixed: 0 };
  if (start === -1) return listed;
  let fold = '';
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('### ')) break;
    const summary = /^<details><summary>(.*)<\/summary>/.exec(line);
    if (summary) fold = summary[1] ?? '';
    const kind: keyof Listed = fold.startsWith('Already on the base branch') ? 'existing' : fold.startsWith('Fixed by this pull request') ? 'fixed' : 'deciding';
    if (ITEM.test(line)) listed[kind] += Number(COPIES.exec(line)?.[1] ?? 1);
    const tally = TALLY_ROW.exec(line);
    if (tally && kind === 'existing') listed.existing += Number(tally[1]);
    if (line.includes('</details>')) fold = '';
  }
  return listed;
}

/** The anchors GitHub gives the body's headings, with its own slugger (duplicates numbered as GitHub does). */
export function headingAnchors(body: string): Set<string> {
  const slugger = new GithubSlugger();
  return new Set(body.split('\n').flatMap((line) => (/^#{1,6} /.test(line) ? [slugger.slug(line.replace(/^#{1,6} /, ''))] : [])));
}

/** In-page link targets (`](#anchor)`) whose `]` is markdown's own, not an escaped one from input. */
export function sectionLinks(body: string): string[] {
  return [...body.matchAll(/\]\(#([^)]*)\)/g)].filter((match) => {
    let backslashes = 0;
    while (body[(match.index ?? 0) - 1 - backslashes] === '\\') backslashes += 1;
    return backslashes % 2 === 0;
  }).map((match) => match[1] ?? '');
}

/** Section links that name no heading of the same body. */
export function brokenSectionLinks(body: string): string[] {
  const anchors = headingAnchors(body);
  return sectionLinks(body).filter((anchor) => !anchors.has(anchor));
}
