/** Line arithmetic on raw text, for the readers that find a place without a line-keeping parser. */

/** How many newlines `text` has from `from` up to, not including, `to`. */
export function newlinesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  return 1 + newlinesBetween(text, 0, offset);
}
