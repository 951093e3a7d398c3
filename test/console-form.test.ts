// Every form item through Logto 1.42's console form (test/support/console-form.ts): a new
// connector, a stored config with only the official connector's keys, and a full config. The
// result goes through the connector's own configGuard and a real send to the local
// Aliyun-compatible server. Items are read from metadata.formItems, so an item added later
// goes through every check here, and one of a type the model does not know fails them.
import { ConnectorConfigFormItemType, TemplateType, type ConnectorConfigFormItem } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT } from '../tools/emulator/index.js';

import createConnector from '../src/index.js';

import {
  choose,
  displayedText,
  formErrors,
  openNewConnector,
  openStoredConnector,
  pressSave,
  pressSend,
  shownKeys,
  typeInto,
  type ConsoleForm,
  type Submission,
} from './support/console-form.js';
import { emulatorPerFile } from './support/emulator-per-file.js';
import { rejectionOf } from './support/rejection.js';

const noStoredConfig = async (): Promise<never> => Promise.reject(new Error('the console passes the config inline'));
const connector = await createConnector({ getConfig: noStoredConfig });
const { configGuard, metadata, sendMessage } = connector;
const items: readonly ConnectorConfigFormItem[] = metadata.formItems ?? [];
const byKey = items.map((item): [string, ConnectorConfigFormItem] => [item.key, item]);

const emulator = emulatorPerFile({});

const mainlandNumber = '8613800138000';
const ukNumber = '447400123456';
const templates = [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }];
const [temporaryKey] = DEMO_ACCOUNT.temporaryCredentials ?? [];
if (temporaryKey === undefined) {
  throw new Error('the demo account holds no STS credential');
}

/** A config as the official connector's admins wrote it: its five keys only. */
const officialConfig = () => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: '阿里云短信测试',
  templates,
  strictPhoneRegionNumberCheck: false,
});

/** Every key of this connector, as the Management API may have written it (allowedCountries as an array). */
const fullConfig = (allowedCountries: unknown = ['CN', 'HK']) => ({
  service: 'dysms',
  credentialSource: 'config',
  accessKeyId: temporaryKey.accessKeyId,
  accessKeySecret: temporaryKey.accessKeySecret,
  securityToken: temporaryKey.securityToken,
  signName: '阿里云短信测试',
  templates,
  strictPhoneRegionNumberCheck: true,
  allowedCountries,
  regionId: 'cn-hangzhou',
  signatureVersion: 'v3',
  endpoint: emulator().url,
  timeout: 5000,
  fallback: fallbackSender(),
});

/** A second sender, as an admin types it into the fallback's Json item: its own key, sign name and templates. */
const fallbackSender = () => ({
  service: 'dysms',
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: "Logto演示 (测试)!*'~",
  templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }],
  signatureVersion: 'v1',
  endpoint: emulator().url,
});

/** What an admin types into a new connector's form before Send: the key, sign name, real templates, the local server. */
const filledIn = (form: ConsoleForm): ConsoleForm => {
  const entries: Array<[string, string]> = [
    ['accessKeyId', DEMO_ACCOUNT.accessKeyId],
    ['accessKeySecret', DEMO_ACCOUNT.accessKeySecret],
    ['signName', '阿里云短信测试'],
    ['templates', JSON.stringify(templates, null, 2)],
    ['endpoint', emulator().url],
  ];
  return entries.reduce((next, [key, text]) => typeInto(next, key, text), form);
};

const newConnector = () => filledIn(openNewConnector(items));

/** The config a submission posted; fails the test, naming the console's messages, when it did not post. */
const posted = (submission: Submission): Record<string, unknown> => {
  if (!submission.submitted) {
    throw new Error(`the console would not submit: ${submission.errors.map(({ key, message }) => `${key}: ${message}`).join('; ')}`);
  }
  return submission.config;
};

/** The paths of the connector's own guard's issues for a config (empty when it accepts it). */
const guardIssues = (config: unknown): string[] => {
  const result = configGuard.safeParse(config);
  return result.success ? [] : result.error.issues.map(({ path, message }) => `${path.join('.')}: ${message}`);
};

const accepted = (config: unknown): Record<string, unknown> => {
  const result = configGuard.safeParse(config);
  if (!result.success) {
    throw new Error(`configGuard refused: ${guardIssues(config).join('; ')}`);
  }
  const output: unknown = result.data;
  return typeof output === 'object' && output !== null ? Object.fromEntries(Object.entries(output)) : {};
};

