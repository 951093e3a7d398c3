import { inspect } from 'node:util';

import type * as ConnectorKit from '@logto/connector-kit';
import { ConnectorError } from '@logto/connector-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  aliyunAnswerError,
  classifyAliyunCode,
  invalidResponseError,
  knownAliyunCodes,
  maskRequestParameters,
  quotedStringToSign,
  transportError,
  usageLimitExceededCode,
  type RedactionContext,
  type TransportFailureKind,
} from './errors.js';
import { vectorB } from '../../test/support/aliyun-vectors.js';

import { percentEncode } from '../encoding.js';
import { stringToSign, type RpcParameters } from './signature.js';

const secret = 'Q9 x+/Tz*Secret=Key~!';
const verificationCode = '730519';
const nationalPhone = '13800138000';
const e164Phone = '8613800138000';
const signature = 'Ymvh4WLQXPLKakvkeuNR4E8IWVs=';
const maskedPhone = '138****8000';

const context: RedactionContext = {
  sensitive: [secret, verificationCode, nationalPhone, e164Phone, signature],
  maskedPhone,
};

/** The forms a leak could take, built independently of src/redact.ts. */
const leakProbes = [secret, verificationCode, nationalPhone, signature].flatMap((value) => [
  value,
  encodeURIComponent(value),
  percentEncode(value),
  percentEncode(percentEncode(value)),
  new URLSearchParams({ value }).toString().slice('value='.length),
  JSON.stringify(value).slice(1, -1),
]);

/** Text in which every sensitive value appears in every form it could be echoed in. */
const hostileText = leakProbes.map((probe) => `<${probe}>`).join(' ');

/** Every way an error can be turned into text by a logger, the host or a console. */
const serialise = (error: ConnectorError): string =>
  [
    String(error),
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(error.data),
    inspect(error, { depth: null, showHidden: true }),
    inspect(error.data, { depth: null, showHidden: true }),
    inspect(error.cause, { depth: null, showHidden: true }),
    JSON.stringify(Object.getOwnPropertyNames(error)),
  ].join('\n');

const expectNoLeak = (error: ConnectorError): void => {
  const text = serialise(error);
  for (const probe of leakProbes) {
    expect(text, `leaked ${probe}`).not.toContain(probe);
  }
};

/** The data of a ConnectorError as a plain record, failing the test when it is not one. */
const dataOf = (error: ConnectorError): Record<string, unknown> => {
  const { data } = error;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError('ConnectorError data is not a plain object');
  }
  expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  return Object.fromEntries(Object.entries(data));
};

const descriptionOf = (error: ConnectorError): string => {
  const description = dataOf(error).errorDescription;
  if (typeof description !== 'string') {
    throw new TypeError('errorDescription is not a string');
  }
  return description;
};

type Expectation = readonly [
  code: string,
  connectorCode: string,
  retryable: boolean,
  errorStatus: number,
];

