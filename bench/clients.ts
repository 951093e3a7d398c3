// The three clients. Each exposes one `send` (resolves once Aliyun's answer says the SMS was
// accepted, rejects otherwise) and `closeIdle` (drops kept-alive sockets between runs, so a
// server-side idle timeout can never race the first request of the next run).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { signRpcRequest } from '../src/aliyun/signature.js';
import { aliyunEndpoint, connectorConfig, messageData, send as sms, type ClientName } from './scenario.js';

export type Sender = {
  send: () => Promise<void>;
  closeIdle: () => void;
};

type AnyFunction = (...parameters: unknown[]) => unknown;

const isFunction = (value: unknown): value is AnyFunction => typeof value === 'function';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isAcceptedAnswer = (value: unknown): boolean =>
  isRecord(value) && typeof value.BizId === 'string' && value.BizId !== '';

/**
 * The minimal hand-written client: one keep-alive agent, the SendSms form built and signed
 * inline, POST, read the JSON answer. What any connector has to do, and nothing more.
 */
const createBaseline = (endpoint: URL): Sender => {
  const secure = endpoint.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const request = secure ? https.request : http.request;
  const send = async (): Promise<void> =>
    new Promise((resolve, reject) => {
      const parameters = {
        AccessKeyId: sms.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: sms.phoneNumber,
        RegionId: 'cn-hangzhou',
        SignName: sms.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: sms.templateCode,
        TemplateParam: JSON.stringify({ code: sms.code }),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      const body = new URLSearchParams({
        ...parameters,
        Signature: signRpcRequest('POST', parameters, sms.accessKeySecret),
      }).toString();
      const outgoing = request(
        endpoint,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('error', reject);
          response.on('end', () => {
            let answer: unknown;
            try {
              answer = JSON.parse(text);
            } catch {
              answer = undefined;
            }
            if (response.statusCode === 200 && isAcceptedAnswer(answer)) {
              resolve();
            } else {
              reject(new Error(`HTTP ${response.statusCode ?? 0}: ${text.slice(0, 200)}`));
            }
          });
        }
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  return {
    send,
    closeIdle: () => {
      agent.destroy();
    },
  };
};

/** Where ours is loaded from: the built package, as Logto loads it. */
export const ourBuild = fileURLToPath(new URL('../lib/index.js', import.meta.url));

const connectorModule = (name: 'ours' | 'official'): string => {
  if (name === 'official') {
    return '@logto/connector-aliyun-sms';
  }
  if (!existsSync(ourBuild)) {
    throw new Error(`${ourBuild} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  return pathToFileURL(ourBuild).href;
};

const noStoredConfig = async (): Promise<never> =>
  Promise.reject(new Error('getConfig is not available: the config is passed inline'));

/**
 * A connector loaded as Logto loads one: the default-exported factory, called with getConfig;
 * then sendMessage with the config inline, as the console's test button sends it.
 */
const createConnectorSender = async (name: 'ours' | 'official', endpoint: URL): Promise<Sender> => {
  const atAliyun = endpoint.href === aliyunEndpoint;
  if (name === 'official' && !atAliyun) {
    throw new Error(`the official connector only sends to ${aliyunEndpoint}`);
  }
  const loaded: unknown = await import(connectorModule(name));
  const factory: unknown = isRecord(loaded) ? loaded.default : undefined;
  if (!isFunction(factory)) {
    throw new Error(`${name}: no default-exported connector factory`);
  }
  const connector: unknown = await factory({ getConfig: noStoredConfig });
  const sendMessage: unknown = isRecord(connector) ? connector.sendMessage : undefined;
  if (!isFunction(sendMessage)) {
    throw new Error(`${name}: the connector has no sendMessage`);
  }
  // At Aliyun's address ours runs on its default endpoint: then both get the very same config.
  const config = connectorConfig(atAliyun ? undefined : endpoint.href);
  return {
    send: async () => {
      const result: unknown = await sendMessage(messageData, config);
      if (!isAcceptedAnswer(result)) {
        throw new Error(`${name}: sendMessage resolved without a BizId: ${JSON.stringify(result)}`);
      }
    },
    // Both connectors send through got, which uses Node's global agents (keep-alive since Node 19).
    closeIdle: () => {
      http.globalAgent.destroy();
      https.globalAgent.destroy();
    },
  };
};

/** Builds a client that sends to `endpoint` (the emulator's URL, or Aliyun's routed to the TLS front). */
export const createSender = async (name: ClientName, endpoint: URL): Promise<Sender> => {
  if (name === 'baseline') {
    return createBaseline(endpoint);
  }
  return createConnectorSender(name, endpoint);
};
