// Drop-in compatibility with the official @logto/connector-aliyun-sms 1.5.5, checked against
// the published package itself (a test-only devDependency, driven as a black box).
//
// Claim: every config the official connector accepts is accepted by ours and means the same.
// The one sanctioned exception is the deliberate tightening of official weakness 7: ours
// refuses empty or whitespace-only accessKeyId, accessKeySecret, signName, usageType and
// templateCode (Aliyun would refuse those sends anyway, later and less clearly). Keys the
// official guard strips (our extensions: endpoint, timeout, regionId…) are validated by ours.
// Where the two send differently on purpose, each difference has its own pinned test below.
//
// Ours is driven as Logto drives it: runtime sends read the stored config through getConfig
// (what an end user triggers); the console's Send button passes it inline and fails as
// `general` with the precise code under data.connectorCode.
import {
  ConnectorError,
  ConnectorErrorCodes,
  TemplateType,
  type SendMessageData,
} from '@logto/connector-kit';
import fc from 'fast-check';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { endpointOf } from '../src/config/derived.js';
import { parseConfig } from '../src/config/parse.js';
import type { AliyunSmsConfig } from '../src/config/schema.js';
import createConnector, { aliyunSmsConfigGuard } from '../src/index.js';
import { signRpcRequest } from '../src/aliyun/rpc/signature.js';
import { resolveRecipient, type Region } from '../src/phone.js';
import { chooseTemplate } from '../src/templates/choose.js';

import { formBodyOf } from './support/form-body.js';
import { loadOfficialConnector, type OfficialConnector } from './support/official-connector.js';
import { rejectionOf } from './support/rejection.js';

const usageTypes = Object.values(TemplateType);
const generic: string = TemplateType.Generic;
/** The usage types the official guard insists on (official-connector.md, weakness 7). */
const officialRequiredTypes = [
  TemplateType.Register,
  TemplateType.SignIn,
  TemplateType.ForgotPassword,
  TemplateType.Generic,
] as const;
/** Where the official connector always sends: it has no endpoint setting. */
const officialEndpoint = 'https://dysmsapi.aliyuncs.com/';
const aliyunOrigin = 'https://dysmsapi.aliyuncs.com';

/** A mainland number as Logto stores it, and a UK mobile: both connectors agree on their region. */
const mainlandNumber = '8613800138000';
const overseasNumber = '447911123456';

let official: OfficialConnector;

const noStoredConfig = (): Promise<never> =>
  Promise.reject(new Error('getConfig is not available: the config is passed inline'));