// Every code of the error table in shared/docs/aliyun-sms-api.md, plus the test-mode and
// frozen-account codes from Aliyun's own list; errorStatus is a non-200 status to try too.
const documentedCodes: readonly Expectation[] = [
  ['isv.BUSINESS_LIMIT_CONTROL', 'rate_limit_exceeded', false, 400],
  ['isv.DAY_LIMIT_CONTROL', 'usage_limit_exceeded', false, 400],
  ['isv.MONTH_LIMIT_CONTROL', 'usage_limit_exceeded', false, 400],
  ['isv.AMOUNT_NOT_ENOUGH', 'usage_limit_exceeded', false, 403],
  ['isv.OUT_OF_SERVICE', 'usage_limit_exceeded', false, 403],
  ['Throttling', 'rate_limit_exceeded', true, 400],
  ['Throttling.User', 'rate_limit_exceeded', true, 400],
  ['Throttling.Api', 'rate_limit_exceeded', true, 400],
  ['isv.MOBILE_NUMBER_ILLEGAL', 'invalid_request_parameters', false, 400],
  ['isv.MOBILE_COUNT_OVER_LIMIT', 'invalid_request_parameters', false, 400],
  ['isv.DOMESTIC_NUMBER_NOT_SUPPORTED', 'invalid_request_parameters', false, 400],
  ['isv.SMS_SIGNATURE_ILLEGAL', 'invalid_config', false, 400],
  ['isv.SIGN_NAME_ILLEGAL', 'invalid_config', false, 400],
  ['isv.SIGN_STATE_ILLEGAL', 'invalid_config', false, 400],
  ['isv.SMS_SIGNATURE_SCENE_ILLEGAL', 'invalid_config', false, 400],
  ['isv.SMS_TEMPLATE_ILLEGAL', 'invalid_config', false, 400],
  ['isv.TEMPLATE_MISSING_PARAMETERS', 'invalid_config', false, 400],
  ['isv.TEMPLATE_PARAMS_ILLEGAL', 'invalid_config', false, 400],
  ['isv.INVALID_JSON_PARAM', 'invalid_config', false, 400],
  ['isv.PARAM_LENGTH_LIMIT', 'invalid_config', false, 400],
  ['isv.PARAM_NOT_SUPPORT_URL', 'invalid_config', false, 400],
  ['isv.BLACK_KEY_CONTROL_LIMIT', 'invalid_config', false, 400],
  ['isv.SMS_CONTENT_ILLEGAL', 'invalid_config', false, 400],
  ['isp.RAM_PERMISSION_DENY', 'invalid_config', false, 403],
  ['Forbidden.RAM', 'invalid_config', false, 403],
  ['isv.DENY_IP_RANGE', 'invalid_config', false, 403],
  ['isv.PRODUCT_UN_SUBSCRIPT', 'invalid_config', false, 403],
  ['isv.ACCOUNT_NOT_EXISTS', 'invalid_config', false, 404],
  ['isv.ACCOUNT_ABNORMAL', 'invalid_config', false, 403],
  ['isv.SECURITY_FROZEN_ACCOUNT', 'invalid_config', false, 403],
  ['isv.SMS_TEST_NUMBER_LIMIT', 'invalid_config', false, 400],
  ['isv.SMS_TEST_SIGN_TEMPLATE_LIMIT', 'invalid_config', false, 400],
  ['isv.SMS_TEST_TEMPLATE_PARAMS_ILLEGAL', 'invalid_config', false, 400],
  ['SignatureDoesNotMatch', 'invalid_config', false, 400],
  ['InvalidAccessKeyId.NotFound', 'invalid_config', false, 404],
  ['InvalidAccessKeyId.Inactive', 'invalid_config', false, 400],
  ['InvalidTimeStamp.Expired', 'invalid_config', false, 400],
  ['SignatureNonceUsed', 'general', false, 400],
  ['isp.SYSTEM_ERROR', 'general', false, 500],
  ['InternalError', 'general', false, 500],
  ['ServiceUnavailable', 'general', true, 503],
];

// Codes matched by family, and codes nobody maps (prototype names included: a lookup in
// a plain object would find Object.prototype members).
const otherCodes: readonly Expectation[] = [
  ['Throttling.Something.New', 'rate_limit_exceeded', true, 400],
  ['InvalidAccessKeyId.Malformed', 'invalid_config', false, 400],
  ['InvalidSecurityToken.Expired', 'invalid_config', false, 400],
  ['Forbidden.AccessKeyDisabled', 'invalid_config', false, 403],
  ['isv.SOMETHING_NEW', 'general', false, 400],
  ['ThrottlingLike', 'general', false, 400],
  ['InvalidTimeStamp.Format', 'general', false, 400],
  ['', 'general', false, 500],
  ['constructor', 'general', false, 400],
  ['__proto__', 'general', false, 400],
  ['toString', 'general', false, 502],
];

