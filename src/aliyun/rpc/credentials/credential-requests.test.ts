import { createServer, type IncomingHttpHeaders } from 'node:http';

import { OIDCRoleArnCredentialsProvider } from '@alicloud/credentials';
import * as credentialHttp from '@alicloud/credentials/dist/src/providers/http.js';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { afterEach, describe, expect, it } from 'vitest';

import {
  createCredentialAgentRouter,
  metadataServiceHost,
  routeCredentialRequests,
  routedDoRequest,
} from './credential-requests.js';

const proxied = { HTTPS_PROXY: 'http://proxy.corp:3128', http_proxy: 'http://proxy.corp:3128' };

describe('createCredentialAgentRouter', () => {
  it('STS over https goes through HTTPS_PROXY', () => {
    const agent = createCredentialAgentRouter(proxied)('https://sts.cn-hangzhou.aliyuncs.com/?Action=AssumeRoleWithOIDC');
    expect(agent).toBeInstanceOf(HttpsProxyAgent);
  });

  it('an http credentials URI goes through http_proxy', () => {
    expect(createCredentialAgentRouter(proxied)('http://credentials.internal:8080/')).toBeInstanceOf(HttpProxyAgent);
  });

  it('the ECS metadata service always goes direct, whatever the proxy variables say', () => {
    const route = createCredentialAgentRouter({ ...proxied, ALL_PROXY: 'http://proxy.corp:3128' });
    expect(route(`http://${metadataServiceHost}/latest/meta-data/ram/security-credentials/`)).toBeUndefined();
    expect(route(`http://${metadataServiceHost}/latest/api/token`)).toBeUndefined();
  });

  it('without proxy variables, or for a host NO_PROXY covers, httpx’s own agents are used', () => {
    expect(createCredentialAgentRouter({})('https://sts.aliyuncs.com/')).toBeUndefined();
    expect(createCredentialAgentRouter({ ...proxied, NO_PROXY: '.aliyuncs.com' })('https://sts.aliyuncs.com/')).toBeUndefined();
  });

  it('one agent per proxy, shared by every URL that goes through it', () => {
    const route = createCredentialAgentRouter(proxied);
    expect(route('https://sts.aliyuncs.com/')).toBe(route('https://sts.cn-shanghai.aliyuncs.com/'));
  });
});

type Received = { method: string | undefined; url: string | undefined; headers: IncomingHttpHeaders; body: string };

const withServer = async (run: (origin: string, received: Received[]) => Promise<void>): Promise<void> => {
  const received: Received[] = [];
  const server = createServer((incoming, outgoing) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    incoming.on('end', () => {
      received.push({ method: incoming.method, url: incoming.url, headers: incoming.headers, body });
      outgoing.writeHead(200, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] });
      outgoing.end('{"Credentials":{}}');
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    await run(`http://127.0.0.1:${port}`, received);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
};

describe('routedDoRequest', () => {
  it('sends what the library’s own doRequest sends: method, query, form body and its content type', async () => {
    await withServer(async (origin, received) => {
      const { host } = new URL(origin);
      const request = credentialHttp.Request.builder()
        .withMethod('POST')
        .withProtocol('http')
        .withHost(host)
        .withQueries({ Action: 'AssumeRoleWithOIDC', Version: '2015-04-01' })
        .withBodyForm({ RoleArn: 'acs:ram::1:role/x', OIDCToken: 'a b+c' })
        .withReadTimeout(2000)
        .withConnectTimeout(2000)
        .build();

      const response = await routedDoRequest(() => undefined)(request);

      expect(response.statusCode).toBe(200);
      expect(response.body.toString('utf8')).toBe('{"Credentials":{}}');
      expect(response.headers['content-type']).toBe('application/json');
      expect(received).toEqual([
        expect.objectContaining({
          method: 'POST',
          url: '/?Action=AssumeRoleWithOIDC&Version=2015-04-01',
          body: 'RoleArn=acs%3Aram%3A%3A1%3Arole%2Fx&OIDCToken=a%20b%2Bc',
        }),
      ]);
      expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    });
  });

  it('a request without a form sends no body and no content type', async () => {
    await withServer(async (origin, received) => {
      const request = credentialHttp.Request.builder()
        .withMethod('GET')
        .withURL(`${origin}/latest/meta-data/ram/security-credentials/`)
        .build();

      await routedDoRequest(() => undefined)(request);

      expect(received[0]).toMatchObject({ method: 'GET', body: '' });
      expect(received[0]?.headers['content-type']).toBeUndefined();
    });
  });

  it('hands httpx the agent the router picks for the URL', async () => {
    await withServer(async (origin) => {
      const asked: string[] = [];
      const request = credentialHttp.Request.builder().withMethod('GET').withURL(`${origin}/x`).build();

      await routedDoRequest((url) => {
        asked.push(url);
        return undefined;
      })(request);

      expect(asked).toEqual([`${origin}/x`]);
    });
  });
});

describe('routeCredentialRequests', () => {
  const library: unknown = Reflect.get(credentialHttp, 'default');
  const original: unknown = typeof library === 'object' && library !== null ? Reflect.get(library, 'doRequest') : undefined;

  afterEach(() => {
    if (typeof library === 'object' && library !== null) {
      Reflect.set(library, 'doRequest', original);
    }
  });

  it('providers built afterwards use the routed doRequest, not the library’s', () => {
    const before = OIDCRoleArnCredentialsProvider.builder()
      .withRoleArn('acs:ram::1:role/x')
      .withOIDCProviderArn('acs:ram::1:oidc-provider/x')
      .withOIDCTokenFilePath('/nonexistent')
      .build();

    routeCredentialRequests(proxied);
    const after = OIDCRoleArnCredentialsProvider.builder()
      .withRoleArn('acs:ram::1:role/x')
      .withOIDCProviderArn('acs:ram::1:oidc-provider/x')
      .withOIDCTokenFilePath('/nonexistent')
      .build();

    expect(Reflect.get(before, 'doRequest')).toBe(original);
    expect(Reflect.get(after, 'doRequest')).not.toBe(original);
    expect(typeof Reflect.get(after, 'doRequest')).toBe('function');
  });
});