beforeAll(async () => {
  official = await loadOfficialConnector();
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

// ---------------------------------------------------------------------------------------------
// Reading an unknown config the way the official connector reads it (only after its guard
// accepted it, so any other shape is a bug in this test).

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const listOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

const isBlank = (value: unknown): value is string => typeof value === 'string' && value.trim() === '';

type OfficialTemplateCode = string | { china: string; overseas: string };
type OfficialTemplate = { usageType: string; templateCode: OfficialTemplateCode };
type OfficialView = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  strictPhoneRegionNumberCheck: boolean;
  templates: OfficialTemplate[];
};

const textAt = (record: Record<string, unknown>, key: string): string => {
  const value = record[key];
  if (typeof value !== 'string') {
    throw new Error(`the official guard accepted a non-string ${key}`);
  }
  return value;
};

const readTemplateCode = (value: unknown): OfficialTemplateCode => {
  if (typeof value === 'string') {
    return value;
  }
  if (isRecord(value)) {
    return { china: textAt(value, 'china'), overseas: textAt(value, 'overseas') };
  }
  throw new Error('the official guard accepted a templateCode of another shape');
};

const readOfficialView = (config: unknown): OfficialView => {
  if (!isRecord(config) || !Array.isArray(config.templates)) {
    throw new Error('the official guard accepted a config without templates');
  }
  const strict = config.strictPhoneRegionNumberCheck;
  return {
    accessKeyId: textAt(config, 'accessKeyId'),
    accessKeySecret: textAt(config, 'accessKeySecret'),
    signName: textAt(config, 'signName'),
    strictPhoneRegionNumberCheck: strict === true,
    templates: listOf(config.templates).map((entry) => {
      if (!isRecord(entry)) {
        throw new Error('the official guard accepted a template that is not an object');
      }
      return { usageType: textAt(entry, 'usageType'), templateCode: readTemplateCode(entry.templateCode) };
    }),
  };
};

/** The official choice as documented: the exact usage type, else Generic; `{ china, overseas }` by region. */
const officialTemplateCode = (
  templates: readonly OfficialTemplate[],
  usageType: string,
  chinaNumber: boolean
): string => {
  const template =
    templates.find((entry) => entry.usageType === usageType) ??
    templates.find((entry) => entry.usageType === generic);
  if (!template) {
    throw new Error(`the official connector has no template for ${usageType}`);
  }
  const { templateCode } = template;
  if (typeof templateCode === 'string') {
    return templateCode;
  }
  return chinaNumber ? templateCode.china : templateCode.overseas;
};

/** Keys the official connector ignores (its guard strips them) but ours reads: our documented extensions. */
const extensionKeys = [
  'endpoint',
  'timeout',
  'regionId',
  'service',
  'securityToken',
  'credentialSource',
  'signatureVersion',
  'allowedCountries',
  'sendLimits',
  'senderId',
  // Only read when the main sender failed without sending: the main request is the same.
  'fallback',
] as const;

/** Extension keys that change where or how a send goes, so the request differs by design when present. */
const routingKeys = ['endpoint', 'regionId', 'service', 'credentialSource', 'signatureVersion', 'allowedCountries'] as const;

const hasAnyKey = (config: unknown, keys: readonly string[]): boolean =>
  isRecord(config) && keys.some((key) => key in config);

/**
 * An AccessKey ID no HTTP header can carry (anything but visible ASCII). Ours refuses it on
 * purpose: V3 sends it in the Authorization header, and no real AccessKey ID has such a character.
 */
const unsendableKeyId = (value: unknown): boolean =>
  typeof value === 'string' && value.trim() !== '' && !/^[\x21-\x7e]+$/.test(value.trim());

/**
 * Paths (zod style, joined with ".") of the values our guard refuses on purpose: blank ones,
 * an AccessKey ID no header can carry, and our extension keys, whose values it validates.
 */
const sanctionedRefusalPaths = (config: unknown): Set<string> => {
  const paths = new Set<string>();
  if (!isRecord(config)) {
    return paths;
  }
  for (const key of extensionKeys) {
    if (key in config) {
      paths.add(key);
    }
  }
  for (const key of ['accessKeyId', 'accessKeySecret', 'signName']) {
    if (isBlank(config[key])) {
      paths.add(key);
    }
  }
  if (unsendableKeyId(config.accessKeyId)) {
    paths.add('accessKeyId');
  }
  listOf(config.templates).forEach((entry, index) => {
    if (!isRecord(entry)) {
      return;
    }
    if (isBlank(entry.usageType)) {
      paths.add(`templates.${index}.usageType`);
    }
    const code = entry.templateCode;
    if (isBlank(code)) {
      paths.add(`templates.${index}.templateCode`);
    }
    if (isRecord(code)) {
      for (const region of ['china', 'overseas']) {
        if (isBlank(code[region])) {
          paths.add(`templates.${index}.templateCode.${region}`);
        }
      }
    }
  });
  return paths;
};

const extensionKeySet: ReadonlySet<string> = new Set(extensionKeys);

/** A complaint at `path` is sanctioned: a blank value, or anything inside an extension key the config has. */
const isSanctioned = (paths: ReadonlySet<string>, path: string): boolean => {
  const [key = ''] = path.split('.');
  return paths.has(path) || (extensionKeySet.has(key) && paths.has(key));
};

const regions: ReadonlyArray<{ region: Region; chinaNumber: boolean }> = [
  { region: 'mainland', chinaNumber: true },
  { region: 'international', chinaNumber: false },
];

/** Both accepted `config`: ours must read it exactly as the official connector does. */
const expectSameMeaning = (config: unknown, ours: AliyunSmsConfig): void => {
  const view = readOfficialView(config);
  expect(ours.accessKeyId).toBe(view.accessKeyId.trim());
  expect(ours.accessKeySecret).toBe(view.accessKeySecret.trim());
  expect(ours.signName).toBe(view.signName.trim());
  expect(ours.strictPhoneRegionNumberCheck).toBe(view.strictPhoneRegionNumberCheck);
  // Deliberate changes of meaning: an explicit endpoint is where ours sends, and a region or
  // service picks its own documented endpoint (pinned below); without them, the official one.
  const endpoint = isRecord(config) && typeof config.endpoint === 'string' ? config.endpoint.trim() : undefined;
  expect(ours.endpoint).toBe(endpoint);
  if (!hasAnyKey(config, ['regionId', 'service'])) {
    expect(endpointOf(ours)).toBe(endpoint ?? officialEndpoint);
  }
  for (const usageType of usageTypes) {
    for (const { region, chinaNumber } of regions) {
      const expected = officialTemplateCode(view.templates, usageType, chinaNumber).trim();
      expect(chooseTemplate(ours.templates, usageType, region).templateCode, `${usageType}, ${region}`).toBe(
        expected
      );
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Configs shaped like what admins paste into the console, plus broken ones.

type Noise = {
  /** Relative weight of blank strings where the official guard takes any string. */
  blank: number;
  /** Relative weight of values of the wrong type, missing keys and dropped required templates. */
  invalid: number;
};

const clean: Noise = { blank: 0, invalid: 0 };
const blanks: Noise = { blank: 1, invalid: 0 };
const broken: Noise = { blank: 1, invalid: 1 };

const blankText = fc.constantFrom('', ' ', '   ', '\t', '\n', ' \t\n ', '\u3000', '\u00a0');
const chineseText = fc.string({
  unit: fc.constantFrom('阿', '里', '云', '短', '信', '测', '试', '验', '证', '码', '签', '名', '公', '司', ' '),
  minLength: 1,
  maxLength: 10,
});
const somePadding = fc.constantFrom('', '', '', ' ', '  ', '\t', '\n');

/** Non-blank text as admins type it: realistic values, ASCII, Chinese, any Unicode, stray spaces. */
const pastedText = fc
  .tuple(
    somePadding,
    fc.oneof(
      fc.constantFrom(
        'LTAI5tExampleAccessKey',
        'wJalrXUtnFEMI/K7MDENG+bPxRfiCY',
        '阿里云短信测试',
        'Acme 科技',
        'SMS_154950909',
        'SMS_465324787'
      ),
      fc.string({ minLength: 1, maxLength: 20 }),
      chineseText,
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
    ),
    somePadding
  )
  .map(([before, text, after]) => `${before}${text}${after}`)
  .filter((text) => text.trim() !== '');

const wrongType = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({})
);

/** A string field of the official guard: pasted text, sometimes blank, sometimes not a string. */
const field = (noise: Noise): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 12, arbitrary: pastedText },
    { weight: noise.blank, arbitrary: blankText },
    { weight: noise.invalid, arbitrary: wrongType }
  );

const templateCode = (noise: Noise): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: field(noise) },
    {
      weight: 2,
      arbitrary: fc.record(
        { china: field(noise), overseas: field(noise), note: pastedText },
        { requiredKeys: ['china', 'overseas'] }
      ),
    },
    { weight: noise.invalid, arbitrary: fc.record({ china: field(noise) }) }
  );

/** The official `type`: 0/1/2/6/7 or absent; other values only in broken configs. */
const smsTemplateType = (noise: Noise): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(0, 1, 2, 6, 7) },
    { weight: noise.invalid, arbitrary: fc.constantFrom(3, '2', 'VerificationCode', null) }
  );

const usageType = (noise: Noise): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...usageTypes) },
    // A stray space, as when an admin types the JSON by hand.
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...usageTypes), fc.constantFrom(' ', '  '))
        .map(([type, space]) => `${type}${space}`),
    },
    { weight: 2, arbitrary: pastedText },
    { weight: noise.blank, arbitrary: blankText },
    { weight: noise.invalid, arbitrary: wrongType }
  );

const dropUndefined = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

