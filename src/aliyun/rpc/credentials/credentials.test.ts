import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';

import { URICredentialsProvider } from '@alicloud/credentials';
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { closedLoopbackPort } from '../../../../test/support/ports.js';
import { rejectionOf } from '../../../../test/support/rejection.js';

import { chainVariables } from './credential-sources.js';
import {
  aliyunCredentialsGuard,
  createCredentialChain,
  resolveCredentials,
  type CredentialChain,
  type CredentialProvider,
} from './credentials.js';

const deadline = { timeoutMs: 5000 };

/** Every way an error can be printed or stored, for leak checks. */
const serialise = (error: ConnectorError): string =>
  [error.message, String(error.stack), JSON.stringify(error), JSON.stringify(error.data), inspect(error, { depth: 10 })].join(
    '\n'
  );

const descriptionOf = (error: ConnectorError): string => {
  const { data } = error;
  const description: unknown =
    typeof data === 'object' && data !== null && 'errorDescription' in data ? data.errorDescription : undefined;
  if (typeof description !== 'string') {
    throw new TypeError('the error has no errorDescription');
  }
  return description;
};

/** A chain that fails the test if anything asks it for credentials. */
const untouchableChain: CredentialChain = {
  resolve: async () => Promise.reject(new Error('the chain must not be asked')),
};

describe('resolveCredentials with credentialSource "config"', () => {
  it('returns the configured key pair without asking the chain', async () => {
    await expect(
      resolveCredentials(
        { credentialSource: 'config', accessKeyId: 'LTAI-config', accessKeySecret: 'config-secret' },
        deadline,
        untouchableChain
      )
    ).resolves.toEqual({ accessKeyId: 'LTAI-config', accessKeySecret: 'config-secret' });
    const credentials = await resolveCredentials(
      { credentialSource: 'config', accessKeyId: 'LTAI-config', accessKeySecret: 'config-secret' },
      deadline,
      untouchableChain
    );
    expect('securityToken' in credentials).toBe(false);
  });

  it('passes a configured security token through, and leaves an empty one out', async () => {
    const settings = { credentialSource: 'config', accessKeyId: 'STS.id', accessKeySecret: 's' } as const;
    await expect(
      resolveCredentials({ ...settings, securityToken: 'sts-token' }, deadline, untouchableChain)
    ).resolves.toEqual({ accessKeyId: 'STS.id', accessKeySecret: 's', securityToken: 'sts-token' });
    const withoutToken = await resolveCredentials({ ...settings, securityToken: '' }, deadline, untouchableChain);
    expect('securityToken' in withoutToken).toBe(false);
  });
});

describe('aliyunCredentialsGuard', () => {
  it('keeps a security token, so its presence means STS', () => {
    expect(aliyunCredentialsGuard.parse({ accessKeyId: 'STS.id', accessKeySecret: 's', securityToken: 't' })).toEqual({
      accessKeyId: 'STS.id',
      accessKeySecret: 's',
      securityToken: 't',
    });
  });

  it.each([
    ['an empty', { securityToken: '' }],
    ['an undefined', { securityToken: undefined }],
    ['no', {}],
  ])('leaves %s security token out, as the library reports a plain AccessKey either way', (_name, token) => {
    const credentials = aliyunCredentialsGuard.parse({ accessKeyId: 'LTAI-id', accessKeySecret: 's', ...token });
    expect(credentials).toEqual({ accessKeyId: 'LTAI-id', accessKeySecret: 's' });
    expect('securityToken' in credentials).toBe(false);
  });
});

type Answer = { status: number; body: unknown } | 'hang';

/** A local credentials-URI endpoint (the chain's last source) that counts what it is asked. */
const startCredentialsUri = async (answer: () => Answer) => {
  let requests = 0;
  const server: Server = createServer((_request: IncomingMessage, response: ServerResponse) => {
    requests += 1;
    const current = answer();
    if (current === 'hang') {
      return;
    }
    response.writeHead(current.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(current.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('no TCP address');
  }
  return {
    url: `http://127.0.0.1:${address.port}/credentials`,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => {
        resolve();
      }));
    },
  };
};

