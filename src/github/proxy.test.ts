import { describe, expect, it } from 'vitest';
import { proxyFor } from './proxy.js';

const API = 'https://api.github.com';

describe('proxyFor', () => {
  it.each([
    ['no proxy configured', API, {}, undefined],
    ['https_proxy for an https API', API, { https_proxy: 'http://proxy.corp:3128' }, 'http://proxy.corp:3128/'],
    ['HTTPS_PROXY when the lower-case one is unset', API, { HTTPS_PROXY: 'http://proxy.corp:3128' }, 'http://proxy.corp:3128/'],
    ['a proxy without a scheme is an http proxy', API, { https_proxy: 'proxy.corp:3128' }, 'http://proxy.corp:3128/'],
    ['http_proxy is not used for https', API, { http_proxy: 'http://proxy.corp:3128' }, undefined],
    ['http_proxy for an http server (GHES)', 'http://ghes.corp/api/v3', { http_proxy: 'http://proxy.corp:3128' }, 'http://proxy.corp:3128/'],
    ['no_proxy naming the host', API, { https_proxy: 'http://p:1', no_proxy: 'api.github.com' }, undefined],
    ['no_proxy naming a parent domain', API, { https_proxy: 'http://p:1', no_proxy: 'github.com' }, undefined],
    ['no_proxy with a leading dot', API, { https_proxy: 'http://p:1', NO_PROXY: '.github.com' }, undefined],
    ['no_proxy with the port', 'https://ghes.corp:8443/api/v3', { https_proxy: 'http://p:1', no_proxy: 'ghes.corp:8443' }, undefined],
    ['no_proxy with another port', 'https://ghes.corp:8443/api/v3', { https_proxy: 'http://p:1', no_proxy: 'ghes.corp:443' }, 'http://p:1/'],
    ['no_proxy for every host', API, { https_proxy: 'http://p:1', no_proxy: ' * ' }, undefined],
    ['no_proxy naming another domain', API, { https_proxy: 'http://p:1', no_proxy: 'example.com,hub.com' }, 'http://p:1/'],
    ['loopback is never proxied', 'http://127.0.0.1:8080', { http_proxy: 'http://p:1' }, undefined],
    ['localhost is never proxied', 'http://localhost:8080', { http_proxy: 'http://p:1' }, undefined],
    ['an unreadable proxy value is ignored', API, { https_proxy: 'http://[broken' }, undefined],
  ])('%s', (_, target, env, expected) => {
    expect(proxyFor(target, env)?.url).toBe(expected);
  });

  it('takes credentials out of the proxy URL into a Basic authorization, decoded', () => {
    const proxy = proxyFor(API, { https_proxy: 'http://build%40corp:p%3Ass@proxy.corp:3128' });
    expect(proxy).toEqual({ url: 'http://proxy.corp:3128/', authorization: `Basic ${Buffer.from('build@corp:p:ss').toString('base64')}` });
  });
});