const template = (noise: Noise, type: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc
    .record(
      {
        usageType: type,
        templateCode: templateCode(noise),
        type: smsTemplateType(noise),
        description: pastedText,
      },
      { requiredKeys: ['usageType', 'templateCode'] }
    )
    .chain((entry) =>
      noise.invalid === 0
        ? fc.constant<unknown>(entry)
        : fc.oneof(
            { weight: 20, arbitrary: fc.constant(entry) },
            // A template missing a key, or not an object at all.
            { weight: 1, arbitrary: fc.constant(dropUndefined({ ...entry, templateCode: undefined })) },
            { weight: 1, arbitrary: fc.constant(dropUndefined({ ...entry, usageType: undefined })) },
            { weight: 1, arbitrary: fc.constant(entry.templateCode) }
          )
    );

/** The four official required types (each present unless the config is broken), extras, shuffled. */
const templates = (noise: Noise): fc.Arbitrary<unknown[]> =>
  fc
    .tuple(
      fc.tuple(
        ...officialRequiredTypes.map((required) =>
          fc.oneof(
            { weight: 12, arbitrary: template(noise, fc.constant(required)).map((entry) => [entry]) },
            { weight: noise.invalid, arbitrary: fc.constant([]) }
          )
        )
      ),
      fc.array(template(noise, usageType(noise)), { maxLength: 8 })
    )
    .chain(([required, extra]) => {
      const all = [...required.flat(), ...extra];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });

/** Keys an admin may have left in a pasted config; the official guard strips unknown keys. */
const extraKeys = fc.dictionary(
  fc.oneof(
    fc.constantFrom('description', 'region', 'regionId', 'templateType', '备注'),
    // Keys the official connector ignores but ours reads (our extensions).
    fc.constantFrom(...extensionKeys),
    fc.string({ maxLength: 12 })
  ),
  fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('https://dysmsapi.ap-southeast-1.aliyuncs.com/', 'http://example.com/', 500, '15000')
  ),
  { maxKeys: 3 }
);

/** An extension key with a value ours accepts, as a config written for ours carries it. */
const validExtension = fc.constantFrom<[string, unknown]>(
  ['timeout', 15_000],
  ['timeout', '5000'],
  ['regionId', 'cn-shanghai'],
  ['signatureVersion', 'v1'],
  ['service', 'dysms'],
  ['credentialSource', 'config'],
  ['allowedCountries', ['CN', 'GB']],
  ['endpoint', 'https://dysmsapi.aliyuncs.com/'],
  ['sendLimits', {}],
  // High enough that the process's counters never refuse one of the many sends here.
  ['sendLimits', { perCountry: { limit: 1_000_000 } }]
);

const knownKeys = new Set(['accessKeyId', 'accessKeySecret', 'signName', 'templates', 'strictPhoneRegionNumberCheck']);

const configShape = (noise: Noise): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      fc.record(
        {
          accessKeyId: field(noise),
          accessKeySecret: field(noise),
          signName: field(noise),
          templates: noise.invalid === 0 ? templates(noise) : fc.oneof(templates(noise), wrongType),
          strictPhoneRegionNumberCheck:
            noise.invalid === 0 ? fc.boolean() : fc.oneof(fc.boolean(), fc.constantFrom(null, 'true', 1)),
        },
        {
          requiredKeys:
            noise.invalid === 0
              ? ['accessKeyId', 'accessKeySecret', 'signName', 'templates']
              : ['templates'],
        }
      ),
      extraKeys,
      fc.option(validExtension, { freq: 3 })
    )
    .map(([known, extra, extension]) => ({
      ...Object.fromEntries(Object.entries(extra).filter(([key]) => !knownKeys.has(key))),
      ...(extension === null ? {} : Object.fromEntries([extension])),
      ...known,
    }));

/** What the property tests draw: mostly clean configs, many with blank values, some broken. */
const pastedConfig: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: configShape(clean) },
  { weight: 3, arbitrary: configShape(blanks) },
  { weight: 2, arbitrary: configShape(broken) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }
);

// ---------------------------------------------------------------------------------------------
// Sending through both connectors, intercepted.

const okAnswer = { Code: 'OK', Message: 'OK', RequestId: 'REQ-COMPAT', BizId: '900619746936498440^0' };

/** Runs one send and returns the form body that reached (the intercepted) Aliyun. */
const capturedForm = async (send: () => Promise<unknown>): Promise<URLSearchParams> => {
  const seen: { form?: URLSearchParams } = {};
  const scope = nock(aliyunOrigin)
    .post('/', (body: unknown) => {
      seen.form = formBodyOf(body);
      return true;
    })
    .reply(200, okAnswer);
  await send();
  scope.done();
  if (!seen.form) {
    throw new Error('no request reached the endpoint');
  }
  return seen.form;
};

const sendData = (
  to: string,
  type: TemplateType = TemplateType.SignIn,
  payload: SendMessageData['payload'] = { code: '123456' }
): SendMessageData => ({ to, type, payload });

const officialForm = async (data: SendMessageData, config: unknown): Promise<URLSearchParams> =>
  capturedForm(() => official.sendMessage(data, config));

/** Ours as a sign-in flow calls it: no inline config, the stored one from getConfig. */
const runtimeConnector = async (config: unknown) =>
  createConnector({ getConfig: async () => Promise.resolve(structuredClone(config)) });

/** Ours as the console's Send button calls it: the config inline. */
const consoleConnector = async () => createConnector({ getConfig: noStoredConfig });

// The official reads `inputConfig ?? getConfig()`, so inline is the same path for it as a
// stored config; ours is driven as sign-in flows drive it, through getConfig.
const ourForm = async (data: SendMessageData, config: unknown): Promise<URLSearchParams> => {
  const connector = await runtimeConnector(config);
  return capturedForm(() => connector.sendMessage(data));
};

/** Ours at runtime and on the console (the admin's Send button) must both refuse before any request; returns both errors. */
const ourRefusals = async (data: SendMessageData, config: unknown) => {
  const scope = nock(aliyunOrigin).post('/').reply(200, okAnswer);
  const runtime = await rejectionOf((await runtimeConnector(config)).sendMessage(data));
  const admin = await rejectionOf((await consoleConnector()).sendMessage(data, config));
  expect(scope.isDone()).toBe(false);
  nock.cleanAll();
  return { runtime, admin };
};

const parameter = (form: URLSearchParams, name: string): string | null => form.get(name);

/** An expectation of a whole data object, typed so that asymmetric matchers (any) may sit in it. */
const dataLike = (expected: Record<string, unknown>): Record<string, unknown> => expected;

/** A ConnectorError's data (typed unknown by connector-kit) as a record. */
const dataOf = (error: ConnectorError): Record<string, unknown> => {
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null ? { ...data } : {};
};

