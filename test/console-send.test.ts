// The console's Send button, through Logto's own loader and the packed package, against the
// local Aliyun-compatible server: every misconfiguration in the server's repertoire yields a
// `general` error whose errorDescription (what Logto's toast shows) names the key to fix and,
// where the doctor can tell, why. The same misconfiguration in a sign-in flow tells the end
// user nothing of the config.
import { buildRawConnector } from '@logto/cli/lib/connector/index.js';
import { ConnectorType, TemplateType } from '@logto/connector-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT, startEmulator, type Emulator } from '../tools/emulator/index.js';
import { createLogtoHostFolder, type LogtoHostFolder } from '../tools/logto-host.js';

import { hostKitOf, hostRejectionOf, loadAllHosts, type ConnectorFactory, type HostKit } from './support/logto-hosts.js';

let host: LogtoHostFolder;
let kit: HostKit;
let factory: ConnectorFactory;
let emulator: Emulator;

beforeAll(async () => {
  host = createLogtoHostFolder();
  kit = await hostKitOf(host);
  const [loaded] = await loadAllHosts([host]);
  if (loaded === undefined) {
    throw new Error("Logto's loader skipped the connector");
  }
  factory = loaded;
  emulator = await startEmulator();
});

afterAll(async () => {
  host.remove();
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
  emulator.clearFaults();
  emulator.clock.set(new Date());
});

const good = () => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }],
  endpoint: emulator.url,
  timeout: 5000,
});

const withTemplate = (templateCode: unknown) => ({ ...good(), templates: [{ usageType: 'Generic', templateCode }] });

const connector = async (getConfig?: () => Promise<unknown>) => {
  const { rawConnector } = await buildRawConnector(factory, getConfig);
  if (rawConnector.type !== ConnectorType.Sms) {
    throw new Error('expected an SMS connector');
  }
  return rawConnector;
};

const adminData = z.object({ errorDescription: z.string(), connectorCode: z.string() }).passthrough();

/** What the admin's toast shows for a console Send with this config. */
const consoleSend = async (config: object, to = '8613800138000') => {
  const sms = await connector();
  const rejection = await hostRejectionOf(kit, sms.sendMessage({ to, type: TemplateType.Generic, payload: { code: '000000' } }, config));
  expect(rejection.code).toBe('general');
  return adminData.parse(rejection.data);
};