const send = async (config: Record<string, unknown>, to = mainlandNumber) =>
  sendMessage({ to, type: TemplateType.Generic, payload: { code: '000000' } }, config);

/** What an admin can set an item to in order to empty it; undefined when the console offers no way (a Select). */
const emptiedBy = (form: ConsoleForm, item: ConnectorConfigFormItem): ConsoleForm | undefined => {
  switch (item.type) {
    case ConnectorConfigFormItemType.Select: {
      return undefined;
    }
    case ConnectorConfigFormItemType.Switch: {
      return choose(form, item.key, false);
    }
    case ConnectorConfigFormItemType.MultiSelect: {
      return choose(form, item.key, []);
    }
    case ConnectorConfigFormItemType.Json: {
      // A cleared code editor holds '', which the console itself refuses ("Invalid JSON
      // format"): an optional JSON item is emptied by typing the empty object it displays.
      return typeInto(form, item.key, '{}');
    }
    default: {
      return typeInto(form, item.key, '');
    }
  }
};

describe('the console form models every form item', () => {
  it('has items to check, each of a type the model knows', () => {
    expect(items.length).toBeGreaterThan(0);
    expect(() => openNewConnector(items)).not.toThrow();
  });

  it('fails for an item type it does not model, so a new type cannot slip through', () => {
    const unknownItem: unknown = JSON.parse('{"key":"x","label":"X","type":"Color"}');
    // Only the shape the model reads: the point is a type the connector-kit enum lacks.
    const isItem = (value: unknown): value is ConnectorConfigFormItem => typeof value === 'object' && value !== null;
    expect(() => openNewConnector([...items, ...[unknownItem].filter(isItem)])).toThrow(/does not model the form item type Color/);
  });
});

describe('a new connector', () => {
  it.each(byKey)('%s at its default lets Send and Save through, and the guard takes what they post', (key) => {
    const form = newConnector();
    expect(formErrors(form).filter((error) => error.key === key)).toEqual([]);
    for (const config of [posted(pressSend(form)), posted(pressSave(form))]) {
      expect(guardIssues(config).filter((issue) => issue.startsWith(`${key}:`) || issue.startsWith(`${key}.`))).toEqual([]);
    }
  });

  // Emptying may leave a config the guard refuses (no AccessKey for the "config" source), but
  // the console must still post it, and only the emptied key may be named.
  it.each(byKey.filter(([, item]) => item.required !== true))('%s emptied by the admin still posts, and no other key suffers', (key, item) => {
    const form = emptiedBy(newConnector(), item);
    if (form === undefined) {
      // A Select always holds one of its values: there is nothing to empty.
      expect(item.type).toBe(ConnectorConfigFormItemType.Select);
      return;
    }
    expect(formErrors(form)).toEqual([]);
    for (const config of [posted(pressSend(form)), posted(pressSave(form))]) {
      expect(guardIssues(config).filter((issue) => !issue.startsWith(`${key}:`))).toEqual([]);
    }
  });

  it('with allowed countries untouched sends, to any country', async () => {
    const config = posted(pressSend(newConnector()));
    expect(accepted(config).allowedCountries).toBeUndefined();
    await send(config);
    await send(config, ukNumber);
    expect(emulator().messages).toHaveLength(2);
  });

  it('with allowed countries emptied sends and saves, to any country', async () => {
    const form = typeInto(typeInto(newConnector(), 'allowedCountries', 'CN HK'), 'allowedCountries', '');
    expect(accepted(posted(pressSave(form))).allowedCountries).toBeUndefined();
    await send(posted(pressSend(form)), ukNumber);
    expect(emulator().messages).toHaveLength(1);
  });

  it('with allowed countries typed as codes sends to them and refuses the rest before any request', async () => {
    const form = typeInto(newConnector(), 'allowedCountries', 'cn, HK');
    const config = posted(pressSend(form));
    expect(accepted(posted(pressSave(form))).allowedCountries).toEqual(['CN', 'HK']);
    await send(config);
    const refusal = await rejectionOf(send(config, ukNumber));
    expect(JSON.stringify(refusal.data)).toContain('add \\"GB\\" to allowedCountries');
    expect(emulator().messages).toHaveLength(1);
  });

  it('with a fallback typed into its Json item saves it and sends one test message through each sender', async () => {
    const form = typeInto(newConnector(), 'fallback', JSON.stringify(fallbackSender(), null, 2));
    expect(formErrors(form)).toEqual([]);
    expect(accepted(posted(pressSave(form))).fallback).toMatchObject({ signName: fallbackSender().signName });
    await send(posted(pressSend(form)));
    expect(emulator().messages.map(({ signName }) => signName)).toEqual(['阿里云短信测试', fallbackSender().signName]);
  });

  it('with a fallback that misses a key is refused on Save, naming the fallback’s key', () => {
    const withoutSignName = Object.fromEntries(Object.entries(fallbackSender()).filter(([key]) => key !== 'signName'));
    const form = typeInto(newConnector(), 'fallback', JSON.stringify(withoutSignName));
    expect(guardIssues(posted(pressSave(form)))).toEqual(['fallback.signName: is required']);
  });

  it('with the fallback emptied to {} saves no fallback and sends once', async () => {
    const form = typeInto(typeInto(newConnector(), 'fallback', JSON.stringify(fallbackSender())), 'fallback', '{}');
    expect(accepted(posted(pressSave(form))).fallback).toBeUndefined();
    await send(posted(pressSend(form)));
    expect(emulator().messages).toHaveLength(1);
  });

  it('with an unknown code in allowed countries is refused on Save, naming the field', () => {
    const form = typeInto(newConnector(), 'allowedCountries', 'CN XX');
    expect(guardIssues(posted(pressSave(form)))).toEqual([expect.stringMatching(/^allowedCountries\.1: must be an ISO 3166-1 alpha-2 country code/)]);
  });
});

