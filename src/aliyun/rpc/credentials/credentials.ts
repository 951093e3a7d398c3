import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { z } from 'zod';

import { routeCredentialRequests } from './credential-requests.js';
import { describeChainSources, type Environment } from './credential-sources.js';
import { createDefaultChainProvider, type CredentialProvider } from './default-chain.js';

/** Where the connector takes its AccessKey from: its own config, or Alibaba's default chain. */
export const credentialSourceGuard = z.enum(['config', 'environment']);

/** One of the credential sources the config may name. */
export type CredentialSource = z.infer<typeof credentialSourceGuard>;

/** The key pair and optional STS token the signers need. */
type CredentialFields = { accessKeyId: string; accessKeySecret: string; securityToken?: string };

/**
 * Credentials as a provider of @alicloud/credentials reports them, normalised: an empty or
 * undefined token (a plain AccessKey; the library reports it either way) is left out, so
 * `'securityToken' in credentials` means STS; an empty key or secret means no credentials.
 */
export const aliyunCredentialsGuard = z
  .object({
    accessKeyId: z.string().min(1),
    accessKeySecret: z.string().min(1),
    securityToken: z.string().optional(),
  })
  .transform(
    ({ accessKeyId, accessKeySecret, securityToken }): CredentialFields =>
      securityToken === undefined || securityToken === ''
        ? { accessKeyId, accessKeySecret }
        : { accessKeyId, accessKeySecret, securityToken }
  );

/** Validated credentials, ready for signing. */
export type AliyunCredentials = z.infer<typeof aliyunCredentialsGuard>;

/** The credential part of the connector's config. */
export type CredentialSettings =
  | {
      credentialSource: 'config';
      accessKeyId: string;
      accessKeySecret: string;
      securityToken?: string;
    }
  | { credentialSource: 'environment' };

/** How long the caller can wait: what remains of the send's own deadline, and its cancellation. */
export type CredentialDeadline = { timeoutMs: number; signal?: AbortSignal };

/** A lazily built, process-wide provider: cached and refreshed by the library, fetched only when it says so. */
export type CredentialChain = {
  resolve: (deadline: CredentialDeadline) => Promise<AliyunCredentials>;
};

/** What a chain needs from a credentials provider (re-exported for callers building their own). */
export type { CredentialProvider } from './default-chain.js';

/** Options of a chain: by default Alibaba's default chain; tests and the OIDC end-to-end test pass their own. */
export type CredentialChainOptions = {
  createProvider?: () => CredentialProvider;
};

const credentialsError = (
  code: ConnectorErrorCodes,
  data: { errorDescription: string } & Record<string, unknown>
): ConnectorError => {
  const error = new ConnectorError(code, data);
  // connector-kit would make the message the JSON of data; a sentence reads better in logs.
  error.message = `Aliyun credentials unavailable: ${data.errorDescription}`;
  return error;
};

const sourcesSummary = (environment: Environment) => {
  const reports = describeChainSources(environment);
  return {
    sources: reports.filter(({ tried }) => tried).map(({ source }) => source),
    listing: reports.map(({ source, detail }, index) => `${index + 1}) ${source}: ${detail}`).join('; '),
  };
};

const chainFailure = (environment: Environment): ConnectorError => {
  const { sources, listing } = sourcesSummary(environment);
  return credentialsError(ConnectorErrorCodes.InvalidConfig, {
    errorDescription: `credentialSource is "environment", but Alibaba’s default credential chain found no credentials, so no SMS was sent. Its sources, in order: ${listing}. Provide one of these on the Logto host, or set credentialSource to "config" with accessKeyId and accessKeySecret.`,
    credentialSource: 'environment',
    sources,
  });
};