// [misconfiguration, config, connector code kept in data, what the advice must say]
const repertoire: Array<[string, () => object, string, RegExp[]]> = [
  ['a wrong secret', () => ({ ...good(), accessKeySecret: 'not-it' }), 'invalid_config', [/accessKeySecret \("AccessKey secret"\)/, /SignatureDoesNotMatch/]],
  ['an unknown AccessKey ID', () => ({ ...good(), accessKeyId: 'LTAI5tUnknownKey' }), 'invalid_config', [/accessKeyId/, /InvalidAccessKeyId\.NotFound/]],
  ['a sign name under review', () => ({ ...good(), signName: 'Logto审核中' }), 'invalid_config', [/signName/, /under review/]],
  ['a rejected sign name', () => ({ ...good(), signName: 'Logto已驳回' }), 'invalid_config', [/signName/, /rejected \(签名与资质信息不一致/]],
  ['an unknown sign name', () => ({ ...good(), signName: 'Logto不存在' }), 'invalid_config', [/signName/, /has no sign name/]],
  ['a template under review', () => withTemplate('SMS_465000010'), 'invalid_config', [/templates \("Templates"\)/, /under review/]],
  ['a rejected template', () => withTemplate('SMS_465000011'), 'invalid_config', [/templates/, /rejected \(模板内容中包含错别字。\)/]],
  ['a withdrawn template', () => withTemplate('SMS_465000012'), 'invalid_config', [/templates/, /withdrawn/]],
  ['an unknown template', () => withTemplate('SMS_999999999'), 'invalid_config', [/templates/, /no such template/]],
  [
    'an international template as the china code',
    () => withTemplate({ china: 'SMS_465000001', overseas: 'SMS_465000001' }),
    'invalid_request_parameters',
    [/templates/, /china code but an international template/],
  ],
  [
    'a template with a variable nobody fills',
    // A general-purpose sign: the test sign only takes verification-code templates.
    () => ({ ...withTemplate('SMS_465000003'), signName: "Logto演示 (测试)!*'~" }),
    'invalid_config',
    [/templates/, /\$\{name\}, \$\{time\}/],
  ],
  [
    'a template under review for a SendSms-only RAM user',
    () => ({ ...withTemplate('SMS_465000010'), accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret }),
    'invalid_config',
    [/templates/, /dysms:GetSmsTemplate/],
  ],
];

describe("the console's Send button, through Logto's loader", () => {
  it.each(repertoire)('explains %s in the toast', async (_name, config, connectorCode, expected) => {
    const data = await consoleSend(config());
    expect(data.connectorCode).toBe(connectorCode);
    for (const pattern of expected) {
      expect(data.errorDescription).toMatch(pattern);
    }
    expect(JSON.stringify(data)).not.toContain(DEMO_ACCOUNT.accessKeySecret);
    expect(emulator.messages).toEqual([]);
  });

  it('explains a server clock beyond Aliyun’s window', async () => {
    emulator.clock.advance(20 * 60_000);
    const data = await consoleSend(good());
    expect(data.errorDescription).toMatch(/NTP/);
    expect(data.errorDescription).toMatch(/Doctor, server clock \(problem\)/);
  });

  it('sends on a good config, and reads the delivery receipt', async () => {
    const sms = await connector();
    await sms.sendMessage({ to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } }, good());
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.requests.map(({ action }) => action)).toEqual(['SendSms', 'QuerySendDetails']);
  });

  it('explains a message the carrier blocked after Aliyun accepted it', async () => {
    emulator.chooseReceipt('+8613800138000', { kind: 'failed', code: 'MK:0000' });
    try {
      const data = await consoleSend(good());
      expect(data.connectorCode).toBe('general');
      expect(data.errorDescription).toMatch(/^Aliyun accepted the message to 138\*+00, but the carrier did not deliver it: receipt code MK:0000, blocked by the carrier’s gateway/);
      expect(data.errorDescription).toMatch(/filed with every carrier/);
      expect(JSON.stringify(data)).not.toContain('13800138000');
      expect(emulator.messages).toHaveLength(1);
    } finally {
      emulator.clearReceipts();
    }
  });

  it('still succeeds for a RAM user that may send but not read receipts', async () => {
    const sms = await connector();
    const sendOnly = { ...good(), accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret };
    await sms.sendMessage({ to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } }, sendOnly);
    expect(emulator.requests.map(({ action }) => action)).toEqual(['SendSms', 'QuerySendDetails']);
  });
});

describe('the same misconfigurations in a sign-in flow', () => {
  const endUserData = z.object({ errorDescription: z.string(), Code: z.string().optional(), RequestId: z.string().optional() }).strict();

  it.each(repertoire)('tell the end user nothing of the config for %s', async (_name, config) => {
    const stored = config();
    const sms = await connector(async () => Promise.resolve(stored));
    const rejection = await hostRejectionOf(kit, sms.sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } }));
    const data = endUserData.parse(rejection.data);
    const serialised = JSON.stringify(data);
    const templates = JSON.stringify(stored).match(/SMS_\d+/g) ?? [];
    for (const value of [DEMO_ACCOUNT.accessKeyId, DEMO_SEND_ONLY_ACCOUNT.accessKeyId, 'Logto', '阿里云短信测试', encodeURIComponent('阿里云短信测试'), ...templates, '127.0.0.1', new URL(emulator.url).port, 'accessKey', 'signName', 'templates', 'Doctor']) {
      expect(serialised).not.toContain(value);
    }
    // The runtime send never runs the doctor: only the send itself reached the server.
    expect(emulator.requests.map(({ action }) => action)).toEqual(['SendSms']);
  });
});