const chosenTypes: ReadonlySet<string> = new Set([ConnectorConfigFormItemType.Select, ConnectorConfigFormItemType.Switch, ConnectorConfigFormItemType.MultiSelect]);

const storedConfigs: Array<[string, () => Record<string, unknown>]> = [
  ['a config with only the official connector’s keys', officialConfig],
  ['a full config, allowed countries as an array', () => fullConfig(['CN', 'HK'])],
  ['a full config, allowed countries as the form’s text', () => fullConfig('CN HK')],
];

describe.each(storedConfigs)('opening %s', (_name, stored) => {
  it.each(byKey)('shows %s when the config holds it', (key) => {
    const config = stored();
    const form = openStoredConnector(items, config);
    if (key in config) {
      expect(shownKeys(form)).toContain(key);
    }
  });

  it.each(byKey)('keeps what %s means through an untouched Save', (key) => {
    const config = stored();
    const form = openStoredConnector(items, config);
    expect(formErrors(form)).toEqual([]);
    expect(accepted(posted(pressSave(form)))[key]).toEqual(accepted(config)[key]);
  });

  it.each(byKey)('keeps what %s means when the admin retypes what its field displays', (key, item) => {
    const config = stored();
    const form = openStoredConnector(items, config);
    if (chosenTypes.has(item.type)) {
      // Chosen, not typed: the untouched Save above covers it.
      return;
    }
    const retyped = typeInto(form, key, displayedText(form, key));
    expect(formErrors(retyped)).toEqual([]);
    expect(accepted(posted(pressSave(retyped)))[key]).toEqual(accepted(config)[key]);
  });

  it('sends with what Send posts untouched, once the local server is its endpoint', async () => {
    const form = openStoredConnector(items, stored());
    const config = posted(pressSend(form));
    accepted(config);
    await send(posted(pressSend(typeInto(form, 'endpoint', emulator().url))));
    // With a fallback, Send sends one test message through each sender.
    expect(emulator().messages).toHaveLength('fallback' in stored() ? 2 : 1);
  });
});

describe('opening a stored config with a list of allowed countries', () => {
  it('shows the list and keeps it on Save, and the list still refuses other countries', async () => {
    const form = openStoredConnector(items, fullConfig(['CN', 'HK']));
    expect(displayedText(form, 'allowedCountries')).toBe('CN,HK');
    const saved = posted(pressSave(form));
    expect(saved.allowedCountries).toEqual(['CN', 'HK']);
    const refusal = await rejectionOf(send(posted(pressSend(form)), ukNumber));
    expect(JSON.stringify(refusal.data)).toContain('allowedCountries');
    expect(emulator().messages).toEqual([]);
  });
});
