// Renders the demo's pull-request comment as GitHub shows it, in the light and the dark theme, and
// saves docs/comment-light.png and docs/comment-dark.png for the README.
// Usage: npm run screenshot   (needs `npm run build` first, Chromium and pngquant:
// apt-get install chromium pngquant; set CHROMIUM to Chromium's path when it has another name)
//
// Chromium is driven through its own command line (--dump-dom to measure, --screenshot to shoot)
// rather than a driver library: the drivers that fit want a newer Node or a browser download.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Marked } from 'marked';
import { gfmHeadingId } from 'marked-gfm-heading-id';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE_WIDTH = 860;
const MARGIN = 16;
const SIZE_BUDGET = 300 * 1024;

const THEMES = {
  light: { css: 'github-markdown-light.css', canvas: '#ffffff', subtle: '#f6f8fa', border: '#d1d9e0', muted: '#59636e', fg: '#1f2328' },
  dark: { css: 'github-markdown-dark.css', canvas: '#0d1117', subtle: '#151b23', border: '#3d444d', muted: '#9198a1', fg: '#f0f6fc' },
};

function fail(message) {
  console.error(`screenshot-comment: ${message}`);
  process.exit(1);
}

function findChromium() {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ['chromium', 'chromium-browser', 'google-chrome'];
  const found = candidates.find((name) => spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0);
  if (!found) fail(`no Chromium found (tried ${candidates.join(', ')}). Install it (Debian: apt-get install chromium) or set CHROMIUM to its path.`);
  return found;
}

/** pngquant cuts a screenshot of text to about a third of Chromium's PNG, with no difference a reader can see. */
function findPngquant() {
  if (spawnSync('pngquant', ['--version'], { encoding: 'utf8' }).status !== 0) fail('no pngquant found. Install it (Debian: apt-get install pngquant): it keeps the pictures small enough for the README.');
  return 'pngquant';
}

function compress(pngquant, file) {
  const result = spawnSync(pngquant, ['--quality', '80-100', '--speed', '1', '--strip', '--force', '--output', file, file], { encoding: 'utf8' });
  if (result.status !== 0) fail(`pngquant could not compress ${file}:\n${result.stderr}`);
}

function demoMarkdown() {
  const cli = join(root, 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'demo', '--format', 'markdown'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) fail(`\`node dist/cli.js demo --format markdown\` failed (run \`npm run build\` first):\n${result.stderr}`);
  return result.stdout;
}

/** GitHub-flavoured HTML with GitHub's heading ids; fails when a link to a section names no heading. */
function renderHtml(markdown) {
  const html = new Marked({ gfm: true }).use(gfmHeadingId()).parse(markdown);
  const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
  const broken = [...html.matchAll(/ href="#([^"]*)"/g)].map((match) => match[1]).filter((id) => !ids.has(id));
  if (broken.length > 0) fail(`links to missing sections: ${broken.map((id) => `#${id}`).join(', ')}`);
  return html;
}

/** A page laid out like a comment on a pull request's conversation tab. */
function page(html, theme) {
  const colors = THEMES[theme];
  const css = readFileSync(join(root, 'node_modules', 'github-markdown-css', colors.css), 'utf8');
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
${css}
html, body { margin: 0; background: ${colors.canvas}; }
.comment { box-sizing: border-box; width: ${PAGE_WIDTH - 2 * MARGIN}px; margin: ${MARGIN}px; border: 1px solid ${colors.border}; border-radius: 6px; overflow: hidden; }
.comment-header { padding: 8px 16px; background: ${colors.subtle}; border-bottom: 1px solid ${colors.border}; color: ${colors.muted};
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.comment-header strong { color: ${colors.fg}; }
.comment-header .label { margin: 0 4px; padding: 0 6px; border: 1px solid ${colors.border}; border-radius: 2em; font-size: 12px; }
.markdown-body { padding: 16px; font-size: 14px; }
</style></head>
<body><div class="comment">
<div class="comment-header"><strong>github-actions</strong><span class="label">bot</span> commented</div>
<div class="markdown-body">${html}</div>
</div>
<script>document.body.dataset.height = String(Math.ceil(document.querySelector('.comment').getBoundingClientRect().bottom) + ${MARGIN});</script>
</body></html>`;
}

function chromiumArgs(extra) {
  // --no-sandbox: the sandbox refuses to start as root, which is how containers and CI run this.
  return ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1', ...extra];
}

function measureHeight(chromium, url) {
  const result = spawnSync(chromium, chromiumArgs([`--window-size=${PAGE_WIDTH},1000`, '--dump-dom', url]), { encoding: 'utf8' });
  const height = Number(/data-height="(\d+)"/.exec(result.stdout ?? '')?.[1]);
  if (result.status !== 0 || !Number.isFinite(height) || height <= 0) fail(`Chromium could not lay out the page:\n${result.stderr}`);
  return height;
}

function screenshot(chromium, url, height, out) {
  const result = spawnSync(chromium, chromiumArgs([`--window-size=${PAGE_WIDTH},${height}`, `--screenshot=${out}`, url]), { encoding: 'utf8' });
  if (result.status !== 0) fail(`Chromium could not take the screenshot:\n${result.stderr}`);
}

const chromium = findChromium();
const pngquant = findPngquant();
const html = renderHtml(demoMarkdown());
const work = mkdtempSync(join(tmpdir(), 'tollgate-screenshot-'));
try {
  for (const theme of Object.keys(THEMES)) {
    const file = join(work, `${theme}.html`);
    writeFileSync(file, page(html, theme));
    const url = pathToFileURL(file).href;
    const out = join(root, 'docs', `comment-${theme}.png`);
    screenshot(chromium, url, measureHeight(chromium, url), out);
    compress(pngquant, out);
    const size = statSync(out).size;
    console.log(`docs/comment-${theme}.png: ${Math.round(size / 1024)} KB`);
    if (size > SIZE_BUDGET) fail(`docs/comment-${theme}.png is over ${SIZE_BUDGET / 1024} KB; the README would carry a heavy image`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