const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

const stsAnswer = (minutes: number): Answer => ({
  status: 200,
  body: {
    Code: 'Success',
    AccessKeyId: 'STS.uri-key-id',
    AccessKeySecret: 'uri-secret-value',
    SecurityToken: 'uri-token-value',
    Expiration: inMinutes(minutes),
  },
});

const uriCredentials = { accessKeyId: 'STS.uri-key-id', accessKeySecret: 'uri-secret-value', securityToken: 'uri-token-value' };

describe('resolveCredentials with credentialSource "environment" (Alibaba’s default chain)', () => {
  const touched = [...Object.values(chainVariables), 'HOME'];
  let saved: Record<string, string | undefined> = {};
  let home = '';
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    saved = Object.fromEntries(touched.map((name) => [name, process.env[name]]));
    for (const name of Object.values(chainVariables)) {
      Reflect.deleteProperty(process.env, name);
    }
    // A home without CLI or credentials files, no metadata service, and a URI source that
    // refuses at once: without it the library would ask "https://undefined/" over DNS.
    home = await mkdtemp(join(tmpdir(), 'aliyun-credentials-'));
    process.env.HOME = home;
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = `http://127.0.0.1:${await closedLoopbackPort()}/`;
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) {
      await cleanup();
    }
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        Reflect.deleteProperty(process.env, name);
      } else {
        process.env[name] = value;
      }
    }
    await rm(home, { recursive: true, force: true });
  });

  const serve = async (answer: () => Answer) => {
    const uri = await startCredentialsUri(answer);
    cleanups.push(uri.close);
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = uri.url;
    return uri;
  };

  it('reads ALIBABA_CLOUD_ACCESS_KEY_ID, _SECRET and _SECURITY_TOKEN', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'STS.env-id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'env-secret';
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = 'env-token';
    await expect(
      resolveCredentials({ credentialSource: 'environment' }, deadline, createCredentialChain())
    ).resolves.toEqual({ accessKeyId: 'STS.env-id', accessKeySecret: 'env-secret', securityToken: 'env-token' });
  });

  it('returns no security token for a plain AccessKey in the environment', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI-env-id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'env-secret';
    const credentials = await resolveCredentials({ credentialSource: 'environment' }, deadline, createCredentialChain());
    expect(credentials).toEqual({ accessKeyId: 'LTAI-env-id', accessKeySecret: 'env-secret' });
    expect('securityToken' in credentials).toBe(false);
  });

  it('uses the process-wide chain when none is given', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI-process-id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'process-secret';
    await expect(resolveCredentials({ credentialSource: 'environment' }, deadline)).resolves.toEqual({
      accessKeyId: 'LTAI-process-id',
      accessKeySecret: 'process-secret',
    });
  });

  it('fetches temporary credentials once and serves the library’s cached copy after', async () => {
    const uri = await serve(() => stsAnswer(60));
    const chain = createCredentialChain();
    const first = await chain.resolve(deadline);
    const second = await chain.resolve(deadline);
    expect(first).toEqual(uriCredentials);
    expect(second).toEqual(first);
    expect(uri.requests()).toBe(1);
  });

  it('shares one fetch between concurrent callers', async () => {
    const uri = await serve(() => stsAnswer(60));
    const chain = createCredentialChain();
    const results = await Promise.all([chain.resolve(deadline), chain.resolve(deadline), chain.resolve(deadline)]);
    expect(results).toEqual([uriCredentials, uriCredentials, uriCredentials]);
    expect(uri.requests()).toBe(1);
  });

  it('fetches again when the library judges its copy stale (under 15 minutes left)', async () => {
    const uri = await serve(() => stsAnswer(10));
    const chain = createCredentialChain();
    await chain.resolve(deadline);
    await chain.resolve(deadline);
    expect(uri.requests()).toBe(2);
  });

  it('fails with invalid_config naming the sources it tried, and the missing variable', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI-lonely-key-id';
    const error = await rejectionOf(createCredentialChain().resolve(deadline));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toMatchObject({
      credentialSource: 'environment',
      sources: ['environment variables', 'Aliyun CLI profile', 'credentials file', 'credentials URI'],
    });
    const description = descriptionOf(error);
    expect(description).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set');
    expect(description).toContain('ECS RAM role: skipped because ALIBABA_CLOUD_ECS_METADATA_DISABLED is true');
    expect(description).toContain('credentialSource to "config"');
    expect(serialise(error)).not.toContain('LTAI-lonely-key-id');
  });

  it('never passes on the library’s error text, which can quote secrets', async () => {
    // A CLI config the library fails to parse: its error quotes the whole file.
    await mkdir(join(home, '.aliyun'));
    await writeFile(join(home, '.aliyun', 'config.json'), '{"profiles":[{"access_key_secret":"cli-file-secret"');
    // A URI answer without a token: the library's error quotes the rest of the answer.
    const leaky = { status: 200, body: { AccessKeyId: 'STS.leaky-id', AccessKeySecret: 'uri-leaky-secret' } };
    const uri = await serve(() => leaky);

    const libraryError = await URICredentialsProvider.builder()
      .withCredentialsURI(uri.url)
      .build()
      .getCredentials()
      .then(
        () => '',
        (error: unknown) => String(error)
      );
    expect(libraryError).toContain('uri-leaky-secret');

    const error = await rejectionOf(createCredentialChain().resolve(deadline));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    const text = serialise(error);
    for (const value of ['cli-file-secret', 'uri-leaky-secret', 'STS.leaky-id', home]) {
      expect(text).not.toContain(value);
    }
  });

  it('builds a fresh chain after a failure, so a source that appears later is found', async () => {
    const chain = createCredentialChain();
    await rejectionOf(chain.resolve(deadline));
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI-late-id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'late-secret';
    await expect(chain.resolve(deadline)).resolves.toEqual({ accessKeyId: 'LTAI-late-id', accessKeySecret: 'late-secret' });
  });

  it('gives up at the caller’s deadline, long before the library’s own 10 s read timeout', async () => {
    const uri = await serve(() => 'hang');
    const chain = createCredentialChain();
    const started = Date.now();
    const error = await rejectionOf(chain.resolve({ timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.data).toMatchObject({ failure: 'timeout', timeoutMs: 200, smsMayHaveBeenSent: false });
    expect(descriptionOf(error)).toContain('within 200 ms');

    // A second caller joins the fetch still in flight instead of starting another.
    await rejectionOf(chain.resolve({ timeoutMs: 100 }));
    expect(uri.requests()).toBe(1);
  });

  it('stops waiting when the caller’s signal aborts', async () => {
    await serve(() => 'hang');
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 50);
    const error = await rejectionOf(createCredentialChain().resolve({ timeoutMs: 5000, signal: controller.signal }));
    expect(error.data).toMatchObject({ failure: 'aborted' });
  });

  it('asks nothing when the signal has already aborted', async () => {
    const uri = await serve(() => stsAnswer(60));
    const error = await rejectionOf(
      createCredentialChain().resolve({ timeoutMs: 5000, signal: AbortSignal.abort() })
    );
    expect(error.data).toMatchObject({ failure: 'aborted' });
    expect(uri.requests()).toBe(0);
  });

  it('refuses a provider answer without a key pair as invalid_config', async () => {
    const chain = createCredentialChain({
      createProvider: () => ({ getCredentials: async () => Promise.resolve({ accessKeyId: 'id', accessKeySecret: '' }) }),
    });
    const error = await rejectionOf(chain.resolve(deadline));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error).toBeInstanceOf(ConnectorError);
  });

  const failingProvider = (): CredentialProvider => ({
    getCredentials: async () => Promise.reject(new Error('no credentials')),
  });

  const hangingProvider = (): CredentialProvider => ({
    getCredentials: async () => new Promise<never>(() => undefined),
  });

  // The listing of the environment beforeEach sets up: nothing but a URI that refuses at once.
  const listing = [
    '1) environment variables: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set',
    '2) OIDC role (RRSA): not configured: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set',
    '3) Aliyun CLI profile: ~/.aliyun/config.json is missing, unreadable, or its current profile gave no credentials',
    '4) credentials file: ~/.alibabacloud/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE is not set) is missing, unreadable, or its [default] section gave no credentials',
    '5) ECS RAM role: skipped because ALIBABA_CLOUD_ECS_METADATA_DISABLED is true',
    '6) credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is set, but that address gave no credentials',
  ].join('; ');

  it('explains a chain without credentials in one sentence that lists every source in order', async () => {
    const error = await rejectionOf(createCredentialChain({ createProvider: failingProvider }).resolve(deadline));
    const expected = `credentialSource is "environment", but Alibaba’s default credential chain found no credentials, so no SMS was sent. Its sources, in order: ${listing}. Provide one of these on the Logto host, or set credentialSource to "config" with accessKeyId and accessKeySecret.`;
    expect(descriptionOf(error)).toBe(expected);
    expect(error.message).toBe(`Aliyun credentials unavailable: ${expected}`);
  });

  it('treats a provider that cannot even be built like one that found nothing', async () => {
    const chain = createCredentialChain({
      createProvider: () => {
        throw new Error('broken library');
      },
    });
    const error = await rejectionOf(chain.resolve(deadline));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(serialise(error)).not.toContain('broken library');
  });

  it('says the deadline passed, as a general error of the environment source', async () => {
    const error = await rejectionOf(createCredentialChain({ createProvider: hangingProvider }).resolve({ timeoutMs: 30 }));
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.data).toMatchObject({ credentialSource: 'environment', failure: 'timeout', timeoutMs: 30 });
    const expected = `credentialSource is "environment", but no credentials arrived within 30 ms, so no SMS was sent. The chain’s sources, in order: ${listing}. If a source answers slowly (STS, the ECS metadata service), check the network path to it or raise the timeout.`;
    expect(descriptionOf(error)).toBe(expected);
    expect(error.message).toBe(`Aliyun credentials unavailable: ${expected}`);
  });

  it('says the send was cancelled, not that time ran out, when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = rejectionOf(
      createCredentialChain({ createProvider: hangingProvider }).resolve({ timeoutMs: 5000, signal: controller.signal })
    );
    controller.abort();
    const error = await pending;
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.data).toMatchObject({ credentialSource: 'environment', failure: 'aborted', smsMayHaveBeenSent: false });
    expect(descriptionOf(error)).toMatch(
      /^credentialSource is "environment", but the send was cancelled while waiting for credentials, so no SMS was sent\. /
    );
  });

  describe('leaves nothing behind once the credentials are settled', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    const workingProvider = (): CredentialProvider => ({
      getCredentials: async () => Promise.resolve({ accessKeyId: 'id', accessKeySecret: 'secret' }),
    });

    it.each([
      ['found', workingProvider],
      ['not found', failingProvider],
    ])('neither a deadline timer nor an abort listener when they are %s', async (_name, createProvider) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const controller = new AbortController();
      await createCredentialChain({ createProvider })
        .resolve({ timeoutMs: 5000, signal: controller.signal })
        .catch(() => undefined);
      expect(vi.getTimerCount()).toBe(0);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });
  });

  it('creates its provider only when first asked, and only once while it works', async () => {
    let created = 0;
    const chain = createCredentialChain({
      createProvider: () => {
        created += 1;
        return { getCredentials: async () => Promise.resolve({ accessKeyId: 'id', accessKeySecret: 'secret' }) };
      },
    });
    expect(created).toBe(0);
    await chain.resolve(deadline);
    await chain.resolve(deadline);
    expect(created).toBe(1);
  });
});
