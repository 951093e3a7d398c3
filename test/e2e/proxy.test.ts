// End-to-end: sends and the credential chain's STS call through a real CONNECT proxy on loopback
// (the `proxy` package) in front of the emulator over HTTPS. Each test builds its transport from
// an environment of its own (createTransport), so no proxy variable reaches another test; the
// chain, which reads process.env as Alibaba's library does, gets it for one callback only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OIDCRoleArnCredentialsProvider } from '@alicloud/credentials';
import { TemplateType } from '@logto/connector-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { chainVariables } from '../../src/aliyun/rpc/credentials/credential-sources.js';
import { createCredentialChain } from '../../src/aliyun/rpc/credentials/credentials.js';
import { createTransport } from '../../src/aliyun/rpc/transport/transport.js';
import type { ProxyEnvironment } from '../../src/aliyun/rpc/transport/proxy-environment.js';
import type { AliyunSmsConfigInput } from '../../src/index.js';
import { DEMO_ACCOUNT, DEMO_OIDC } from '../../tools/emulator/index.js';

import { environmentConfig, isolatedEnvironment } from './support/chain-environment.js';
import { startConnectProxy, type ConnectProxy } from './support/connect-proxy.js';
import { deliverFailing, deliverOk, type Delivery } from './support/deliver.js';
import { withEnvironment, withTrustedCertificate } from './support/environment.js';
import {
  E2E_ACCOUNT,
  MAINLAND_PHONE,
  closedLoopbackPort,
  configFor,
  dataField,
  distinctCode,
  useEmulator,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';

const emulator = useEmulator({ accounts: [E2E_ACCOUNT, DEMO_ACCOUNT], oidc: DEMO_OIDC, https: true });
const PROXY_USER = 'logto-sms';
const PROXY_PASSWORD = 'Pr0xy-Pa55:word@corp';
const WRONG_PASSWORD = 'Wr0ng-Pa55:word@corp';

let open: ConnectProxy;
let guarded: ConnectProxy;

beforeAll(async () => {
  open = await startConnectProxy();
  guarded = await startConnectProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
});

afterAll(async () => {
  await open.close();
  await guarded.close();
});

beforeEach(() => {
  open.clear();
  guarded.clear();
});

const httpsEndpoint = (): string => emulator().httpsUrl ?? '';
const emulatorHost = (): string => new URL(httpsEndpoint()).host;
const sendRequests = () => emulator().requests.filter(({ action }) => action === 'SendSms');

const OTHER_PHONE = '8613900139000';

const delivery = (label: string, to: string = MAINLAND_PHONE.given): Delivery => ({
  to,
  payload: { code: distinctCode(label) },
});

/** A send through a transport built from `environment` alone, the emulator's certificate trusted. */
const sendWith = async (environment: ProxyEnvironment, label: string, overrides: Partial<AliyunSmsConfigInput> = {}) => {
  const { postForm } = createTransport(environment);
  return withTrustedCertificate(emulator().ca ?? '', async () =>
    deliverOk(configFor(httpsEndpoint(), overrides), delivery(label), 'console', { post: postForm })
  );
};

const failWith = async (environment: ProxyEnvironment, label: string, overrides: Partial<AliyunSmsConfigInput> = {}) => {
  const { postForm } = createTransport(environment);
  return withTrustedCertificate(emulator().ca ?? '', async () =>
    deliverFailing(configFor(httpsEndpoint(), overrides), delivery(label), 'console', { post: postForm })
  );
};

/** The proxy URL with the other password, as an administrator with a stale one would set it. */
const withPassword = (url: string, password: string): string => {
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.href;
};

/** Every form a proxy password can travel in: itself, and inside the Basic header. */
const passwordForms = (password: string): string[] => [
  password,
  Buffer.from(`${PROXY_USER}:${password}`).toString('base64'),
];

describe('HTTPS_PROXY: sends through a CONNECT proxy', () => {
  it('two sends: both accepted, through one tunnel to the endpoint that keep-alive reuses', async () => {
    const { postForm } = createTransport({ HTTPS_PROXY: open.url });
    await withTrustedCertificate(emulator().ca ?? '', async () => {
      await deliverOk(configFor(httpsEndpoint()), delivery('proxy first'), 'runtime', { post: postForm });
      await deliverOk(configFor(httpsEndpoint()), delivery('proxy second', OTHER_PHONE), 'runtime', { post: postForm });
    });

    expect(open.connects).toEqual([emulatorHost()]);
    expect(sendRequests().map(({ verdict }) => verdict.code)).toEqual(['OK', 'OK']);
  });

  it('https_proxy (lower case) wins over HTTPS_PROXY, as in curl', async () => {
    await sendWith({ https_proxy: open.url, HTTPS_PROXY: guarded.url }, 'lower case wins');

    expect(open.connects).toEqual([emulatorHost()]);
    expect(guarded.connects).toEqual([]);
  });

  it('a proxy demanding Basic credentials: the user and password of its URL are sent, the send accepted', async () => {
    await sendWith({ HTTPS_PROXY: guarded.url }, 'proxy credentials');

    expect(guarded.connects).toEqual([emulatorHost()]);
    expect(sendRequests()).toHaveLength(1);
  });

  it('the proxy refusing the credentials (407): no SMS sent, and its password appears nowhere in the error', async () => {
    const stale = withPassword(guarded.url, WRONG_PASSWORD);
    const { error } = await failWith({ HTTPS_PROXY: stale }, 'proxy 407');

    expect(guarded.connects.length).toBeGreaterThanOrEqual(1);
    expect(sendRequests()).toHaveLength(0);
    expect(dataField(error, 'failure')).toBe('connect-failed');
    expect(dataField(error, 'smsMayHaveBeenSent')).toBe(false);
    expectNoLeak(error, { proxyPassword: [...passwordForms(WRONG_PASSWORD), ...passwordForms(PROXY_PASSWORD)] });
  });

  it('no proxy listening at the address: connection refused, no SMS, no password in the error', async () => {
    const port = await closedLoopbackPort();
    const unreachable = `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${port}`;
    const { error } = await failWith({ HTTPS_PROXY: unreachable }, 'proxy refused');

    expect(dataField(error, 'failure')).toBe('connection-refused');
    expect(dataField(error, 'smsMayHaveBeenSent')).toBe(false);
    expect(sendRequests()).toHaveLength(0);
    expectNoLeak(error, { proxyPassword: passwordForms(PROXY_PASSWORD) });
  });

  it('the connection reset after Aliyun read the request, inside the tunnel: may have been sent, not sent again', async () => {
    emulator().injectFault({ kind: 'reset-after-body' });
    const { error } = await failWith({ HTTPS_PROXY: open.url }, 'reset in tunnel');

    expect(dataField(error, 'smsMayHaveBeenSent')).toBe(true);
    expect(dataField(error, 'attempts')).toBe(1);
    expect(sendRequests()).toHaveLength(1);
    expect(open.connects).toEqual([emulatorHost()]);
  });

  it('an endpoint that never answers, through the proxy: timed out within the deadline, not sent again', async () => {
    emulator().injectFault({ kind: 'hang' });
    const { error, elapsedMs } = await failWith({ HTTPS_PROXY: open.url }, 'hang in tunnel', { timeout: 1000 });

    expect(dataField(error, 'failure')).toBe('timeout');
    expect(dataField(error, 'attempts')).toBe(1);
    expect(elapsedMs).toBeLessThan(1500);
    expect(open.connects).toEqual([emulatorHost()]);
  });
});

describe('NO_PROXY', () => {
  it('a host NO_PROXY names is reached directly: the proxy sees nothing', async () => {
    await sendWith({ HTTPS_PROXY: open.url, NO_PROXY: 'example.org, 127.0.0.1' }, 'no proxy bypass');

    expect(open.connects).toEqual([]);
    expect(sendRequests()).toHaveLength(1);
  });

  it('a NO_PROXY entry for another port does not bypass it', async () => {
    await sendWith({ HTTPS_PROXY: open.url, NO_PROXY: '127.0.0.1:1' }, 'no proxy other port');

    expect(open.connects).toEqual([emulatorHost()]);
  });
});

describe('the credential chain’s STS call', () => {
  let scratch: string;

  const oidcChain = (tokenFile: string) =>
    createCredentialChain({
      createProvider: () =>
        OIDCRoleArnCredentialsProvider.builder()
          .withRoleArn(DEMO_OIDC.roles[0]?.arn ?? '')
          .withOIDCProviderArn(DEMO_OIDC.providers[0]?.arn ?? '')
          .withOIDCTokenFilePath(tokenFile)
          .withStsEndpoint(emulatorHost())
          .build(),
    });

  const rrsaEnvironment = (tokenFile: string, proxy: string) =>
    isolatedEnvironment(scratch, {
      [chainVariables.roleArn]: DEMO_OIDC.roles[0]?.arn ?? '',
      [chainVariables.oidcProviderArn]: DEMO_OIDC.providers[0]?.arn ?? '',
      [chainVariables.oidcTokenFile]: tokenFile,
      HTTPS_PROXY: proxy,
    });

  const tokenFile = (): string => {
    const file = join(mkdtempSync(join(scratch, 'token-')), 'token');
    writeFileSync(file, emulator().issueOidcToken({ providerArn: DEMO_OIDC.providers[0]?.arn ?? '' }));
    return file;
  };

  const stsConfig = () =>
    environmentConfig(emulator(), {
      endpoint: httpsEndpoint(),
      signName: DEMO_ACCOUNT.signNames[0],
      templates: [{ usageType: TemplateType.Generic, templateCode: 'SMS_154950909' }],
    });

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'e2e-proxy-'));
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('AssumeRoleWithOIDC goes through HTTPS_PROXY; the send itself here goes direct', async () => {
    const file = tokenFile();

    await withEnvironment(rrsaEnvironment(file, guarded.url), async () =>
      withTrustedCertificate(emulator().ca ?? '', async () =>
        deliverOk(stsConfig(), delivery('sts through proxy'), 'runtime', {
          credentialChain: oidcChain(file),
          post: createTransport({}).postForm,
        })
      )
    );

    expect(emulator().requests.map(({ action, verdict }) => [action, verdict.code])).toEqual([
      ['AssumeRoleWithOIDC', 'OK'],
      ['SendSms', 'OK'],
    ]);
    expect(guarded.connects).toEqual([emulatorHost()]);
  });

  it('the proxy refusing the STS call’s credentials: no credentials, no SMS, no proxy password in the error', async () => {
    const file = tokenFile();

    const { error } = await withEnvironment(rrsaEnvironment(file, withPassword(guarded.url, WRONG_PASSWORD)), async () =>
      withTrustedCertificate(emulator().ca ?? '', async () =>
        deliverFailing(stsConfig(), delivery('sts proxy 407'), 'console', {
          credentialChain: oidcChain(file),
          post: createTransport({}).postForm,
        })
      )
    );

    expect(guarded.connects).toEqual([emulatorHost()]);
    expect(emulator().requests).toEqual([]);
    expect(dataField(error, 'connectorCode')).toBe('invalid_config');
    expectNoLeak(error, { proxyPassword: [...passwordForms(WRONG_PASSWORD), ...passwordForms(PROXY_PASSWORD)] });
  });
});