const deadlineFailure = (
  environment: Environment,
  failure: 'timeout' | 'aborted',
  timeoutMs: number
): ConnectorError => {
  const { sources, listing } = sourcesSummary(environment);
  const what =
    failure === 'timeout'
      ? `no credentials arrived within ${timeoutMs} ms`
      : 'the send was cancelled while waiting for credentials';
  // General, not invalid_config: a slow STS or metadata service is not a wrong setting.
  return credentialsError(ConnectorErrorCodes.General, {
    errorDescription: `credentialSource is "environment", but ${what}, so no SMS was sent. The chain’s sources, in order: ${listing}. If a source answers slowly (STS, the ECS metadata service), check the network path to it or raise the timeout.`,
    credentialSource: 'environment',
    sources,
    failure,
    timeoutMs,
    smsMayHaveBeenSent: false,
  });
};

/** Waits for work until the deadline passes or the signal aborts, whichever comes first. */
const withinDeadline = async <T>(
  work: Promise<T>,
  deadline: CredentialDeadline,
  onMissed: (failure: 'timeout' | 'aborted') => ConnectorError
): Promise<T> => {
  const { signal } = deadline;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const missed = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(onMissed('timeout'));
    }, Math.max(0, deadline.timeoutMs));
    onAbort = () => {
      reject(onMissed('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, missed]);
  } finally {
    clearTimeout(timer);
    if (onAbort) {
      signal?.removeEventListener('abort', onAbort);
    }
  }
};

/**
 * A credential chain whose provider is built on first use and then reused, so the library's
 * cache of temporary credentials lives as long as the process. Concurrent callers share one
 * request. After a failure the provider is dropped: the library's chain would otherwise stick
 * to the last source it tried and never look at the earlier ones again.
 */
export const createCredentialChain = (options: CredentialChainOptions = {}): CredentialChain => {
  const createProvider = options.createProvider ?? createDefaultChainProvider;
  // The library reads process.env itself; the failure advice must describe that same environment.
  const environment: Environment = process.env;
  let provider: CredentialProvider | undefined;
  let inFlight: Promise<AliyunCredentials> | undefined;

  // Only one fetch is ever in flight (later callers join it), so the provider it used is the
  // current one, and dropping it on failure cannot discard a newer one.
  const fetchCredentials = async (): Promise<AliyunCredentials> => {
    let answer: unknown;
    try {
      if (provider === undefined) {
        // The library's own calls (STS, a credentials URI) go through the proxy the
        // environment names now; its providers pick that up when they are built.
        routeCredentialRequests(environment);
        provider = createProvider();
      }
      answer = await provider.getCredentials();
    } catch {
      // Dropped unread: the library's error text can quote a config file or an STS answer.
      answer = undefined;
    }
    const parsed = aliyunCredentialsGuard.safeParse(answer);
    if (parsed.success) {
      return parsed.data;
    }
    provider = undefined;
    throw chainFailure(environment);
  };

  return {
    resolve: async (deadline) => {
      if (deadline.signal?.aborted) {
        throw deadlineFailure(environment, 'aborted', deadline.timeoutMs);
      }
      if (!inFlight) {
        const attempt = fetchCredentials();
        inFlight = attempt;
        const settle = () => {
          if (inFlight === attempt) {
            inFlight = undefined;
          }
        };
        // Both handlers return normally, so this derived promise never rejects unhandled.
        attempt.then(settle, settle);
      }
      return withinDeadline(inFlight, deadline, (failure) =>
        deadlineFailure(environment, failure, deadline.timeoutMs)
      );
    },
  };
};

/** The process-wide chain for credentialSource "environment". */
export const processCredentialChain: CredentialChain = createCredentialChain();

/**
 * The credentials to sign with: the configured ones as given (no I/O), or the default chain's
 * within the deadline. Throws ConnectorError invalid_config when the chain finds none, general
 * when the deadline passes first; neither carries a credential value or the library's text.
 */
export const resolveCredentials = async (
  settings: CredentialSettings,
  deadline: CredentialDeadline,
  chain: CredentialChain = processCredentialChain
): Promise<AliyunCredentials> => {
  if (settings.credentialSource === 'config') {
    const { accessKeyId, accessKeySecret, securityToken } = settings;
    return {
      accessKeyId,
      accessKeySecret,
      ...(securityToken === undefined || securityToken === '' ? {} : { securityToken }),
    };
  }
  return chain.resolve(deadline);
};