describe('classifyAliyunCode', () => {
  it('maps to usage_limit_exceeded on the connector-kit we build against', () => {
    expect(usageLimitExceededCode).toBe('usage_limit_exceeded');
  });

  it.each([...documentedCodes, ...otherCodes])(
    '%s becomes %s (retryable: %s)',
    (code, connectorCode, retryable) => {
      const classification = classifyAliyunCode(code);
      expect(classification.connectorCode).toBe(connectorCode);
      expect(classification.retryable).toBe(retryable);
      expect(classification.advice).toMatch(/^[A-Z].*[.]$/);
    }
  );

  it('retries only throttling and ServiceUnavailable, never an isv. code', () => {
    const retryable = [...documentedCodes, ...otherCodes]
      .map(([code]) => code)
      .filter((code) => classifyAliyunCode(code).retryable);
    expect(retryable).toEqual([
      'Throttling',
      'Throttling.User',
      'Throttling.Api',
      'ServiceUnavailable',
      'Throttling.Something.New',
    ]);
  });

  it('has a test row for every code it knows', () => {
    const tested = new Set(documentedCodes.map(([code]) => code));
    expect(knownAliyunCodes.filter((code) => !tested.has(code))).toEqual([]);
  });

  it('gives every known code its own advice sentence, one sentence each', () => {
    for (const code of knownAliyunCodes) {
      const { advice } = classifyAliyunCode(code);
      // One sentence: a single full stop, at the end (decimal points and "e.g." aside).
      const sentences = advice.replace(/e\.g\./g, 'eg').split(/[.!?](?:\s|$)/);
      expect(sentences.filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('aliyunAnswerError', () => {
  const statusesOf = ([code, connectorCode, retryable, errorStatus]: Expectation) =>
    [200, errorStatus].map((status) => [code, connectorCode, retryable, status] as const);

  it.each([...documentedCodes, ...otherCodes].flatMap(statusesOf))(
    '%s becomes %s (HTTP %i)',
    (code, connectorCode, _retryable, status) => {
      const error = aliyunAnswerError(
        { Code: code, Message: 'message', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' },
        status,
        context
      );
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe(connectorCode);
      expect(descriptionOf(error).length).toBeGreaterThan(20);
      expect(dataOf(error)).toMatchObject({
        Code: code,
        Message: 'message',
        RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
        httpStatus: status,
        phone: maskedPhone,
      });
    }
  );

  it('has a readable message and stack, not connector-kit’s JSON dump', () => {
    const error = aliyunAnswerError(
      { Code: 'SignatureDoesNotMatch', Message: 'x', RequestId: 'R' },
      400,
      context
    );
    expect(error.message).toBe(
      'Aliyun SMS failed with SignatureDoesNotMatch (HTTP 400): Aliyun rejected the request signature: check accessKeySecret for a stray space or a wrong secret.'
    );
    expect(error.stack?.split('\n')[0]).toBe(`Error: ${error.message}`);
    expect(error.stack).not.toContain('connectorError');
    expect(error.cause).toBeUndefined();
  });

  it('keeps data to JSON-safe values and leaves out what Aliyun did not send', () => {
    const error = aliyunAnswerError({ Code: 'isv.DAY_LIMIT_CONTROL' }, 200, { sensitive: [] });
    const data = dataOf(error);
    expect(Object.keys(data).sort()).toEqual(['Code', 'errorDescription', 'httpStatus']);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('bounds the length of Aliyun-provided text', () => {
    const answer = { Code: 'isp.SYSTEM_ERROR', Message: 'x'.repeat(50_000) };
    const error = aliyunAnswerError(answer, 500, context);
    const message = dataOf(error).Message;
    expect(typeof message === 'string' && message.length).toBeLessThanOrEqual(2001);
  });

  describe('SignatureDoesNotMatch', () => {
    const parameters: RpcParameters = {
      ...vectorB.parameters,
      AccessKeyId: 'LTAI5tExampleKeyId',
      PhoneNumbers: nationalPhone,
      TemplateParam: JSON.stringify({ code: verificationCode }),
    };
    const serverStringToSign = stringToSign('POST', parameters);
    const answer = {
      Code: 'SignatureDoesNotMatch',
      Message: `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`,
      RequestId: '8906582E-6722-409A-A6C4-0E7863B733A5',
      Recommend:
        'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Dysmsapi&requestId=8906582E-6722-409A-A6C4-0E7863B733A5',
    };

    it('holds the code and phone double-encoded, as Aliyun quotes it', () => {
      expect(serverStringToSign).toContain(`PhoneNumbers%3D${nationalPhone}%26`);
      expect(serverStringToSign).toContain(`%2522code%2522%253A%2522${verificationCode}%2522`);
    });

    it('surfaces Aliyun’s string-to-sign without the code, phone or secret', () => {
      const error = aliyunAnswerError(answer, 400, context);
      const data = dataOf(error);
      expect(error.code).toBe('invalid_config');
      const encodedTemplateParam = percentEncode(percentEncode(parameters.TemplateParam ?? ''));
      expect(data.serverStringToSign).toBe(
        serverStringToSign
          .replace(`PhoneNumbers%3D${nationalPhone}`, 'PhoneNumbers%3D***')
          .replace(`TemplateParam%3D${encodedTemplateParam}`, 'TemplateParam%3D***')
      );
      expect(data.serverStringToSign).toMatch(/^POST&%2F&AccessKeyId%3DLTAI5tExampleKeyId%26/);
      expect(data.serverStringToSign).toContain('TemplateCode%3DSMS_154950909');
      expect(data.Recommend).toBe(answer.Recommend);
      expectNoLeak(error);
    });

    it('masks the phone and code by parameter name even when the caller forgot them', () => {
      const error = aliyunAnswerError(answer, 400, { sensitive: [] });
      const text = serialise(error);
      expect(text).not.toContain(nationalPhone);
      expect(text).not.toContain(verificationCode);
      expect(dataOf(error).serverStringToSign).toContain('PhoneNumbers%3D***%26RegionId');
    });

    it('finds the string-to-sign whatever precedes it', () => {
      expect(quotedStringToSign('server string to sign is: GET&%2F&A%3Db ')).toBe('GET&%2F&A%3Db');
      expect(quotedStringToSign('Specified signature is not matched with our calculation.')).toBe(
        undefined
      );
    });
  });
});

describe('maskRequestParameters', () => {
  it.each([
    ['PhoneNumbers=13800138000&SignName=x', 'PhoneNumbers=***&SignName=x'],
    ['TemplateParam=%7B%22code%22%3A%22123456%22%7D&A=b', 'TemplateParam=***&A=b'],
    ['Signature%3Dabc%252B%26SignatureMethod%3DHMAC', 'Signature%3D***%26SignatureMethod%3DHMAC'],
    ['SecurityToken%253Dtok%2526Timestamp%253D1', 'SecurityToken%253D***%2526Timestamp%253D1'],
    ['SignatureNonce=abc&SignatureVersion=1.0', 'SignatureNonce=abc&SignatureVersion=1.0'],
  ])('%s', (input, expected) => {
    expect(maskRequestParameters(input)).toBe(expected);
  });
});

describe('invalidResponseError', () => {
  it('is invalid_response with a safe preview of the body', () => {
    const body = `<html>502 Bad Gateway PhoneNumbers=${nationalPhone}&TemplateParam=${verificationCode} ${hostileText}</html>`;
    const error = invalidResponseError(502, context, { contentType: 'text/html', body });
    const data = dataOf(error);
    expect(error.code).toBe('invalid_response');
    expect(descriptionOf(error)).toContain('HTTP 502');
    expect(data).toMatchObject({ httpStatus: 502, contentType: 'text/html', phone: maskedPhone });
    expect(data.bodyPreview).toMatch(
      /^<html>502 Bad Gateway PhoneNumbers=\*\*\*&TemplateParam=\*\*\* /
    );
    expect(error.message).toMatch(/^Aliyun SMS failed: Aliyun answered HTTP 502/);
    expectNoLeak(error);
  });

  it('needs no details', () => {
    const error = invalidResponseError(200, { sensitive: [] });
    expect(Object.keys(dataOf(error)).sort()).toEqual(['errorDescription', 'httpStatus']);
  });
});

describe('transportError', () => {
  const kinds: readonly TransportFailureKind[] = [
    'timeout',
    'connection-refused',
    'dns',
    'reset',
    'network',
  ];

  it.each(kinds)('%s is general with a description', (kind) => {
    const error = transportError(kind, { host: 'dysmsapi.aliyuncs.com', attempts: 1 }, context);
    expect(error.code).toBe('general');
    expect(descriptionOf(error)).toContain('dysmsapi.aliyuncs.com');
    expect(dataOf(error)).toMatchObject({ failure: kind, attempts: 1, phone: maskedPhone });
    expect(error.cause).toBeUndefined();
  });

  it('says a timeout timed out, and after how long', () => {
    const error = transportError(
      'timeout',
      { host: 'dysmsapi.aliyuncs.com', attempts: 2, timeoutMs: 10_000 },
      context
    );
    expect(descriptionOf(error)).toMatch(/timed out after 10000 ms \(2 attempts\)/);
    expect(error.message).toContain('timed out after 10000 ms');
    expect(dataOf(error)).toMatchObject({ timeoutMs: 10_000, smsMayHaveBeenSent: true });
  });

  it('tells whether the SMS may have gone out', () => {
    const sent = (kind: TransportFailureKind) =>
      dataOf(transportError(kind, { host: 'h.example', attempts: 1 }, context)).smsMayHaveBeenSent;
    expect(kinds.map(sent)).toEqual([true, false, false, true, true]);
  });
});

describe('no error path leaks a secret, code, phone or signature', () => {
  const hostileAnswer = (code: string) => ({
    Code: code,
    Message: `${hostileText} server string to sign is:${hostileText}`,
    RequestId: hostileText,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&p=${hostileText}`,
  });

  it.each([...documentedCodes, ...otherCodes].map(([code]) => code))('answer %s', (code) => {
    expectNoLeak(aliyunAnswerError(hostileAnswer(code), 400, context));
  });

  it('an answer whose Code itself carries secrets', () => {
    expectNoLeak(aliyunAnswerError(hostileAnswer(`isv.${hostileText}`), 200, context));
  });

  it('an invalid response', () => {
    const details = { contentType: hostileText, body: hostileText };
    expectNoLeak(invalidResponseError(500, context, details));
  });

  it.each<TransportFailureKind>(['timeout', 'connection-refused', 'dns', 'reset', 'network'])(
    'a transport failure: %s',
    (kind) => {
      expectNoLeak(
        transportError(kind, { host: `x${hostileText}`, attempts: 3, timeoutMs: 5000 }, context)
      );
    }
  );

  it('a maskedPhone that is in fact the full number', () => {
    expectNoLeak(
      aliyunAnswerError({ Code: 'isv.MOBILE_NUMBER_ILLEGAL' }, 200, {
        ...context,
        maskedPhone: nationalPhone,
      })
    );
  });
});

describe('on a host whose connector-kit lacks UsageLimitExceeded (4.7.0)', () => {
  afterEach(() => {
    vi.doUnmock('@logto/connector-kit');
    vi.resetModules();
  });

  it('quota codes become general, which the host shows with errorDescription', async () => {
    vi.resetModules();
    vi.doMock('@logto/connector-kit', async (importOriginal) => {
      const original = await importOriginal<typeof ConnectorKit>();
      const codes = Object.fromEntries(
        Object.entries(original.ConnectorErrorCodes).filter(
          ([name]) => name !== 'UsageLimitExceeded'
        )
      );
      return { ...original, ConnectorErrorCodes: codes };
    });
    const legacy = await import('./errors.js');
    expect(legacy.usageLimitExceededCode).toBe('general');
    const error = legacy.aliyunAnswerError({ Code: 'isv.AMOUNT_NOT_ENOUGH' }, 200, context);
    expect(error.code).toBe('general');
    expect(descriptionOf(error)).toMatch(/balance/);
    expect(legacy.classifyAliyunCode('Throttling').connectorCode).toBe('rate_limit_exceeded');
  });
});
