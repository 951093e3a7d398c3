// What every client sends, and the settings they share, so that the clients differ only in the
// code under measurement.
import { DEMO_ACCOUNT } from '../tools/emulator/accounts.js';

/** The clients compared, in the order the first round runs them. */
export const clientNames = ['raw', 'bare-got', 'got+phone', 'ours', 'official'] as const;
export type ClientName = (typeof clientNames)[number];

export const isClientName = (value: unknown): value is ClientName => clientNames.some((name) => name === value);

/** Aliyun's SendSms host: the official connector can post nowhere else. */
export const aliyunHost = 'dysmsapi.aliyuncs.com';

/**
 * The options Node 22 gives `https.globalAgent`, which ours and the official connector use
 * through got. The raw, bare-got and got+phone clients get an agent with the same options.
 */
export const agentOptions = { keepAlive: true, scheduling: 'lifo', timeout: 5000 } as const;

const signName = DEMO_ACCOUNT.signNames[0];
const mainland = DEMO_ACCOUNT.templates.find(({ kind }) => kind === 'mainland');
const international = DEMO_ACCOUNT.templates.find(({ kind }) => kind === 'international');
if (signName === undefined || mainland === undefined || international === undefined) {
  throw new Error('the emulator demo account needs a sign name, a mainland and an international template');
}

/** The account, sign name and templates every send uses (the emulator's demo account). */
export const account = {
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName,
  mainlandTemplate: mainland.code,
  internationalTemplate: international.code,
  code: '123456',
} as const;

// Three blocks of 10^6 numbers that libphonenumber (mobile and max metadata) holds valid
// mobiles throughout: mainland China (China Mobile 138…), UK (07400…) and Hong Kong (61…).
// Both connectors route them alike: only the 86 numbers take the mainland template.
const numberBlocks = ['86138', '447400', '85261'] as const;
const blockSize = 1_000_000;
/** Each client process draws from its own share of every block. */
const numbersPerClient = blockSize / clientNames.length;

/**
 * The recipient of a client's `index`-th send, as Logto stores it (country code and number,
 * digits only): mainland, UK and Hong Kong in turn, each one different within 600,000 sends.
 */
export const phoneNumber = (clientIndex: number, index: number): string => {
  const prefix = numberBlocks[index % numberBlocks.length] ?? numberBlocks[0];
  const serial = clientIndex * numbersPerClient + (Math.floor(index / numberBlocks.length) % numbersPerClient);
  return prefix === '86138' ? `${prefix}${String(serial).padStart(8, '0')}` : `${prefix}${String(serial).padStart(6, '0')}`;
};

/** Whether a number gets the mainland template: what both connectors decide for these numbers. */
export const isMainland = (phone: string): boolean => phone.startsWith('86');

/**
 * The connector configuration, the same for ours and the official one: the official connector
 * requires these four usage types, and picks `china` or `overseas` by the number. `endpoint`
 * is ours only (the official connector has no such key).
 */
export const connectorConfig = (endpoint?: string): Record<string, unknown> => ({
  accessKeyId: account.accessKeyId,
  accessKeySecret: account.accessKeySecret,
  signName: account.signName,
  templates: ['Register', 'SignIn', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    templateCode: { china: account.mainlandTemplate, overseas: account.internationalTemplate },
  })),
  ...(endpoint === undefined ? {} : { endpoint }),
});
