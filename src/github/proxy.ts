/*
 * Self-hosted runners often reach GitHub only through a proxy named by https_proxy (or
 * http_proxy) with exceptions in no_proxy, the convention the runner and its toolkit follow.
 * Node's own fetch ignores those variables, so a request that needs a proxy goes through
 * undici's ProxyAgent, loaded only then: a run without a proxy never pays for it.
 */

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface Proxy {
  url: string;
  /** `Basic …` from credentials written in the proxy URL, decoded as a browser would. */
  authorization?: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

function isLoopback(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower.startsWith('127.') || lower === '[::1]' || lower === '[0:0:0:0:0:0:0:1]';
}

/** no_proxy entries: `*`, a host, `host:port`, or a domain (`example.com` or `.example.com`, matching its subdomains). */
function bypassed(target: URL, noProxy: string): boolean {
  if (isLoopback(target.hostname)) return true;
  const host = target.hostname.toLowerCase();
  const port = target.port !== '' ? Number(target.port) : DEFAULT_PORTS[target.protocol];
  const names = port === undefined ? [host] : [host, `${host}:${port}`];
  return noProxy
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .some((entry) => entry === '*' || names.some((name) => name === entry || name.endsWith(entry.startsWith('.') ? entry : `.${entry}`)));
}

/** `proxy.corp:3128` is a URL with the scheme `proxy.corp:` to the parser; without `scheme://` it is an http proxy. */
function proxyUrl(value: string): URL | undefined {
  try {
    return new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    return undefined;
  }
}

/** The proxy a request to `target` goes through, or undefined for a direct connection. */
export function proxyFor(target: string, env: Readonly<Record<string, string | undefined>>): Proxy | undefined {
  const url = new URL(target);
  if (bypassed(url, env['no_proxy'] || env['NO_PROXY'] || '')) return undefined;
  const configured = url.protocol === 'https:' ? env['https_proxy'] || env['HTTPS_PROXY'] : env['http_proxy'] || env['HTTP_PROXY'];
  const proxy = configured ? proxyUrl(configured) : undefined;
  if (proxy === undefined) return undefined;
  const credentials = proxy.username || proxy.password ? `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}` : undefined;
  proxy.username = '';
  proxy.password = '';
  return { url: proxy.href, ...(credentials !== undefined ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {}) };
}

/** A fetch through `proxy`; undici is imported on the first request and one agent serves the run. */
export function proxiedFetch(proxy: Proxy): Fetch {
  let through: Promise<Fetch> | undefined;
  const load = async (): Promise<Fetch> => {
    const undici = await import('undici');
    const dispatcher = new undici.ProxyAgent({ uri: proxy.url, ...(proxy.authorization !== undefined ? { token: proxy.authorization } : {}) });
    return (url, init) => undici.fetch(url, { ...(init as Parameters<typeof undici.fetch>[1]), dispatcher }) as unknown as Promise<Response>;
  };
  return async (url, init) => (await (through ??= load()))(url, init);
}
