import { ConnectorErrorCodes, TemplateType, type ConnectorError } from '@logto/connector-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { thrownBy } from '../../test/support/rejection.js';

import { endpointOf } from './derived.js';
import { defaultTimeoutMs } from './fields.js';
import { canonicalJson, parseConfig } from './parse.js';
import { aliyunSmsConfigGuard } from './schema.js';

const secret = 'Sec&ret/+= 值';

const officialConfig = {
  accessKeyId: 'LTAI5tExampleKeyId',
  accessKeySecret: secret,
  signName: '阿里云短信测试',
  templates: [
    { usageType: 'Register', templateCode: 'SMS_1', type: 2 },
    { usageType: 'SignIn', templateCode: 'SMS_2', type: 0 },
    { usageType: 'ForgotPassword', templateCode: 'SMS_3' },
    { usageType: 'Generic', templateCode: { china: 'SMS_4', overseas: 'SMS_5' } },
    { usageType: 'SomeFutureType', templateCode: 'SMS_6' },
  ],
};

const invalidConfigError = (input: unknown): ConnectorError => thrownBy(() => parseConfig(input));

const descriptionOf = (error: ConnectorError): string => {
  const description: unknown = Reflect.get(Object(error.data), 'errorDescription');
  return typeof description === 'string' ? description : '';
};

describe('parseConfig accepts what the official connector accepts', () => {
  it('keeps string and { china, overseas } template codes, ignores type, allows extra usage types', () => {
    const config = parseConfig(officialConfig);
    expect(config.templates).toHaveLength(5);
    expect(config.templates[3]?.templateCode).toEqual({ china: 'SMS_4', overseas: 'SMS_5' });
    expect(config.templates[4]?.usageType).toBe('SomeFutureType');
  });

  it('applies defaults: strict check off, default endpoint and timeout', () => {
    const config = parseConfig(officialConfig);
    expect(config.strictPhoneRegionNumberCheck).toBe(false);
    expect(config.endpoint).toBeUndefined();
    expect(endpointOf(config)).toBe('https://dysmsapi.aliyuncs.com/');
    expect(config.timeout).toBe(defaultTimeoutMs);
  });

  it('trims surrounding white space from key, secret and sign name but keeps inner spaces', () => {
    const config = parseConfig({
      ...officialConfig,
      accessKeyId: '  LTAI5tExampleKeyId\n',
      accessKeySecret: ` ${secret} `,
      signName: ' 阿里云短信测试 ',
    });
    expect(config.accessKeyId).toBe('LTAI5tExampleKeyId');
    expect(config.accessKeySecret).toBe(secret);
    expect(config.signName).toBe('阿里云短信测试');
  });

  it('keeps usage types exactly as typed, so a padded one matches nothing, as in the official connector', () => {
    const config = parseConfig({
      ...officialConfig,
      templates: [...officialConfig.templates, { usageType: 'BindMfa ', templateCode: 'SMS_PADDED' }],
    });
    expect(config.templates.at(-1)?.usageType).toBe('BindMfa ');
  });

  it('treats a config with only a Generic template as complete', () => {
    const config = parseConfig({
      ...officialConfig,
      templates: [{ usageType: 'Generic', templateCode: 'SMS_9' }],
    });
    expect(config.templates).toHaveLength(1);
  });

  it('accepts a template for every usage type without a Generic one', () => {
    const templates = Object.values(TemplateType)
      .filter((type) => type !== TemplateType.Generic)
      .map((usageType) => ({ usageType, templateCode: 'SMS_7' }));
    expect(parseConfig({ ...officialConfig, templates }).templates).toHaveLength(8);
  });

  it('accepts a loopback http endpoint, an https one and a numeric-string timeout', () => {
    expect(parseConfig({ ...officialConfig, endpoint: 'http://127.0.0.1:8080/' }).endpoint).toBe(
      'http://127.0.0.1:8080/'
    );
    expect(parseConfig({ ...officialConfig, endpoint: 'http://localhost:1/' }).endpoint).toBe(
      'http://localhost:1/'
    );
    expect(
      parseConfig({ ...officialConfig, endpoint: 'https://dysmsapi.ap-southeast-1.aliyuncs.com/' })
        .endpoint
    ).toBe('https://dysmsapi.ap-southeast-1.aliyuncs.com/');
    expect(parseConfig({ ...officialConfig, timeout: '5000' }).timeout).toBe(5000);
  });
});

