// HTTP agents that reach a destination through an HTTP(S) proxy's CONNECT tunnel (hpagent):
// the request, TLS included, travels end to end inside the tunnel, and keep-alive keeps the
// tunnel with its connection. A router picks, per URL, the direct route or the route of the
// proxy the environment names, building each proxy's route once.
import type { AgentOptions } from 'node:http';

import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';

import { proxyFor, usesAnyProxy, type ProxySettings } from './proxy-environment.js';

/** The agents got takes, one per scheme. */
export type ProxyAgents = { http: HttpProxyAgent; https: HttpsProxyAgent };

/** Agents that tunnel every connection through `proxy` (user and password, if any, sent as Basic credentials). */
export const createProxyAgents = (proxy: URL, options: AgentOptions): ProxyAgents => ({
  http: new HttpProxyAgent({ ...options, proxy }),
  https: new HttpsProxyAgent({ ...options, proxy }),
});

/** Picks a route per URL. */
export type ProxyRouter<Route> = (url: string) => Route;

/**
 * A router from settings read once: without any proxy every URL gets `direct` at no cost;
 * otherwise each URL's decision is made anew (NO_PROXY is per host) and each proxy's route is
 * built on first use and kept, so its keep-alive connections are shared.
 */
export const createProxyRouter = <Route>(
  settings: ProxySettings,
  direct: Route,
  viaProxy: (proxy: URL) => Route
): ProxyRouter<Route> => {
  if (!usesAnyProxy(settings)) {
    return () => direct;
  }
  const routes = new Map<string, Route>();
  return (url) => {
    const decision = proxyFor(settings, new URL(url));
    if (decision.kind === 'direct') {
      return direct;
    }
    const known = routes.get(decision.proxy.href);
    if (known !== undefined) {
      return known;
    }
    const route = viaProxy(decision.proxy);
    routes.set(decision.proxy.href, route);
    return route;
  };
};
