import { describe, expect, it } from 'vitest';

import { parseProxyUrl, proxyFor, readProxySettings, type ProxyEnvironment } from './proxy-environment.js';

const aliyun = new URL('https://dysmsapi.aliyuncs.com/');
const plainHttp = new URL('http://sms.internal.example:8080/');

/** The proxy a URL goes through under this environment, as text, or 'direct'. */
const routeOf = (environment: ProxyEnvironment, target: URL = aliyun): string => {
  const decision = proxyFor(readProxySettings(environment), target);
  return decision.kind === 'direct' ? 'direct' : decision.proxy.href;
};

describe('which variable names the proxy', () => {
  it('nothing set: direct', () => {
    expect(routeOf({})).toBe('direct');
    expect(routeOf({}, plainHttp)).toBe('direct');
  });

  it('https URLs use https_proxy or HTTPS_PROXY', () => {
    expect(routeOf({ HTTPS_PROXY: 'http://upper.corp:3128' })).toBe('http://upper.corp:3128/');
    expect(routeOf({ https_proxy: 'http://lower.corp:3128' })).toBe('http://lower.corp:3128/');
  });

  it('the lower-case variable wins when both are set, as in curl', () => {
    expect(routeOf({ https_proxy: 'http://lower.corp:3128', HTTPS_PROXY: 'http://upper.corp:3128' })).toBe(
      'http://lower.corp:3128/'
    );
    expect(routeOf({ no_proxy: 'example.org', NO_PROXY: 'aliyuncs.com', HTTPS_PROXY: 'http://p.corp:3128' })).toBe(
      'http://p.corp:3128/'
    );
  });

  it('an empty variable counts as unset', () => {
    expect(routeOf({ https_proxy: '', HTTPS_PROXY: 'http://upper.corp:3128' })).toBe('http://upper.corp:3128/');
    expect(routeOf({ https_proxy: '  ' })).toBe('direct');
    expect(routeOf({ no_proxy: '', NO_PROXY: 'aliyuncs.com', HTTPS_PROXY: 'http://p.corp:3128' })).toBe('direct');
  });

  it('http URLs use http_proxy only: curl never reads HTTP_PROXY', () => {
    expect(routeOf({ http_proxy: 'http://lower.corp:3128' }, plainHttp)).toBe('http://lower.corp:3128/');
    expect(routeOf({ HTTP_PROXY: 'http://upper.corp:3128' }, plainHttp)).toBe('direct');
  });

  it('each scheme has its own variable', () => {
    expect(routeOf({ http_proxy: 'http://lower.corp:3128' })).toBe('direct');
    expect(routeOf({ HTTPS_PROXY: 'http://upper.corp:3128' }, plainHttp)).toBe('direct');
  });

  it('ALL_PROXY applies when the scheme has no variable of its own', () => {
    expect(routeOf({ ALL_PROXY: 'http://all.corp:3128' })).toBe('http://all.corp:3128/');
    expect(routeOf({ all_proxy: 'http://all.corp:3128' }, plainHttp)).toBe('http://all.corp:3128/');
    expect(routeOf({ ALL_PROXY: 'http://all.corp:3128', HTTPS_PROXY: 'http://own.corp:3128' })).toBe(
      'http://own.corp:3128/'
    );
  });

  it('only https and http URLs are proxied', () => {
    expect(routeOf({ ALL_PROXY: 'http://all.corp:3128' }, new URL('ftp://files.example/'))).toBe('direct');
  });
});

describe('NO_PROXY against the destination', () => {
  const environment = { HTTPS_PROXY: 'http://p.corp:3128', http_proxy: 'http://p.corp:3128' };

  it('a covered host goes direct, others through the proxy', () => {
    expect(routeOf({ ...environment, NO_PROXY: 'aliyuncs.com' })).toBe('direct');
    expect(routeOf({ ...environment, NO_PROXY: 'example.org' })).toBe('http://p.corp:3128/');
    expect(routeOf({ ...environment, no_proxy: '*' })).toBe('direct');
  });

  it('the port an entry names is the URL’s, the scheme’s default when the URL gives none', () => {
    expect(routeOf({ ...environment, NO_PROXY: 'aliyuncs.com:443' })).toBe('direct');
    expect(routeOf({ ...environment, NO_PROXY: 'aliyuncs.com:80' })).toBe('http://p.corp:3128/');
    expect(routeOf({ ...environment, NO_PROXY: 'sms.internal.example:8080' }, plainHttp)).toBe('direct');
    expect(routeOf({ ...environment, NO_PROXY: 'sms.internal.example:80' }, plainHttp)).toBe('http://p.corp:3128/');
  });
});

describe('proxy URLs', () => {
  it('a value without a scheme is an http proxy', () => {
    expect(parseProxyUrl('proxy.corp:3128')?.href).toBe('http://proxy.corp:3128/');
  });

  it('without a port: 1080 for http, 443 for https, as in curl; an explicit port is kept', () => {
    expect(parseProxyUrl('http://proxy.corp')?.port).toBe('1080');
    expect(parseProxyUrl('proxy.corp')?.port).toBe('1080');
    expect(parseProxyUrl('https://proxy.corp')?.href).toBe('https://proxy.corp/');
    // The URL parser drops a scheme's default port: it is still the one given, not 1080.
    expect(parseProxyUrl('http://proxy.corp:80')?.port).toBe('');
    expect(parseProxyUrl('http://user:p%40ss@proxy.corp')?.port).toBe('1080');
    expect(parseProxyUrl('http://[fd00::1]:8080')?.port).toBe('8080');
  });

  it('keeps user and password for the agent', () => {
    const url = parseProxyUrl('http://alice:s%3Acret@proxy.corp:3128');
    expect([url?.username, url?.password]).toEqual(['alice', 's%3Acret']);
  });

  it.each(['socks5://proxy.corp:1080', 'socks5h://proxy.corp', 'ftp://proxy.corp', 'http://', 'http://[bad'])(
    '%s is no proxy we can use: ignored',
    (value) => {
      expect(parseProxyUrl(value)).toBeUndefined();
      expect(routeOf({ HTTPS_PROXY: value })).toBe('direct');
    }
  );
});
