// Which proxy a request goes through, decided from the environment as curl decides it:
// https_proxy or HTTPS_PROXY for https URLs, http_proxy (lower case only: curl never reads
// HTTP_PROXY, which a CGI request's "Proxy:" header can set) for http URLs, all_proxy or
// ALL_PROXY when the scheme's own variable is unset, and no_proxy or NO_PROXY to bypass it.
// The lower-case variable wins when both are set; an empty one counts as unset. Pure: the
// environment is read once, when a transport or a credential client is built.
import { bypassesProxy, emptyNoProxyList, parseNoProxy, type NoProxyList } from './no-proxy.js';

/** The environment as process.env holds it. */
export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** What the environment says about proxies, read once. */
export type ProxySettings = {
  /** The proxy for https URLs, if any. */
  https?: URL;
  /** The proxy for http URLs, if any. */
  http?: URL;
  noProxy: NoProxyList;
};

/** Where one request goes first. */
export type ProxyDecision = { kind: 'direct' } | { kind: 'proxy'; proxy: URL };

const direct: ProxyDecision = { kind: 'direct' };

const firstSet = (environment: ProxyEnvironment, names: readonly string[]): string | undefined =>
  names.map((variable) => environment[variable]?.trim()).find((value) => value !== undefined && value !== '');

// curl's default ports: 1080 for an http:// proxy, 443 for an https:// one.
const defaultProxyPort = { 'http:': '1080', 'https:': '443' } as const;

const hasExplicitPort = (withScheme: string): boolean => {
  const authority = withScheme.replace(/^[^:]+:\/\//, '').split(/[/?#]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return /:\d+$/.test(host);
};

/**
 * A proxy variable's value as a URL, or undefined when it names no proxy we can use: a value
 * without a scheme is an http:// proxy (as curl reads it); a SOCKS or other scheme is not
 * supported, and such a value is ignored.
 */
export const parseProxyUrl = (value: string): URL | undefined => {
  const withScheme = /^[a-z][\d+.a-z-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return undefined;
  }
  if (url.port === '' && !hasExplicitPort(withScheme)) {
    url.port = defaultProxyPort[url.protocol];
  }
  return url;
};

const proxyFrom = (environment: ProxyEnvironment, names: readonly string[]): URL | undefined => {
  const value = firstSet(environment, names);
  return value === undefined ? undefined : parseProxyUrl(value);
};

/** Reads the proxy variables once. */
export const readProxySettings = (environment: ProxyEnvironment): ProxySettings => {
  const https = proxyFrom(environment, ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']);
  const http = proxyFrom(environment, ['http_proxy', 'all_proxy', 'ALL_PROXY']);
  const noProxy = firstSet(environment, ['no_proxy', 'NO_PROXY']);
  return {
    ...(https === undefined ? {} : { https }),
    ...(http === undefined ? {} : { http }),
    noProxy: noProxy === undefined ? emptyNoProxyList : parseNoProxy(noProxy),
  };
};

/** Whether any request at all can go through a proxy. */
export const usesAnyProxy = (settings: ProxySettings): boolean =>
  settings.https !== undefined || settings.http !== undefined;

/** The proxy a request to this URL goes through, or direct. */
export const proxyFor = (settings: ProxySettings, target: URL): ProxyDecision => {
  const proxy =
    target.protocol === 'https:' ? settings.https : target.protocol === 'http:' ? settings.http : undefined;
  if (proxy === undefined) {
    return direct;
  }
  const port = target.port === '' ? (target.protocol === 'https:' ? 443 : 80) : Number(target.port);
  return bypassesProxy(settings.noProxy, target.hostname, port) ? direct : { kind: 'proxy', proxy };
};
