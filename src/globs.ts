import { Minimatch } from 'minimatch';

export interface GlobOptions {
  /** Whether `Foo.LOG` matches `**\/*.log`; git is case-sensitive, so only where a rule says so. */
  nocase?: boolean;
}

interface CompiledGlob {
  pattern: Minimatch;
  /**
   * Text the path must contain for the glob to have any chance (`.terraform` for
   * `**\/.terraform/**`), lower-cased under nocase; `suffix` when the glob ends in literal text
   * (`.tfstate` for `**\/*.tfstate`). Most globs a rule lists name a kind of file, and most paths
   * are not of that kind: the check saves the matcher's walk.
   */
  required: string[];
  suffix?: string;
}

/**
 * Literal text outside wildcards must appear in a matching path. Not so inside braces, extglobs,
 * classes and escapes, across `..` segments (minimatch folds `a/../b` to `b`), or for negated and
 * comment patterns: those globs get no requirement.
 */
function requirementsOf(glob: string, nocase: boolean): Pick<CompiledGlob, 'required' | 'suffix'> {
  if (/^[!#]|[[\]{}()\\]|(?:^|\/)\.\.(?:\/|$)/.test(glob) || (nocase && !/^\p{ASCII}*$/u.test(glob))) return { required: [] };
  const text = nocase ? glob.toLowerCase() : glob;
  const required = text.split(/[*?/]+/).filter((run) => run !== '' && run !== '.');
  const last = required.at(-1);
  return { required, ...(last !== undefined && text.endsWith(last) ? { suffix: last } : {}) };
}

const compiled = new Map<string, CompiledGlob>();

function compile(glob: string, nocase: boolean): CompiledGlob {
  const key = `${nocase ? 'i' : 's'}:${glob}`;
  let found = compiled.get(key);
  if (!found) {
    found = { pattern: new Minimatch(glob, { dot: true, nocase }), ...requirementsOf(glob, nocase) };
    compiled.set(key, found);
  }
  return found;
}

function mayMatch({ required, suffix }: CompiledGlob, path: string): boolean {
  return (suffix === undefined || path.endsWith(suffix)) && required.every((run) => path.includes(run));
}

/**
 * Whether a repository path matches any of the globs, as minimatch reads them with `dot: true`
 * (dotfiles match: `.github/**` is infrastructure too). Each glob is compiled once per process.
 */
export function matchesAnyGlob(path: string, globs: readonly string[], options: GlobOptions = {}): boolean {
  if (globs.length === 0) return false;
  const nocase = options.nocase === true;
  // Outside ASCII, minimatch folds case more widely than toLowerCase (`ſ` matches `s`): no screening there.
  const screened = !nocase || /^\p{ASCII}*$/u.test(path);
  const text = nocase ? path.toLowerCase() : path;
  for (const glob of globs) {
    const found = compile(glob, nocase);
    if ((!screened || mayMatch(found, text)) && found.pattern.match(path)) return true;
  }
  return false;
}
