// The one send every client repeats, and the clients being compared.
import { DEMO_ACCOUNT } from '../tools/emulator/accounts.js';

/** Aliyun's SendSms host: the official connector cannot be pointed anywhere else. */
export const aliyunHost = 'dysmsapi.aliyuncs.com';
export const aliyunEndpoint = `https://${aliyunHost}/`;
/** The port that endpoint implies: the TLS front has to listen on it, as the official URL names none. */
export const aliyunHttpsPort = 443;

export const clientNames = ['baseline', 'ours', 'official'] as const;
export type ClientName = (typeof clientNames)[number];

export const transports = ['http', 'https'] as const;
/** `http`: the emulator's own listener. `https`: dysmsapi.aliyuncs.com routed to the emulator's TLS front. */
export type Transport = (typeof transports)[number];

export const isClientName = (value: unknown): value is ClientName =>
  clientNames.some((name) => name === value);

export const isTransport = (value: unknown): value is Transport =>
  transports.some((transport) => transport === value);

const firstSignName = DEMO_ACCOUNT.signNames[0];
const mainlandTemplate = DEMO_ACCOUNT.templates.find(({ kind }) => kind === 'mainland');
if (firstSignName === undefined || mainlandTemplate === undefined) {
  throw new Error('the emulator demo account needs a sign name and a mainland template');
}

/** What is sent, every time: a mainland number, a Chinese sign name, a verification code. */
export const send = {
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: firstSignName,
  templateCode: mainlandTemplate.code,
  phoneNumber: '13800138000',
  code: '123456',
} as const;

/**
 * The connector configuration, the same for ours and the official one (ours accepts every
 * config the official accepts; the official requires these four usage types). `endpoint` is
 * ours only, and only for the plain-HTTP runs.
 */
export const connectorConfig = (endpoint?: string): Record<string, unknown> => ({
  accessKeyId: send.accessKeyId,
  accessKeySecret: send.accessKeySecret,
  signName: send.signName,
  templates: ['Register', 'SignIn', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    templateCode: send.templateCode,
  })),
  ...(endpoint === undefined ? {} : { endpoint }),
});

/** What Logto passes to sendMessage for a sign-in code. */
export const messageData = {
  to: send.phoneNumber,
  type: 'SignIn',
  payload: { code: send.code },
} as const;
