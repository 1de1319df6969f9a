/** How the terminal shows emphasis: ANSI styles on a colour terminal, nothing when piped or NO_COLOR is set. */
interface Styles {
  strong(text: string): string;
  code(text: string): string;
}

const PLAIN: Styles = { strong: (text) => text, code: (text) => text };
const ANSI: Styles = { strong: (text) => `\u001b[1m${text}\u001b[22m`, code: (text) => `\u001b[36m${text}\u001b[39m` };

export interface TerminalMarkdownOptions {
  color: boolean;
  /** What a link's target becomes in the text: a relative page means nothing outside the repository. */
  link(target: string): string;
}

const CODE_SPAN = /`([^`]+)`/g;
const LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;
const STRONG = /\*\*(.+?)\*\*/g;

/** One line's inline markdown: code spans first, so a `**` or `[` inside code stays as written. */
function inline(text: string, styles: Styles, link: (target: string) => string): string {
  return text
    .split(CODE_SPAN)
    .map((part, index) => {
      // split() with a capturing group puts each code span's content at the odd indexes.
      if (index % 2 === 1) return styles.code(part);
      return part
        .replace(LINK, (_, label: string, target: string) => {
          const shown = link(target);
          return label === target || label === shown ? shown : `${label} (${shown})`;
        })
        .replace(STRONG, (_, strong: string) => styles.strong(strong))
        .replace(/\\([\\`*_|[\]#])/g, '$1');
    })
    .join('');
}

function heading(level: number, text: string, styles: Styles, link: (target: string) => string): string[] {
  const shown = inline(text, styles, link);
  const plainLength = inline(text, PLAIN, link).length;
  if (level === 1) return [styles.strong(shown), '='.repeat(plainLength)];
  if (level === 2) return [styles.strong(shown), '-'.repeat(plainLength)];
  return [styles.strong(shown)];
}

/** A row's cells, without the outer pipes; an escaped pipe stays inside its cell. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

const SEPARATOR_ROW = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/;

/** A table as aligned columns, its header row emphasised and the `|---|` row left out. */
function table(rows: readonly string[], styles: Styles, link: (target: string) => string): string[] {
  const body = rows.filter((row) => !SEPARATOR_ROW.test(row.trim())).map(cells);
  const widths: number[] = [];
  for (const row of body) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, inline(cell, PLAIN, link).length)));
  return body.map((row, rowIndex) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat((widths[column] ?? 0) - inline(cell, PLAIN, link).length);
        const shown = inline(cell, styles, link);
        return (rowIndex === 0 ? styles.strong(shown) : shown) + (column < row.length - 1 ? padding : '');
      })
      .join('  ')
      .trimEnd(),
  );
}

/**
 * A markdown page (a rule's docs page) as terminal text: headings underlined, code blocks indented
 * and unfenced, tables aligned, links followed by where they lead, emphasis marks dropped (or
 * shown as ANSI styles). Lines keep their breaks: the terminal wraps long ones.
 */
export function markdownForTerminal(markdown: string, options: TerminalMarkdownOptions): string {
  const styles = options.color ? ANSI : PLAIN;
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  let tableRows: string[] = [];
  const flushTable = () => {
    if (tableRows.length > 0) out.push(...table(tableRows, styles, options.link));
    tableRows = [];
  };
  for (const line of lines) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark !== undefined && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      else out.push(line === '' ? '' : `    ${styles.code(line)}`);
      continue;
    }
    if (fenceMark !== undefined) {
      flushTable();
      fence = fenceMark;
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      tableRows.push(line);
      continue;
    }
    flushTable();
    const headingMatch = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (headingMatch) out.push(...heading(headingMatch[1]?.length ?? 1, headingMatch[2] ?? '', styles, options.link));
    else out.push(inline(line, styles, options.link));
  }
  flushTable();
  return `${out.join('\n').trimEnd()}\n`;
}