describe('parseConfig refuses invalid configs with invalid_config naming the field', () => {
  it.each([
    ['a missing AccessKey ID', { accessKeyId: undefined }, 'accessKeyId ("AccessKey ID") is required'],
    ['an empty AccessKey secret', { accessKeySecret: '   ' }, 'accessKeySecret ("AccessKey secret") must not be empty'],
    ['a sign name that is not text', { signName: 42 }, 'signName ("Sign name") must be string'],
    ['an empty templates list', { templates: [] }, 'templates ("Templates") must list at least one template'],
    [
      'a template code of the wrong shape',
      { templates: [{ usageType: 'Generic', templateCode: 7 }] },
      'templates ("Templates") entry 1 (usageType "Generic") templateCode must be a template code',
    ],
    [
      'an empty overseas code',
      { templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_1', overseas: '' } }] },
      'templates ("Templates") entry 1 (usageType "Generic") templateCode.overseas must not be empty',
    ],
    ['a plain-http remote endpoint', { endpoint: 'http://dysmsapi.aliyuncs.com/' }, 'endpoint ("Endpoint") must use https://'],
    ['an endpoint that is not a URL', { endpoint: 'dysmsapi' }, 'endpoint ("Endpoint") must be a URL'],
    ['a timeout below one second', { timeout: 10 }, 'timeout ("Timeout (ms)") must be at least 1000 ms'],
    ['a timeout above a minute', { timeout: 600_000 }, 'timeout ("Timeout (ms)") must be at most 60000 ms'],
    ['a timeout that is not a number', { timeout: 'slow' }, 'timeout ("Timeout (ms)") must be a number of milliseconds'],
    // Number() throws on this JSON value: the guard must refuse it, not crash.
    ['a timeout object without toString', { timeout: { toString: null } }, 'timeout ("Timeout (ms)") must be a number of milliseconds'],
  ])('refuses %s', (_name, override, expected) => {
    const error = invalidConfigError({ ...officialConfig, ...override });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(descriptionOf(error)).toContain(expected);
  });

  it('names the usage types left without a template when Generic is missing', () => {
    const error = invalidConfigError({
      ...officialConfig,
      templates: [{ usageType: 'SignIn', templateCode: 'SMS_2' }],
    });
    const description = descriptionOf(error);
    expect(description).toContain('templates ("Templates") have no template for');
    for (const type of ['Register', 'ForgotPassword', 'MfaVerification', 'BindMfa']) {
      expect(description).toContain(type);
    }
    expect(description).not.toMatch(/no template for[^:]*SignIn/);
  });

  it('refuses a config that is not an object', () => {
    expect(descriptionOf(invalidConfigError(undefined))).toContain('The configuration');
    expect(invalidConfigError('text').code).toBe(ConnectorErrorCodes.InvalidConfig);
  });

  it('never echoes the secret or other values, even when several fields fail', () => {
    const error = invalidConfigError({
      ...officialConfig,
      accessKeyId: 12_345,
      signName: '',
      endpoint: `http://example.com/${secret}`,
      templates: [{ usageType: 'SignIn', templateCode: secret }],
    });
    const serialised = [error.message, JSON.stringify(error.data), String(error.stack)].join('\n');
    expect(serialised).not.toContain(secret);
    expect(serialised).not.toContain('12345');
    expect(descriptionOf(error)).toContain('accessKeyId');
    expect(descriptionOf(error)).toContain('signName');
    expect(descriptionOf(error)).toContain('endpoint');
  });
});

describe('the optional keys of this connector', () => {
  it('lets the environment supply the AccessKey, and requires it otherwise', () => {
    const withoutKey = Object.fromEntries(
      Object.entries(officialConfig).filter(([key]) => key !== 'accessKeyId' && key !== 'accessKeySecret')
    );
    expect(parseConfig({ ...withoutKey, credentialSource: 'environment' }).credentialSource).toBe('environment');
    const description = descriptionOf(invalidConfigError(withoutKey));
    expect(description).toContain('accessKeyId ("AccessKey ID") is required (or set credentialSource to "environment")');
    expect(description).toContain('accessKeySecret ("AccessKey secret") is required');
  });

  it('applies the defaults of the keys the official connector lacks', () => {
    expect(parseConfig(officialConfig)).toMatchObject({
      service: 'dysms',
      credentialSource: 'config',
      regionId: 'cn-hangzhou',
      signatureVersion: 'v1',
    });
    expect(parseConfig(officialConfig).allowedCountries).toBeUndefined();
  });

  it.each([
    ['service', 'sms', '"dysms", "dypns"'],
    ['credentialSource', 'env', '"config", "environment"'],
    ['signatureVersion', 'v2', '"v1", "v3"'],
    ['regionId', 'us-west-1', '"cn-hangzhou"'],
  ])('refuses an unknown %s, listing the values it takes', (key, value, listed) => {
    const description = descriptionOf(invalidConfigError({ ...officialConfig, [key]: value }));
    expect(description).toContain(`${key} (`);
    expect(description).toContain(listed);
  });

  it('refuses the SMS authentication service in a region abroad', () => {
    const description = descriptionOf(
      invalidConfigError({ ...officialConfig, service: 'dypns', regionId: 'eu-central-1' })
    );
    expect(description).toContain('regionId ("Region") must be a mainland China region');
  });

  it('reads allowedCountries as upper-case ISO codes and refuses unknown ones by field', () => {
    expect(parseConfig({ ...officialConfig, allowedCountries: ['cn', 'hk'] }).allowedCountries).toEqual(['CN', 'HK']);
    expect(descriptionOf(invalidConfigError({ ...officialConfig, allowedCountries: ['ZZ'] }))).toContain(
      'allowedCountries ("Allowed countries") entry 1 must be an ISO 3166-1 alpha-2 country code'
    );
  });

  it('reads allowedCountries as the console form’s text, blank text as every country', () => {
    expect(parseConfig({ ...officialConfig, allowedCountries: 'cn HK, sg' }).allowedCountries).toEqual(['CN', 'HK', 'SG']);
    expect(parseConfig({ ...officialConfig, allowedCountries: ' ' }).allowedCountries).toBeUndefined();
    expect(descriptionOf(invalidConfigError({ ...officialConfig, allowedCountries: 'CN ZZ' }))).toContain(
      'allowedCountries ("Allowed countries") entry 2 must be an ISO 3166-1 alpha-2 country code'
    );
  });

  it('refuses an allowedCountries of another shape, saying which shapes it takes', () => {
    expect(descriptionOf(invalidConfigError({ ...officialConfig, allowedCountries: {} }))).toContain(
      'allowedCountries ("Allowed countries") must be country codes such as "CN HK SG" (text), or ["CN", "HK", "SG"]'
    );
    expect(descriptionOf(invalidConfigError({ ...officialConfig, allowedCountries: [] }))).toContain(
      'allowedCountries ("Allowed countries") must list at least one country (leave the field empty'
    );
  });

  it('trims an STS token like the secret', () => {
    expect(parseConfig({ ...officialConfig, securityToken: ' CAIS+token== ' }).securityToken).toBe('CAIS+token==');
  });

  // V3 sends the STS token in x-acs-security-token and the AccessKey ID in Authorization: a
  // value no header can carry is refused when saved, not at every send as a network error.
  it.each([
    ['securityToken', 'CAIS令牌', 'securityToken ("STS security token")'],
    ['securityToken', 'CAIS\r\nX-Injected: 1', 'securityToken ("STS security token")'],
    ['accessKeyId', 'LTAI5t密钥', 'accessKeyId ("AccessKey ID")'],
    ['accessKeyId', 'LTAI5t Key', 'accessKeyId ("AccessKey ID")'],
  ])('refuses a %s that no HTTP header can carry, naming the field and not the value', (key, value, named) => {
    const error = invalidConfigError({ ...officialConfig, [key]: value });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(descriptionOf(error)).toContain(`${named} must be printable ASCII without spaces: it is sent in an HTTP header`);
    expect(Reflect.get(Object(error.data), 'fields')).toEqual([key]);
    expect(JSON.stringify(error.data)).not.toContain(value.trim());
    expect(error.message).not.toContain(value.trim());
  });

  it.each(['v1', 'v3'])('refuses such a token with signatureVersion %s alike: the version can change after saving', (signatureVersion) => {
    expect(invalidConfigError({ ...officialConfig, signatureVersion, securityToken: 'CAIS令牌' }).code).toBe(ConnectorErrorCodes.InvalidConfig);
  });
});

describe('parseConfig remembers each distinct valid config', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const countValidations = () => vi.spyOn(aliyunSmsConfigGuard, 'safeParse');

  it('validates a config once, however many fresh copies Logto hands over, whatever their key order', () => {
    const distinct = { ...officialConfig, signName: 'cache-test-1' };
    const validations = countValidations();
    const first = parseConfig(structuredClone(distinct));
    const reordered = Object.fromEntries(Object.entries(distinct).reverse());
    expect(parseConfig(reordered)).toBe(first);
    expect(parseConfig(structuredClone(distinct))).toBe(first);
    expect(validations).toHaveBeenCalledTimes(1);
  });

  it('validates a changed config anew', () => {
    const validations = countValidations();
    const one = parseConfig({ ...officialConfig, signName: 'cache-test-2' });
    const other = parseConfig({ ...officialConfig, signName: 'cache-test-3' });
    expect(other.signName).toBe('cache-test-3');
    expect(one.signName).toBe('cache-test-2');
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('never remembers an invalid config', () => {
    const validations = countValidations();
    const invalid = { ...officialConfig, signName: '' };
    invalidConfigError(invalid);
    invalidConfigError(structuredClone(invalid));
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('keeps a handful of configs and forgets the least recently used', () => {
    const configs = Array.from({ length: 9 }, (_, index) => ({ ...officialConfig, signName: `lru-${index}` }));
    for (const config of configs) {
      parseConfig(config);
    }
    const validations = countValidations();
    parseConfig(structuredClone(configs[8]));
    expect(validations).toHaveBeenCalledTimes(0);
    parseConfig(structuredClone(configs[0]));
    expect(validations).toHaveBeenCalledTimes(1);
  });

  it('validates, without crashing, a config that has no JSON form', () => {
    const cyclic: Record<string, unknown> = { ...officialConfig };
    cyclic.self = cyclic;
    expect(parseConfig(cyclic).signName).toBe('阿里云短信测试');
    // Unknown keys are ignored, as the official connector ignores them; BigInt has no JSON.
    expect(parseConfig({ ...officialConfig, big: 1n }).signName).toBe('阿里云短信测试');
  });
});

describe('the invalid_config error of a refused config', () => {
  it('reads as one sentence, in the description and the message alike', () => {
    const error = invalidConfigError({ ...officialConfig, signName: ' ' });
    const expected = 'Invalid Aliyun SMS configuration: signName ("Sign name") must not be empty.';
    expect(descriptionOf(error)).toBe(expected);
    expect(error.message).toBe(expected);
    expect(error.data).toMatchObject({ fields: ['signName'] });
  });

  it('lists each failing field once, by its path, and "(config)" for the whole config', () => {
    const error = invalidConfigError({
      ...officialConfig,
      signName: 7,
      templates: [{ usageType: 'Generic', templateCode: { china: '', overseas: '' } }],
    });
    expect(error.data).toMatchObject({
      fields: ['signName', 'templates.0.templateCode.china', 'templates.0.templateCode.overseas'],
    });
    expect(invalidConfigError('text').data).toMatchObject({ fields: ['(config)'] });
  });

  it('joins several problems with semicolons, in one sentence', () => {
    const description = descriptionOf(invalidConfigError({ ...officialConfig, signName: ' ', accessKeyId: '' }));
    expect(description).toMatch(/^Invalid Aliyun SMS configuration: [^;]+; [^;]+\.$/);
    expect(description).toContain('signName');
    expect(description).toContain('accessKeyId');
  });
});

describe('canonicalJson', () => {
  it('sorts the keys of every object, nested ones included, and keeps arrays in order', () => {
    expect(canonicalJson({ templates: [{ usageType: 'b', templateCode: 'a' }, 'z', 'y'], e: 1, d: 2, c: 3, b: 4, a: 5 })).toBe(
      '{"a":5,"b":4,"c":3,"d":2,"e":1,"templates":[{"templateCode":"a","usageType":"b"},"z","y"]}'
    );
  });

  it('keeps null as a value', () => {
    // A stored config may carry null in a key the schema ignores; it must still get a key.
    expect(canonicalJson({ b: null, a: [null] })).toBe('{"a":[null],"b":null}');
  });

  it('is undefined for a value without JSON', () => {
    expect(canonicalJson({ big: 1n })).toBeUndefined();
  });
});

describe('the bounds of the config cache', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // Keys already sorted, so the JSON as given is the canonical key: one cache entry each.
  const sortedConfig = (signName: string) => ({
    accessKeyId: 'LTAI5tExampleKeyId',
    accessKeySecret: secret,
    signName,
    templates: [{ templateCode: 'SMS_1', usageType: 'Generic' }],
  });

  const countValidations = () => vi.spyOn(aliyunSmsConfigGuard, 'safeParse');

  it('holds sixteen entries and forgets the oldest when a seventeenth arrives', () => {
    const configs = Array.from({ length: 17 }, (_, index) => sortedConfig(`bound-${index}`));
    for (const config of configs.slice(0, 16)) {
      parseConfig(config);
    }
    const validations = countValidations();
    for (const config of configs.slice(0, 16)) {
      parseConfig(structuredClone(config));
    }
    expect(validations).toHaveBeenCalledTimes(0);
    parseConfig(configs[16]);
    parseConfig(structuredClone(configs[1]));
    expect(validations).toHaveBeenCalledTimes(1);
    parseConfig(structuredClone(configs[0]));
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('keeps a config that is still being used when newer ones arrive', () => {
    const used = sortedConfig('recent-used');
    parseConfig(used);
    const others = Array.from({ length: 15 }, (_, index) => sortedConfig(`recent-${index}`));
    for (const config of others) {
      parseConfig(config);
    }
    // A hit on the JSON as given counts as a use, so the next newcomer evicts others[0] instead.
    parseConfig(structuredClone(used));
    parseConfig(sortedConfig('recent-newcomer'));
    const validations = countValidations();
    parseConfig(structuredClone(used));
    expect(validations).toHaveBeenCalledTimes(0);
    parseConfig(structuredClone(others[0]));
    expect(validations).toHaveBeenCalledTimes(1);
  });

  it('gives a config without JSON no entry, so it evicts nothing and is validated each time', () => {
    const configs = Array.from({ length: 16 }, (_, index) => sortedConfig(`no-json-${index}`));
    for (const config of configs) {
      parseConfig(config);
    }
    const validations = countValidations();
    parseConfig({ ...officialConfig, big: 1n });
    parseConfig({ ...officialConfig, big: 1n });
    expect(validations).toHaveBeenCalledTimes(2);
    for (const config of configs) {
      parseConfig(structuredClone(config));
    }
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('finds a config Logto hands over again by its JSON as given, without sorting its keys', () => {
    const config = { ...officialConfig, signName: 'plain-first' };
    const first = parseConfig(structuredClone(config));
    const stringify = vi.spyOn(JSON, 'stringify');
    expect(parseConfig(structuredClone(config))).toBe(first);
    expect(stringify).toHaveBeenCalledTimes(1);
    expect(stringify.mock.calls[0]).toHaveLength(1);
  });
});
