// The HTTP calls of Alibaba's credentials library (STS AssumeRoleWithOIDC, the ECS metadata
// service, a credentials URI) through the proxy the environment names. The library sends them
// with httpx on httpx's own agents and takes no agent or proxy option, but each of its providers
// copies the library's `doRequest` when it is built (a seam it keeps "for mock"). So, before a
// provider is built, that function is replaced by one that sends the same request through
// httpx the same way, adding only the agent the proxy settings pick for its URL.
import type { Agent } from 'node:http';

import * as credentialHttp from '@alicloud/credentials/dist/src/providers/http.js';
import { read, request as httpxRequest } from 'httpx';

import { createProxyAgents, createProxyRouter, type ProxyAgents } from '../transport/proxy-agents.js';
import { readProxySettings, type ProxyEnvironment } from '../transport/proxy-environment.js';

/**
 * The ECS metadata service. It answers only the instance that asks it, so it is always reached
 * directly, whatever the proxy variables say: through a proxy it would be unreachable, or would
 * hand over the proxy host's own RAM role.
 */
export const metadataServiceHost = '100.100.100.200';

type LibraryRequest = credentialHttp.Request;
type LibraryResponse = credentialHttp.Response;
type DoRequest = (request: LibraryRequest) => Promise<LibraryResponse>;

/** The agent for a URL, or undefined for httpx's own direct agents. */
export type CredentialAgentRouter = (url: string) => Agent | undefined;

/** Routes the library's calls from proxy variables read once, now; the metadata service always goes direct. */
export const createCredentialAgentRouter = (environment: ProxyEnvironment): CredentialAgentRouter => {
  // One call an hour or less: a tunnel kept open between them would only go stale.
  const route = createProxyRouter<ProxyAgents | undefined>(readProxySettings(environment), undefined, (proxy) =>
    createProxyAgents(proxy, { keepAlive: false })
  );
  return (url) => {
    const target = new URL(url);
    if (target.hostname === metadataServiceHost) {
      return undefined;
    }
    const agents = route(url);
    return target.protocol === 'https:' ? agents?.https : agents?.http;
  };
};

// The library's form encoding: keys as given, values with encodeURIComponent. Typed wider than
// the library's declaration: a request built without a form has none at all.
const formBody = (form: Readonly<Record<string, string>> | undefined): string | undefined => {
  const fields = Object.entries(form ?? {}).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return fields.length === 0 ? undefined : fields.join('&');
};

const textHeaders = (headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : []))
  );

/** The library's doRequest, sending through the agent `agentFor` picks for each URL. */
export const routedDoRequest =
  (agentFor: CredentialAgentRouter): DoRequest =>
  async (request) => {
    const url = request.toRequestURL();
    const data = formBody(request.bodyForm);
    const headers: Record<string, string | undefined> = { ...request.headers };
    if (data !== undefined && (headers['Content-Type'] ?? '') === '') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const agent = agentFor(url);
    const response = await httpxRequest(url, {
      method: request.method,
      data,
      headers,
      readTimeout: request.readTimeout,
      connectTimeout: request.connectTimeout,
      ...(agent === undefined ? {} : { agent }),
    });
    const body = await read(response, '');
    return credentialHttp.Response.builder()
      .withStatusCode(response.statusCode ?? 0)
      .withHeaders(textHeaders(response.headers))
      .withBody(typeof body === 'string' ? Buffer.from(body) : body)
      .build();
  };

const hasDoRequest = (value: unknown): value is { doRequest: unknown } =>
  typeof value === 'object' && value !== null && 'doRequest' in value;

/**
 * Makes every credentials provider built from now on send through the proxy `environment`
 * names (read now). The library's module object is changed, not a copy: its providers read
 * `doRequest` from it when they are built. The bundle holds its own copy of the library, so
 * nothing outside the connector is affected.
 */
export const routeCredentialRequests = (environment: ProxyEnvironment): void => {
  const library: unknown = Reflect.get(credentialHttp, 'default');
  if (!hasDoRequest(library)) {
    throw new TypeError('@alicloud/credentials no longer exports doRequest where expected');
  }
  library.doRequest = routedDoRequest(createCredentialAgentRouter(environment));
};