/** The request carries the V1 signature of its own parameters with this secret (our signer is checked against Alibaba's vectors). */
const expectSignedWith = (form: URLSearchParams, secret: string): void => {
  const parameters = Object.fromEntries([...form.entries()].filter(([name]) => name !== 'Signature'));
  expect(form.get('Signature')).toBe(signRpcRequest('POST', parameters, secret));
};

// ---------------------------------------------------------------------------------------------

describe('config compatibility with the official connector (property)', () => {
  it('the default export exposes the guard under test', async () => {
    const connector = await createConnector({ getConfig: noStoredConfig });
    expect(connector.configGuard).toBe(aliyunSmsConfigGuard);
  });

  it('accepts every config the official guard accepts, except blank values, and reads it the same', () => {
    const tally = { officialRefuses: 0, blankRefused: 0, bothAccept: 0, blankTemplateValueRefused: 0, withExtension: 0 };

    fc.assert(
      fc.property(pastedConfig, (config) => {
        const ours = aliyunSmsConfigGuard.safeParse(config);

        // parseConfig is the guard plus a ConnectorError naming the fields.
        let parseError: unknown;
        try {
          parseConfig(config);
        } catch (error: unknown) {
          parseError = error;
        }
        if (ours.success) {
          expect(parseError).toBeUndefined();
        } else {
          expect(parseError).toBeInstanceOf(ConnectorError);
          expect(parseError).toMatchObject({ code: ConnectorErrorCodes.InvalidConfig });
        }

        if (!official.accepts(config)) {
          tally.officialRefuses += 1;
          return;
        }

        if (!ours.success) {
          // The only sanctioned refusals: every complaint points at a blank value or an extension key.
          const blank = sanctionedRefusalPaths(config);
          const complaints = ours.error.issues.map(({ path, message }) => ({ path: path.join('.'), message }));
          expect(blank.size, JSON.stringify(complaints)).toBeGreaterThan(0);
          for (const complaint of complaints) {
            expect(isSanctioned(blank, complaint.path), JSON.stringify(complaint)).toBe(true);
          }
          tally.blankRefused += 1;
          if ([...blank].some((path) => path.startsWith('templates.'))) {
            tally.blankTemplateValueRefused += 1;
          }
          return;
        }

        tally.bothAccept += 1;
        if (hasAnyKey(config, extensionKeys)) {
          tally.withExtension += 1;
        }
        expectSameMeaning(config, ours.data);
      }),
      { numRuns: 600 }
    );

    // The generator exercised every branch of the claim.
    expect(tally.bothAccept).toBeGreaterThan(60);
    expect(tally.blankRefused).toBeGreaterThan(30);
    expect(tally.blankTemplateValueRefused).toBeGreaterThan(5);
    expect(tally.officialRefuses).toBeGreaterThan(30);
    // Configs carrying our extension keys, accepted and read the same.
    expect(tally.withExtension).toBeGreaterThan(15);
  });

  it('our extension keys are exactly the keys of our guard the official guard does not have', () => {
    const officialKeys = ['accessKeyId', 'accessKeySecret', 'signName', 'templates', 'strictPhoneRegionNumberCheck'];
    const ours = Object.keys(aliyunSmsConfigGuard.innerType().shape);
    expect(ours.filter((key) => !officialKeys.includes(key)).sort()).toEqual([...extensionKeys].sort());
    expect(officialKeys.every((key) => ours.includes(key))).toBe(true);
  });

  it('the official guard refuses every config without Generic, so our coverage rule never refuses an official config', () => {
    const withoutGenericTemplate = configShape(clean).map((config) =>
      isRecord(config)
        ? {
            ...config,
            templates: listOf(config.templates).filter(
              (entry) => !isRecord(entry) || entry.usageType !== generic
            ),
          }
        : config
    );
    fc.assert(
      fc.property(withoutGenericTemplate, (config) => {
        expect(official.accepts(config)).toBe(false);
      }),
      { numRuns: 300 }
    );
    const withoutGeneric = {
      accessKeyId: 'LTAI5tExampleAccessKey',
      accessKeySecret: 'example-secret',
      signName: '阿里云短信测试',
      templates: usageTypes
        .filter((type) => type !== TemplateType.Generic)
        .map((type) => ({ usageType: type, templateCode: `SMS_${type}` })),
    };
    expect(official.accepts(withoutGeneric)).toBe(false);
    expect(aliyunSmsConfigGuard.safeParse(withoutGeneric).success).toBe(true);
  });

  it('sends with the template, sign name and key the official connector would use (real sends, both regions)', async () => {
    const chinaAndOverseas = [
      { to: mainlandNumber, chinaNumber: true },
      { to: overseasNumber, chinaNumber: false },
    ];
    expect(resolveRecipient(mainlandNumber).region).toBe('mainland');
    expect(resolveRecipient(overseasNumber).region).toBe('international');

    let sent = 0;
    await fc.assert(
      fc.asyncProperty(configShape(clean), fc.constantFrom(...usageTypes), async (config, type) => {
        fc.pre(official.accepts(config) && aliyunSmsConfigGuard.safeParse(config).success);
        // An endpoint, region, service or country list deliberately sends elsewhere or refuses
        // (pinned below); compare the rest.
        fc.pre(!hasAnyKey(config, routingKeys));
        const view = readOfficialView(config);
        for (const { to, chinaNumber } of chinaAndOverseas) {
          const theirs = await officialForm(sendData(to, type), config);
          const ours = await ourForm(sendData(to, type), config);
          const theirCode = parameter(theirs, 'TemplateCode');
          expect(theirCode).toBe(officialTemplateCode(view.templates, type, chinaNumber));
          expect(parameter(ours, 'TemplateCode'), `${type} to ${to}`).toBe(theirCode?.trim());
          expect(parameter(ours, 'SignName')).toBe(parameter(theirs, 'SignName')?.trim());
          expect(parameter(ours, 'AccessKeyId')).toBe(parameter(theirs, 'AccessKeyId')?.trim());
          expectSignedWith(theirs, view.accessKeySecret);
          expectSignedWith(ours, view.accessKeySecret.trim());
          sent += 1;
        }
      }),
      { numRuns: 40 }
    );
    expect(sent).toBeGreaterThan(40);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------

/** Realistic configs an admin may carry over from the official connector. */
const realisticConfigs = {
  'the console default, filled in': {
    accessKeyId: 'LTAI5tExampleAccessKey',
    accessKeySecret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY',
    signName: '阿里云短信测试',
    templates: usageTypes.map((usageType, index) => ({ usageType, templateCode: `SMS_46532478${index}` })),
  },
  'the four required types, Generic per region, legacy type fields': {
    accessKeyId: 'LTAI4G8mExample',
    accessKeySecret: 'another-secret',
    signName: 'Acme 科技',
    templates: [
      { type: 2, usageType: 'Register', templateCode: 'SMS_REGISTER' },
      { type: 2, usageType: 'SignIn', templateCode: { china: 'SMS_SIGNIN_CN', overseas: 'SMS_SIGNIN_INTL' } },
      { type: 2, usageType: 'ForgotPassword', templateCode: 'SMS_RESET' },
      { type: 6, usageType: 'Generic', templateCode: { china: 'SMS_GENERIC_CN', overseas: 'SMS_GENERIC_INTL' } },
    ],
    strictPhoneRegionNumberCheck: false,
  },
} as const;

const strictConfig = {
  ...realisticConfigs['the four required types, Generic per region, legacy type fields'],
  strictPhoneRegionNumberCheck: true,
};

const sameForm = ['Action', 'Version', 'RegionId', 'AccessKeyId', 'SignName', 'TemplateCode', 'TemplateParam'];

// The official default mode takes every bare 1 + 10 digits for mainland; ours takes exactly the
// valid mainland mobiles, so the two agree on those and differ on the rest (difference (a)).
const isMainlandMobile = (digits: string): boolean =>
  isValidPhoneNumber(digits, 'CN') && parsePhoneNumberFromString(digits, 'CN')?.getType() === 'MOBILE';
const isNorthAmericanMobile = (digits: string): boolean => isValidPhoneNumber(`+${digits}`);
const elevenDigitsStartingWith1 = fc.stringMatching(/^1\d{10}$/);
const bareMainlandMobile = fc.stringMatching(/^1[3-9]\d{9}$/).filter(isMainlandMobile);

describe('the same SendSms request as the official connector', () => {
  const cases = Object.entries(realisticConfigs).flatMap(([name, config]) =>
    [TemplateType.SignIn, TemplateType.Register, TemplateType.BindMfa].map((type) => ({ name, config, type }))
  );

  it.each(cases)('$name, $type, bare mainland number', async ({ config, type }) => {
    expect(official.accepts(config)).toBe(true);
    const data = sendData('13800138000', type);
    const theirs = await officialForm(data, config);
    const ours = await ourForm(data, config);

    for (const name of [...sameForm, 'PhoneNumbers', 'SignatureMethod', 'SignatureVersion']) {
      expect(parameter(ours, name), name).toBe(parameter(theirs, name));
    }
    expect(parameter(ours, 'Action')).toBe('SendSms');
    expect(parameter(ours, 'Version')).toBe('2017-05-25');
    expect(parameter(ours, 'RegionId')).toBe('cn-hangzhou');
    expect(parameter(ours, 'PhoneNumbers')).toBe('13800138000');
    expect(parameter(ours, 'TemplateParam')).toBe('{"code":"123456"}');
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    const { accessKeySecret } = readOfficialView(config);
    expectSignedWith(theirs, accessKeySecret);
    expectSignedWith(ours, accessKeySecret);
  });

  it.each(['13105551234', '13017726326', '17712345678'])(
    'a bare mainland mobile that is also a valid +1 number (%s): both send it to mainland on the china template',
    async (to) => {
      expect(isMainlandMobile(to) && isNorthAmericanMobile(to)).toBe(true);
      const config = realisticConfigs['the four required types, Generic per region, legacy type fields'];
      const data = sendData(to, TemplateType.SignIn);
      const theirs = await officialForm(data, config);
      const ours = await ourForm(data, config);
      for (const name of [...sameForm, 'PhoneNumbers']) {
        expect(parameter(ours, name), name).toBe(parameter(theirs, name));
      }
      expect(parameter(ours, 'TemplateCode')).toBe('SMS_SIGNIN_CN');
      expect(parameter(ours, 'PhoneNumbers')).toBe(to);
    }
  );

  it('any bare valid mainland mobile: the same PhoneNumbers and template as the official (property)', async () => {
    const config = realisticConfigs['the four required types, Generic per region, legacy type fields'];
    const tally = { sent: 0, alsoNorthAmerican: 0 };
    await fc.assert(
      fc.asyncProperty(bareMainlandMobile, fc.constantFrom(...usageTypes), async (to, type) => {
        const data = sendData(to, type);
        const theirs = await officialForm(data, config);
        const ours = await ourForm(data, config);
        expect(parameter(ours, 'TemplateCode'), `${type} to ${to}`).toBe(parameter(theirs, 'TemplateCode'));
        expect(parameter(ours, 'PhoneNumbers')).toBe(parameter(theirs, 'PhoneNumbers'));
        tally.sent += 1;
        if (isNorthAmericanMobile(to)) {
          tally.alsoNorthAmerican += 1;
        }
      }),
      { numRuns: 60 }
    );
    // The numbers ours used to send abroad (about 4 in 10) are among those compared.
    expect(tally.alsoNorthAmerican).toBeGreaterThan(tally.sent / 10);
  }, 60_000);

  it.each([
    ...cases.map(({ name, config, type }) => ({ name, config, type })),
    { name: 'strict region check', config: strictConfig, type: TemplateType.SignIn },
  ])('$name, $type, mainland number with 86', async ({ config, type }) => {
    const data = sendData(mainlandNumber, type);
    const theirs = await officialForm(data, config);
    const ours = await ourForm(data, config);
    for (const name of sameForm) {
      expect(parameter(ours, name), name).toBe(parameter(theirs, name));
    }
  });
});

describe('deliberate differences from the official connector', () => {
  const config = realisticConfigs['the four required types, Generic per region, legacy type fields'];

  it('(a) a US number as Logto stores it (14155550123): official picks the china template, ours the overseas one', async () => {
    expect(isMainlandMobile('14155550123')).toBe(false);
    const data = sendData('14155550123', TemplateType.Generic);
    const theirs = await officialForm(data, config);
    const ours = await ourForm(data, config);
    expect(parameter(theirs, 'TemplateCode')).toBe('SMS_GENERIC_CN');
    expect(parameter(ours, 'TemplateCode')).toBe('SMS_GENERIC_INTL');
    expect(parameter(theirs, 'PhoneNumbers')).toBe('14155550123');
    expect(parameter(ours, 'PhoneNumbers')).toBe('14155550123');
  });

  it('(a) in default mode, a bare 1 + 10 digits differs exactly when it is not a valid mainland mobile (property)', async () => {
    const tally = { agree: 0, overseas: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(elevenDigitsStartingWith1, async (to) => {
        const data = sendData(to, TemplateType.Generic);
        // The official default mode: every 1 + 10 digits is a china number.
        expect(parameter(await officialForm(data, config), 'TemplateCode')).toBe('SMS_GENERIC_CN');
        if (isMainlandMobile(to)) {
          expect(parameter(await ourForm(data, config), 'TemplateCode'), to).toBe('SMS_GENERIC_CN');
          tally.agree += 1;
        } else if (isNorthAmericanMobile(to)) {
          expect(parameter(await ourForm(data, config), 'TemplateCode'), to).toBe('SMS_GENERIC_INTL');
          tally.overseas += 1;
        } else {
          // Neither: ours refuses before any request instead of guessing a template.
          const { runtime, admin } = await ourRefusals(data, config);
          expect(runtime.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
          expect(admin.data).toMatchObject({ connectorCode: ConnectorErrorCodes.InvalidRequestParameters });
          tally.refused += 1;
        }
      }),
      { numRuns: 150 }
    );
    // Each branch drawn (about 5, 1 and 4 in 10 of these numbers).
    expect(tally.agree).toBeGreaterThan(3);
    expect(tally.overseas).toBeGreaterThan(3);
    expect(tally.refused).toBeGreaterThan(3);
  }, 60_000);

  it('(b) uiLocales and link in the payload: official sends them in TemplateParam, ours only the code', async () => {
    const payload = { code: '123456', locale: 'fr', uiLocales: 'fr-CA fr', link: 'https://auth.example.com/x' };
    const data = sendData('13800138000', TemplateType.SignIn, payload);
    const theirs = await officialForm(data, config);
    const ours = await ourForm(data, config);
    expect(JSON.parse(parameter(theirs, 'TemplateParam') ?? '')).toEqual({
      code: '123456',
      uiLocales: 'fr-CA fr',
      link: 'https://auth.example.com/x',
    });
    expect(parameter(ours, 'TemplateParam')).toBe('{"code":"123456"}');
  });

  it('(c) two numbers in one (13800138000,13900139000): official sends them as is, ours refuses before any request', async () => {
    const data = sendData('13800138000,13900139000');
    const theirs = await officialForm(data, config);
    expect(parameter(theirs, 'PhoneNumbers')).toBe('13800138000,13900139000');

    const { runtime, admin } = await ourRefusals(data, config);
    expect(runtime.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(runtime.data).toMatchObject({ reason: 'several_numbers' });
    // The console's Send button: general, so Logto's toast shows the advice; the code in data.
    expect(admin.code).toBe(ConnectorErrorCodes.General);
    expect(admin.data).toMatchObject({ connectorCode: ConnectorErrorCodes.InvalidRequestParameters, reason: 'several_numbers' });
  });

  it('(d) Format: official sends "json", ours "JSON" (Aliyun reads both; the answer is JSON either way)', async () => {
    const data = sendData('13800138000');
    const theirs = await officialForm(data, config);
    const ours = await ourForm(data, config);
    expect(parameter(theirs, 'Format')).toBe('json');
    expect(parameter(ours, 'Format')).toBe('JSON');
  });

  it('(e) a mainland number with 86: official passes 8613800138000 through, ours sends the national 13800138000', async () => {
    const data = sendData(mainlandNumber);
    const theirs = await officialForm(data, config);
    const ours = await ourForm(data, config);
    expect(parameter(theirs, 'PhoneNumbers')).toBe('8613800138000');
    expect(parameter(ours, 'PhoneNumbers')).toBe('13800138000');
  });

  it('(f) strict region check with a bare mainland number: official uses the overseas template, ours refuses', async () => {
    const data = sendData('13800138000', TemplateType.Generic);
    const theirs = await officialForm(data, strictConfig);
    expect(parameter(theirs, 'TemplateCode')).toBe('SMS_GENERIC_INTL');

    const { runtime, admin } = await ourRefusals(data, strictConfig);
    expect(runtime.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(runtime.data).toMatchObject({ reason: 'missing_country_code' });
    expect(admin.code).toBe(ConnectorErrorCodes.General);
    expect(admin.data).toMatchObject({ connectorCode: ConnectorErrorCodes.InvalidRequestParameters, reason: 'missing_country_code' });
  });

  it('(g) stray spaces around the key, secret, sign name and template code: official sends them, ours trims', async () => {
    const padded = {
      ...config,
      accessKeyId: ' LTAI4G8mExample ',
      accessKeySecret: 'another-secret\n',
      signName: ' Acme 科技',
      templates: [...config.templates, { usageType: 'BindMfa', templateCode: ' SMS_BIND_MFA ' }],
    };
    const data = sendData('13800138000', TemplateType.BindMfa);
    const theirs = await officialForm(data, padded);
    const ours = await ourForm(data, padded);
    expect(parameter(theirs, 'AccessKeyId')).toBe(' LTAI4G8mExample ');
    expect(parameter(theirs, 'SignName')).toBe(' Acme 科技');
    expect(parameter(theirs, 'TemplateCode')).toBe(' SMS_BIND_MFA ');
    expectSignedWith(theirs, 'another-secret\n');
    expect(parameter(ours, 'AccessKeyId')).toBe('LTAI4G8mExample');
    expect(parameter(ours, 'SignName')).toBe('Acme 科技');
    expect(parameter(ours, 'TemplateCode')).toBe('SMS_BIND_MFA');
    expectSignedWith(ours, 'another-secret');
  });

  it('(h) blank values: the official guard accepts them, ours refuses each one by name', () => {
    const blankCases = {
      accessKeyId: { ...config, accessKeyId: '' },
      accessKeySecret: { ...config, accessKeySecret: '  ' },
      signName: { ...config, signName: '\u3000' },
      'templates.4.usageType': { ...config, templates: [...config.templates, { usageType: ' ', templateCode: 'SMS_X' }] },
      'templates.4.templateCode': { ...config, templates: [...config.templates, { usageType: 'BindMfa', templateCode: '' }] },
      'templates.4.templateCode.china': {
        ...config,
        templates: [...config.templates, { usageType: 'BindMfa', templateCode: { china: '\t', overseas: 'SMS_Y' } }],
      },
    };
    for (const [path, blankConfig] of Object.entries(blankCases)) {
      expect(official.accepts(blankConfig), path).toBe(true);
      const ours = aliyunSmsConfigGuard.safeParse(blankConfig);
      expect(ours.success, path).toBe(false);
      expect(ours.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
    }
  });

  it('(i) ours also accepts what the official refuses: Generic alone, any legacy type value', () => {
    const genericOnly = {
      accessKeyId: 'LTAI5tExampleAccessKey',
      accessKeySecret: 'example-secret',
      signName: '阿里云短信测试',
      templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909', type: 'VerificationCode' }],
    };
    expect(official.accepts(genericOnly)).toBe(false);
    expect(aliyunSmsConfigGuard.safeParse(genericOnly).success).toBe(true);
  });

  // Aliyun's verification templates take a code of 4 to 6 letters or digits, and redaction
  // ignores values under 4 characters, so a shorter code could leak: Logto's own are 6 digits.
  it.each(['123', '1234567', '12-34'])(
    '(j) the verification code %j: official sends it as TemplateParam, ours refuses before any request',
    async (code) => {
      const data = sendData('13800138000', TemplateType.SignIn, { code });
      expect(parameter(await officialForm(data, config), 'TemplateParam')).toBe(JSON.stringify({ code }));
      const { runtime, admin } = await ourRefusals(data, config);
      expect(runtime.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
      expect(admin.data).toMatchObject({ connectorCode: ConnectorErrorCodes.InvalidRequestParameters });
    }
  );

  /** The ConnectorError each side throws for one intercepted Aliyun answer. */
  const rejectionsFor = async (answer: object, status: number) => {
    const data = sendData('13800138000');
    const reply = () => nock(aliyunOrigin).post('/').reply(status, answer);
    reply();
    const theirs = await rejectionOf(official.sendMessage(data, config));
    reply();
    const runtime = await rejectionOf((await runtimeConnector(config)).sendMessage(data));
    reply();
    const admin = await rejectionOf((await consoleConnector()).sendMessage(data, config));
    return { theirs, runtime, admin };
  };

  it('(k) the per-number limit at runtime: both rate_limit_exceeded; only the official hands the end user Aliyun’s Message', async () => {
    const answer = { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: '7A1C2E3B-9D4F-4A6B-8C5D-E0F1A2B3C4D5' };
    const { theirs, runtime } = await rejectionsFor(answer, 200);
    expect(theirs.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(runtime.code).toBe(theirs.code);
    expect(theirs.data).toMatchObject({ errorDescription: answer.Message, Code: answer.Code, RequestId: answer.RequestId });
    expect(dataOf(runtime)).toEqual(dataLike({ errorDescription: expect.stringMatching(/wait/), Code: answer.Code, RequestId: answer.RequestId }));
  });

  // The official answers every other refusal with general and Aliyun's Message; a signature
  // Message quotes the string-to-sign, AccessKey ID and sign name included, to the end user.
  it('(l) a wrong secret at runtime: official general with Aliyun’s Message, ours invalid_config without it', async () => {
    const answer = {
      Code: 'SignatureDoesNotMatch',
      Message: 'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI4G8mExample',
      RequestId: '1B2C3D4E-5F60-4718-9A0B-C1D2E3F40516',
    };
    const { theirs, runtime } = await rejectionsFor(answer, 400);
    expect(theirs.code).toBe(ConnectorErrorCodes.General);
    expect(JSON.stringify(theirs.data)).toContain('LTAI4G8mExample');
    expect(runtime.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(dataOf(runtime)).toEqual(
      dataLike({ errorDescription: expect.stringMatching(/problem on this site/), Code: answer.Code, RequestId: answer.RequestId })
    );
  });

  // Logto's console toast shows errorDescription only for general: the official's precise
  // code hides Aliyun's explanation from the administrator there.
  it('(m) the console’s Send button: official throws the precise code, ours general with it as connectorCode and advice', async () => {
    const answer = { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: '7A1C2E3B-9D4F-4A6B-8C5D-E0F1A2B3C4D5' };
    const { theirs, admin } = await rejectionsFor(answer, 200);
    expect(theirs.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(admin.code).toBe(ConnectorErrorCodes.General);
    expect(dataOf(admin)).toMatchObject(
      dataLike({
        connectorCode: ConnectorErrorCodes.RateLimitExceeded,
        Code: answer.Code,
        RequestId: answer.RequestId,
        errorDescription: expect.stringContaining('Aliyun Code: isv.BUSINESS_LIMIT_CONTROL, RequestId: 7A1C2E3B-9D4F-4A6B-8C5D-E0F1A2B3C4D5'),
      })
    );
  });

  // connector-kit's getConfigTemplateByType takes the first entry of a usage type; ours refuses
  // repeats only in configs that use our `locale` extension, so official configs keep working.
  it('(o) two entries for one usage type: both accept the config and send the first', async () => {
    const repeated = { ...config, templates: [...config.templates, { usageType: 'SignIn', templateCode: 'SMS_SIGNIN_SECOND' }] };
    expect(official.accepts(repeated)).toBe(true);
    expect(aliyunSmsConfigGuard.safeParse(repeated).success).toBe(true);
    const data = sendData('13800138000', TemplateType.SignIn);
    const theirs = await officialForm(data, repeated);
    expect(parameter(theirs, 'TemplateCode')).toBe('SMS_SIGNIN_CN');
    expect(parameter(await ourForm(data, repeated), 'TemplateCode')).toBe('SMS_SIGNIN_CN');
  });

  // Our console form's default templates carry SMS_000000000 until the admin replaces it (the
  // official's default is "<template-code>"): a config still holding it was never finished,
  // and Aliyun would refuse every send later, as isv.SMS_TEMPLATE_ILLEGAL.
  it('(p) the placeholder code SMS_000000000: official sends it, ours refuses the config naming the usage type', async () => {
    const placeholder = { ...config, templates: [...config.templates, { usageType: 'BindMfa', templateCode: 'SMS_000000000' }] };
    expect(official.accepts(placeholder)).toBe(true);
    const theirs = await officialForm(sendData('13800138000', TemplateType.BindMfa), placeholder);
    expect(parameter(theirs, 'TemplateCode')).toBe('SMS_000000000');
    const ours = aliyunSmsConfigGuard.safeParse(placeholder);
    expect(ours.error?.issues.map(({ path }) => path.join('.'))).toEqual(['templates']);
    expect(ours.error?.issues[0]?.message).toMatch(/placeholder template code SMS_000000000 for BindMfa/);
  });

  // An entry's `locale` and `params` are our extensions inside templates: the official strips
  // them and sends the first entry of the usage type to everyone with only the payload.
  it('(q) an entry with a locale: official sends the first entry to everyone, ours only to users of that language', async () => {
    const withLocale = {
      ...config,
      templates: [{ usageType: 'SignIn', templateCode: 'SMS_SIGNIN_FR', locale: 'fr' }, ...config.templates],
    };
    expect(official.accepts(withLocale)).toBe(true);
    const english = sendData('13800138000', TemplateType.SignIn, { code: '123456', locale: 'en' });
    const french = sendData('13800138000', TemplateType.SignIn, { code: '123456', locale: 'fr' });
    expect(parameter(await officialForm(english, withLocale), 'TemplateCode')).toBe('SMS_SIGNIN_FR');
    expect(parameter(await ourForm(english, withLocale), 'TemplateCode')).toBe('SMS_SIGNIN_CN');
    expect(parameter(await ourForm(french, withLocale), 'TemplateCode')).toBe('SMS_SIGNIN_FR');
  });

  // The official guard strips keys it does not know, so a regionId left in a pasted config
  // meant nothing there; ours reads it (an extension key) and sends to that region.
  it('(n) a regionId left in the config: official ignores it, ours sends RegionId and to the region’s endpoint', async () => {
    const withRegion = { ...config, regionId: 'ap-southeast-1' };
    expect(official.accepts(withRegion)).toBe(true);
    const data = sendData(overseasNumber);
    const theirs = await officialForm(data, withRegion);
    expect(parameter(theirs, 'RegionId')).toBe('cn-hangzhou');

    const seen: { form?: URLSearchParams } = {};
    const scope = nock('https://dysmsapi.ap-southeast-1.aliyuncs.com')
      .post('/', (body: unknown) => {
        seen.form = formBodyOf(body);
        return true;
      })
      .reply(200, okAnswer);
    await (await runtimeConnector(withRegion)).sendMessage(data);
    scope.done();
    expect(seen.form?.get('RegionId')).toBe('ap-southeast-1');
    expect(seen.form?.get('TemplateCode')).toBe(parameter(theirs, 'TemplateCode'));
  });
});

// ---------------------------------------------------------------------------------------------
// Configs the official connector accepts that ours refuses or reads differently, as concrete
// cases (the property above finds them too). Each asserts the compatibility claim.

describe('official configs that must keep their meaning', () => {
  const base = realisticConfigs['the four required types, Generic per region, legacy type fields'];

  it.each([
    { key: 'timeout', value: 500 },
    { key: 'timeout', value: null },
    { key: 'timeout', value: 'slow' },
    { key: 'endpoint', value: 'http://sms.example.com/' },
    { key: 'endpoint', value: '' },
    { key: 'regionId', value: 'cn-mars-1' },
    { key: 'service', value: 'sms' },
    { key: 'signatureVersion', value: 'v2' },
    { key: 'credentialSource', value: 'file' },
    { key: 'securityToken', value: ' ' },
    { key: 'allowedCountries', value: [] },
    { key: 'allowedCountries', value: ['XX'] },
  ])(
    'deliberate: our extension key $key refuses a value ($value) the official would ignore, naming the field',
    ({ key, value }) => {
      const config = { ...base, [key]: value };
      expect(official.accepts(config)).toBe(true);
      const ours = aliyunSmsConfigGuard.safeParse(config);
      expect(ours.error?.issues.map(({ path }) => String(path[0]))).toEqual([key]);
    }
  );

  it('a timeout that cannot even become a number ({"toString": null}) is invalid_config, never a TypeError', () => {
    const timeout: unknown = JSON.parse('{"toString":null}');
    const config = { ...base, timeout };
    expect(official.accepts(config)).toBe(true);
    let outcome: unknown = 'accepted';
    try {
      parseConfig(config);
    } catch (error: unknown) {
      outcome = error instanceof ConnectorError ? error.code : error;
    }
    expect(outcome).toBe(ConnectorErrorCodes.InvalidConfig);
  });

  it('deliberate: an explicit endpoint is where ours sends, while the official always uses the default', async () => {
    const config = { ...base, endpoint: 'https://dysmsapi.ap-southeast-1.aliyuncs.com/' };
    expect(official.accepts(config)).toBe(true);
    expect(endpointOf(parseConfig(config))).toBe('https://dysmsapi.ap-southeast-1.aliyuncs.com/');
    expect(endpointOf(parseConfig(base))).toBe(officialEndpoint);
    const data = sendData('13800138000');
    expect(parameter(await officialForm(data, config), 'TemplateCode')).toBe('SMS_SIGNIN_CN');
  });

  it('a usage type with a stray space ("BindMfa ") stays unmatched, so BindMfa falls back to Generic as before', async () => {
    const config = { ...base, templates: [...base.templates, { usageType: 'BindMfa ', templateCode: 'SMS_BIND_MFA' }] };
    const data = sendData('13800138000', TemplateType.BindMfa);
    const theirs = await officialForm(data, config);
    expect(parameter(theirs, 'TemplateCode')).toBe('SMS_GENERIC_CN');
    const ours = await ourForm(data, config);
    expect(parameter(ours, 'TemplateCode')).toBe(parameter(theirs, 'TemplateCode'));
  });

  it('of two entries for one usage type, the one matching exactly wins, as in the official', async () => {
    const config = {
      ...base,
      templates: [{ usageType: ' SignIn', templateCode: 'SMS_TYPO' }, ...base.templates],
    };
    const data = sendData('13800138000', TemplateType.SignIn);
    const theirs = await officialForm(data, config);
    expect(parameter(theirs, 'TemplateCode')).toBe('SMS_SIGNIN_CN');
    const ours = await ourForm(data, config);
    expect(parameter(ours, 'TemplateCode')).toBe(parameter(theirs, 'TemplateCode'));
  });
});
