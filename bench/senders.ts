// The five clients. Each `send(phone)` resolves once the answer says the SMS was accepted and
// rejects otherwise; `closeIdle` drops kept-alive sockets between runs, so that a server-side
// idle timeout can never race the first request of the next run.
import { existsSync } from 'node:fs';
import https from 'node:https';
import { fileURLToPath, pathToFileURL } from 'node:url';

import got from 'got';
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

import { signedSendSmsBody } from './sign.js';
import { account, agentOptions, aliyunHost, connectorConfig, type ClientName } from './scenario.js';

export type Sender = {
  send: (phone: string) => Promise<void>;
  closeIdle: () => void;
};

type AnyFunction = (...parameters: unknown[]) => unknown;

const isFunction = (value: unknown): value is AnyFunction => typeof value === 'function';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isAccepted = (answer: unknown): boolean =>
  isRecord(answer) && answer.Code === 'OK' && typeof answer.BizId === 'string' && answer.BizId !== '';

// Only the status and Aliyun's Code are reported: the rest of a refusal's body (the server's
// string to sign, for one) would repeat the phone number.
const checkAnswer = (statusCode: number | undefined, body: string): void => {
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    answer = undefined;
  }
  if (statusCode !== 200 || !isAccepted(answer)) {
    const code: unknown = isRecord(answer) ? answer.Code : undefined;
    throw new Error(`HTTP ${statusCode ?? 0}, Code ${typeof code === 'string' ? code : 'none'}`);
  }
};

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' } as const;

/** node:https with a keep-alive agent, and the form signed in the bench: the least any client can do. */
const createRaw = (endpoint: URL): Sender => {
  const agent = new https.Agent(agentOptions);
  const send = async (phone: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const body = signedSendSmsBody(phone);
      const request = https.request(
        endpoint,
        { method: 'POST', agent, headers: { ...formHeaders, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('error', reject);
          response.on('end', () => {
            try {
              checkAnswer(response.statusCode, text);
              resolve();
            } catch (error: unknown) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        }
      );
      request.on('error', reject);
      request.end(body);
    });
  return {
    send,
    closeIdle: () => {
      agent.destroy();
    },
  };
};

/** The same signed POST through one got instance whose only setting is a keep-alive agent. */
const createBareGot = (endpoint: URL): Sender => {
  const agent = new https.Agent(agentOptions);
  const client = got.extend({ agent: { https: agent } });
  return {
    send: async (phone) => {
      const response = await client.post(endpoint, { body: signedSendSmsBody(phone), headers: formHeaders });
      checkAnswer(response.statusCode, response.body);
    },
    closeIdle: () => {
      agent.destroy();
    },
  };
};

/**
 * Bare got, after the check any correct connector makes before it sends: that the number is a
 * mobile one, with libphonenumber-js and its mobile metadata, as ours checks it. What this client
 * costs above bare got is that check, measured the way every client is measured.
 */
const createPhoneCheckedGot = (endpoint: URL): Sender => {
  const bare = createBareGot(endpoint);
  return {
    send: async (phone) => {
      if (parsePhoneNumberFromString(`+${phone}`, { extract: false })?.getType() !== 'MOBILE') {
        throw new Error('the bench drew a number that is not a valid mobile one');
      }
      await bare.send(phone);
    },
    closeIdle: bare.closeIdle,
  };
};

/**
 * The official connector posts to https://dysmsapi.aliyuncs.com/ through got, which uses
 * `https.globalAgent` when given no agent. This agent connects every such request to the
 * bench's TLS listener on loopback instead, still as dysmsapi.aliyuncs.com: SNI and the
 * certificate's host name are checked as they would be against Aliyun.
 */
class LoopbackAgent extends https.Agent {
  readonly #port: number;

  constructor(port: number) {
    super(agentOptions);
    this.#port = port;
  }

  override createConnection(...[options, callback]: Parameters<https.Agent['createConnection']>): ReturnType<https.Agent['createConnection']> {
    return super.createConnection({ ...options, host: '127.0.0.1', port: this.#port, servername: aliyunHost }, callback);
  }
}

/** Where ours is loaded from: the built package, as Logto loads it. */
export const ourBuild = fileURLToPath(new URL('../lib/index.js', import.meta.url));

/**
 * A connector loaded as Logto loads one: the default-exported factory, called with getConfig;
 * then sendMessage as an end user's sign-in sends it, the stored config read through getConfig.
 * (The console's test button passes the config inline, and ours then follows the delivery
 * receipt: an admin's test, not the path whose cost per send matters.)
 */
const createConnectorSender = async (module: string, config: Record<string, unknown>): Promise<Sender> => {
  const loaded: unknown = await import(module);
  const factory: unknown = isRecord(loaded) ? loaded.default : undefined;
  if (!isFunction(factory)) {
    throw new Error(`${module}: no default-exported connector factory`);
  }
  const connector: unknown = await factory({ getConfig: async () => Promise.resolve(config) });
  const sendMessage: unknown = isRecord(connector) ? connector.sendMessage : undefined;
  if (!isFunction(sendMessage)) {
    throw new Error(`${module}: the connector has no sendMessage`);
  }
  return {
    send: async (phone) => {
      const result: unknown = await sendMessage({ to: phone, type: 'SignIn', payload: { code: account.code } });
      if (!isRecord(result) || typeof result.BizId !== 'string' || result.BizId === '') {
        throw new Error(`sendMessage resolved without a BizId: ${JSON.stringify(result)}`);
      }
    },
    // Both send through got, which falls back on https.globalAgent (looked up per request).
    closeIdle: () => {
      https.globalAgent.destroy();
    },
  };
};

/** Builds the named client for a TLS listener on 127.0.0.1:`port`. */
export const createSender = async (name: ClientName, port: number): Promise<Sender> => {
  const endpoint = new URL(`https://127.0.0.1:${port}/`);
  switch (name) {
    case 'raw': {
      return createRaw(endpoint);
    }
    case 'bare-got': {
      return createBareGot(endpoint);
    }
    case 'got+phone': {
      return createPhoneCheckedGot(endpoint);
    }
    case 'ours': {
      if (!existsSync(ourBuild)) {
        throw new Error(`${ourBuild} is missing: run \`npm run build\` first (npm run bench does)`);
      }
      // Ours is pointed at the listener the way an operator would: its `endpoint` key.
      return createConnectorSender(pathToFileURL(ourBuild).href, connectorConfig(endpoint.href));
    }
    case 'official': {
      // got reads https.globalAgent at every request, so replacing it here is enough.
      if (!Reflect.set(https, 'globalAgent', new LoopbackAgent(port))) {
        throw new Error('could not replace https.globalAgent');
      }
      return createConnectorSender('@logto/connector-aliyun-sms', connectorConfig());
    }
  }
};
