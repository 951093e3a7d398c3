import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { vectorB } from '../../../test/support/aliyun-vectors.js';
import { percentEncode } from '../../encoding.js';
import { endUserSentences, isSentenceId } from '../../end-user/sentences.js';

import { classifyCode, knownCodes, type AliyunProduct } from '../classify.js';
import type { CodeKind } from './codes/meaning.js';
import {
  aliyunAnswerError,
  connectorCodeOfKind,
  invalidAnswerError,
  mayHaveBeenSent,
  transportError,
  usageLimitExceededCode,
  type FailureContext,
  type InvalidAnswerReason,
  type TransportFailure,
} from './failures.js';
import { stringToSign, type RpcParameters } from './signature.js';
import { maybeSentUserSentence, notSentUserSentence, userSentenceOfKind } from './user-messages.js';

const secret = 'Q9 x+/Tz*Secret=Key~!';
const verificationCode = '730519';
const nationalPhone = '13800138000';
const e164Phone = '8613800138000';
const signature = 'Ymvh4WLQXPLKakvkeuNR4E8IWVs=';
const maskedPhoneNumber = '138****8000';
const requestId = 'F655A8D5-B967-440B-8683-DAD6FF8DE990';

const contextOf = (product: AliyunProduct): FailureContext => ({
  product,
  sensitive: [secret, verificationCode, nationalPhone, e164Phone, signature],
  maskedPhoneNumber,
});
const context = contextOf('dysms');

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

const expectReadable = (error: ConnectorError): void => {
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error.message).not.toMatch(/^ConnectorError: \{/);
  expect(error.stack?.split('\n')[0]).toBe(`Error: ${error.message}`);
  // The helper that built it is not a frame worth reading.
  expect(error.stack).not.toContain('connectorError');
  expect(error.cause).toBeUndefined();
};

// The config keys an end user must never be pointed at.
const adminVocabulary = /accessKey|secret|securityToken|signName|templates?\b|endpoint|RAM|RequestId|timeout|console/i;

describe('connectorCodeOfKind', () => {
  it.each([
    ['per-number-limit', 'rate_limit_exceeded'],
    ['throttled', 'rate_limit_exceeded'],
    ['quota', 'usage_limit_exceeded'],
    ['recipient', 'invalid_request_parameters'],
    ['config', 'invalid_config'],
    ['deployment', 'invalid_config'],
    ['aliyun-fault', 'general'],
  ] as const)('turns %s into %s', (kind, code) => {
    expect(connectorCodeOfKind(kind)).toBe(code);
  });

  it('uses usage_limit_exceeded on the connector-kit we build against', () => {
    expect(usageLimitExceededCode).toBe('usage_limit_exceeded');
  });
});

describe('aliyunAnswerError', () => {
  const everyKnownCode = (['dysms', 'dypns'] as const).flatMap((product) =>
    knownCodes(product).map((code) => [product, code] as const)
  );

  it.each(everyKnownCode)('maps %s %s as its table says, with its advice, field and Aliyun’s ids', (product, code) => {
    const meaning = classifyCode(product, code);
    const error = aliyunAnswerError({ Code: code, Message: 'message', RequestId: requestId }, 400, contextOf(product));
    expect(error.code).toBe(connectorCodeOfKind(meaning.kind));
    expect(dataOf(error)).toEqual({
      errorDescription: meaning.advice,
      Code: code,
      Message: 'message',
      RequestId: requestId,
      httpStatus: 400,
      ...(meaning.field === undefined ? {} : { fields: [meaning.field] }),
      smsMayHaveBeenSent: meaning.kind === 'aliyun-fault',
      maskedPhoneNumber,
      userSentence: userSentenceOfKind[meaning.kind],
    });
    expect(error.message).toBe(
      `Aliyun SMS failed with ${code} (HTTP 400, RequestId ${requestId}) (recipient ${maskedPhoneNumber}): ${meaning.advice}`
    );
    expectReadable(error);
  });

  // The error table of shared/docs/aliyun-sms-api.md in Logto's terms, written out so that a
  // change of a kind or of connectorCodeOfKind shows here.
  it.each([
    ['dysms', 'isv.BUSINESS_LIMIT_CONTROL', 200, 'rate_limit_exceeded'],
    ['dysms', 'Throttling.User', 400, 'rate_limit_exceeded'],
    ['dysms', 'isv.DAY_LIMIT_CONTROL', 200, 'usage_limit_exceeded'],
    ['dysms', 'isv.AMOUNT_NOT_ENOUGH', 200, 'usage_limit_exceeded'],
    ['dysms', 'isv.MOBILE_NUMBER_ILLEGAL', 200, 'invalid_request_parameters'],
    ['dysms', 'isv.SMS_TEMPLATE_ILLEGAL', 200, 'invalid_config'],
    ['dysms', 'isv.DENY_IP_RANGE', 200, 'invalid_config'],
    ['dysms', 'SignatureDoesNotMatch', 400, 'invalid_config'],
    ['dysms', 'InvalidTimeStamp.Expired', 400, 'invalid_config'],
    ['dysms', 'InvalidSecurityToken.Expired', 400, 'invalid_config'],
    ['dysms', 'SignatureNonceUsed', 400, 'general'],
    ['dysms', 'isp.SYSTEM_ERROR', 200, 'general'],
    ['dysms', 'ServiceUnavailable', 503, 'general'],
    ['dysms', 'isv.SOMETHING_NEW', 200, 'general'],
    ['dypns', 'FREQUENCY_FAIL', 200, 'rate_limit_exceeded'],
    ['dypns', 'BALANCE_NOT_ENOUGH', 200, 'usage_limit_exceeded'],
    ['dypns', 'MOBILE_NUMBER_ILLEGAL', 200, 'invalid_request_parameters'],
    ['dypns', 'PRODUCT_UN_SUBSCRIPT', 200, 'invalid_config'],
    ['dypns', 'SECURITY_INTERCEPTED', 200, 'general'],
  ] as const)('%s %s (HTTP %i) is %s', (product, code, status, connectorCode) => {
    const error = aliyunAnswerError({ Code: code, RequestId: requestId }, status, contextOf(product));
    expect(error.code).toBe(connectorCode);
    expect(dataOf(error)).toMatchObject({ Code: code, httpStatus: status, RequestId: requestId });
  });

  it('says an unknown code may have sent the SMS, and gives the end user the matching sentence', () => {
    const error = aliyunAnswerError({ Code: 'isv.SOMETHING_NEW' }, 200, context);
    expect(dataOf(error)).toMatchObject({ smsMayHaveBeenSent: true, userSentence: userSentenceOfKind['aliyun-fault'] });
    expect(error.code).toBe('general');
  });

  it('leaves out what Aliyun did not send, and the recipient when there is none', () => {
    const error = aliyunAnswerError({ Code: 'isv.DAY_LIMIT_CONTROL' }, 200, { product: 'dysms', sensitive: [] });
    const data = dataOf(error);
    expect(Object.keys(data).sort()).toEqual(['Code', 'errorDescription', 'httpStatus', 'smsMayHaveBeenSent', 'userSentence']);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(error.message).toBe(`Aliyun SMS failed with isv.DAY_LIMIT_CONTROL (HTTP 200): ${classifyCode('dysms', 'isv.DAY_LIMIT_CONTROL').advice}`);
    expectReadable(error);
  });

  it('carries the answer’s Date header as serverDate, made safe, only when there is one', () => {
    const dated = aliyunAnswerError({ Code: 'InvalidTimeStamp.Expired' }, 400, context, 'Wed, 01 Jan 2025 12:00:00 GMT');
    expect(dataOf(dated).serverDate).toBe('Wed, 01 Jan 2025 12:00:00 GMT');
    const hostile = aliyunAnswerError({ Code: 'InvalidTimeStamp.Expired' }, 400, context, `Wed ${secret}`);
    expect(dataOf(hostile).serverDate).toBe('Wed ***');
    expect(Object.keys(dataOf(aliyunAnswerError({ Code: 'InvalidTimeStamp.Expired' }, 400, context)))).not.toContain('serverDate');
  });

  it('keeps Recommend, made safe', () => {
    const recommend = `https://api.aliyun.com/troubleshoot?q=isp.SYSTEM_ERROR&p=${secret}`;
    const error = aliyunAnswerError({ Code: 'isp.SYSTEM_ERROR', Recommend: recommend }, 500, context);
    expect(dataOf(error).Recommend).toBe('https://api.aliyun.com/troubleshoot?q=isp.SYSTEM_ERROR&p=***');
  });

  it('bounds the length of Aliyun-provided text', () => {
    const error = aliyunAnswerError(
      { Code: `isv.${'C'.repeat(5000)}`, Message: 'x'.repeat(50_000), RequestId: 'r'.repeat(5000) },
      500,
      context
    );
    const data = dataOf(error);
    for (const key of ['Code', 'Message', 'RequestId']) {
      const value = data[key];
      expect(typeof value === 'string' && value.length, key).toBeLessThanOrEqual(2001);
    }
    expect(error.message.length).toBeLessThan(5000);
  });

  it('redacts a Code that carries a secret, in data and message alike', () => {
    const error = aliyunAnswerError({ Code: `isv.${verificationCode}`, RequestId: `R-${nationalPhone}` }, 200, context);
    expect(dataOf(error)).toMatchObject({ Code: 'isv.***', RequestId: 'R-***' });
    expect(error.message).toMatch(/^Aliyun SMS failed with isv\.\*\*\* \(HTTP 200, RequestId R-\*\*\*\)/);
  });

  describe('SignatureDoesNotMatch', () => {
    const parameters: RpcParameters = {
      ...vectorB.parameters,
      AccessKeyId: 'LTAI5tExampleKeyId',
      PhoneNumbers: nationalPhone,
      TemplateParam: JSON.stringify({ code: verificationCode }),
      SecurityToken: 'CAIS-sts-token-value',
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

    it('surfaces Aliyun’s string-to-sign without the code, phone or token', () => {
      const error = aliyunAnswerError(answer, 400, context);
      const data = dataOf(error);
      expect(error.code).toBe('invalid_config');
      expect(data.fields).toEqual(['accessKeySecret']);
      const encodedTemplateParam = percentEncode(percentEncode(parameters.TemplateParam ?? ''));
      expect(data.serverStringToSign).toBe(
        serverStringToSign
          .replace(`PhoneNumbers%3D${nationalPhone}`, 'PhoneNumbers%3D***')
          .replace('SecurityToken%3DCAIS-sts-token-value', 'SecurityToken%3D***')
          .replace(`TemplateParam%3D${encodedTemplateParam}`, 'TemplateParam%3D***')
      );
      expect(data.serverStringToSign).toMatch(/^POST&%2F&AccessKeyId%3DLTAI5tExampleKeyId%26/);
      expect(data.serverStringToSign).toContain('TemplateCode%3DSMS_154950909');
      expect(data.Recommend).toBe(answer.Recommend);
      expectNoLeak(error);
    });

    it('masks the phone and code by parameter name even when the caller forgot them', () => {
      const error = aliyunAnswerError(answer, 400, { product: 'dysms', sensitive: [] });
      const text = serialise(error);
      expect(text).not.toContain(nationalPhone);
      expect(text).not.toContain(verificationCode);
      expect(text).not.toContain('CAIS-sts-token-value');
      expect(dataOf(error).serverStringToSign).toContain('PhoneNumbers%3D***%26RegionId');
    });

    it('removes the secret and signature in every encoding from a hostile string-to-sign', () => {
      const error = aliyunAnswerError(
        { ...answer, Message: `mismatch. server string to sign is:POST&%2F&${hostileText}` },
        400,
        context
      );
      expect(typeof dataOf(error).serverStringToSign).toBe('string');
      expectNoLeak(error);
    });

    it('adds no serverStringToSign when Aliyun quotes none', () => {
      const error = aliyunAnswerError({ Code: 'SignatureDoesNotMatch', Message: 'no quote' }, 400, context);
      expect(Object.keys(dataOf(error))).not.toContain('serverStringToSign');
    });
  });
});

describe('invalidAnswerError', () => {
  it.each([
    ['not-an-answer', 'with a body that is not a JSON Aliyun answer'],
    ['too-large', 'with a body longer than the 64 KiB the connector reads'],
    ['ok-without-id', 'with Code OK but no BizId'],
    ['ok-with-error-status', 'with Code OK but an error status'],
  ] as const)('is invalid_response for %s, saying the SMS may have been sent', (reason, says) => {
    const error = invalidAnswerError(reason, 302, context);
    expect(error.code).toBe('invalid_response');
    const { errorDescription, ...data } = dataOf(error);
    expect(errorDescription).toContain(`HTTP 302 ${says}`);
    expect(errorDescription).toMatch(/whether the SMS was sent is unknown and it was not sent again/);
    expect(data).toEqual({
      reason,
      httpStatus: 302,
      fields: ['endpoint'],
      smsMayHaveBeenSent: true,
      maskedPhoneNumber,
      userSentence: maybeSentUserSentence,
    });
    expect(error.message).toBe(`Aliyun SMS failed (recipient ${maskedPhoneNumber}): ${String(errorDescription)}`);
    expectReadable(error);
  });

  it('keeps a safe, bounded preview of the body, its type and Aliyun’s ids', () => {
    const body = `<html>502 Bad Gateway PhoneNumbers=${nationalPhone}&TemplateParam=${verificationCode} ${hostileText}${'z'.repeat(1000)}</html>`;
    const error = invalidAnswerError('not-an-answer', 502, context, {
      contentType: 'text/html; charset=utf-8',
      body,
      answer: { Code: 'OK', RequestId: requestId },
    });
    const data = dataOf(error);
    expect(data).toMatchObject({
      httpStatus: 502,
      contentType: 'text/html; charset=utf-8',
      RequestId: requestId,
    });
    expect(Object.keys(data)).not.toContain('Code');
    expect(data.bodyPreview).toMatch(/^<html>502 Bad Gateway PhoneNumbers=\*\*\*&TemplateParam=\*\*\* /);
    expect(typeof data.bodyPreview === 'string' && data.bodyPreview.length).toBeLessThanOrEqual(301);
    expectNoLeak(error);
  });

  it('passes on an error Code, made safe, but never an OK one', () => {
    const withCode = invalidAnswerError('not-an-answer', 500, context, { answer: { Code: `isv.X_${verificationCode}` } });
    expect(dataOf(withCode).Code).toBe('isv.X_***');
    const ok = invalidAnswerError('ok-without-id', 200, context, { answer: { Code: 'OK' } });
    expect(Object.keys(dataOf(ok))).not.toContain('Code');
  });

  it('without a recipient, says nothing about one', () => {
    const error = invalidAnswerError('ok-without-id', 200, { product: 'dysms', sensitive: [] });
    expect(error.message).toMatch(/^Aliyun SMS failed: Aliyun’s endpoint answered HTTP 200 with Code OK but no BizId/);
    expect(Object.keys(dataOf(error))).not.toContain('maskedPhoneNumber');
  });
});

describe('transportError', () => {
  const destination = { host: '127.0.0.1', port: 9 };
  const neverSent: readonly TransportFailure[] = ['connection-refused', 'dns', 'connect-timeout', 'tls'];
  const maybeSent: readonly TransportFailure[] = ['timeout', 'reset', 'network'];

  it('names host and port of a refused connection, and that no SMS was sent', () => {
    const error = transportError('connection-refused', { destination, attempts: 1, timeoutMs: 5000 }, context);
    expect(error.code).toBe('general');
    expect(error.message).toBe(
      `Aliyun SMS failed (recipient ${maskedPhoneNumber}): 127.0.0.1:9 refused the connection (1 attempt), so no SMS was sent: check endpoint and any firewall or proxy between Logto and Aliyun.`
    );
    const { errorDescription, ...data } = dataOf(error);
    expect(error.message).toBe(`Aliyun SMS failed (recipient ${maskedPhoneNumber}): ${String(errorDescription)}`);
    expect(data).toEqual({
      failure: 'connection-refused',
      host: '127.0.0.1',
      port: 9,
      attempts: 1,
      timeoutMs: 5000,
      smsMayHaveBeenSent: false,
      fields: ['endpoint'],
      maskedPhoneNumber,
      userSentence: notSentUserSentence,
    });
    expectReadable(error);
  });

  it.each(neverSent)('%s: host:port, attempts, and that no SMS was sent', (failure) => {
    const error = transportError(failure, { destination: { host: 'dysmsapi.example', port: 8443 }, attempts: 3, timeoutMs: 7000 }, context);
    expect(error.code).toBe('general');
    expect(error.message).toContain('dysmsapi.example:8443');
    expect(error.message).toContain('(3 attempts)');
    expect(error.message).toContain('no SMS was sent');
    expect(dataOf(error)).toMatchObject({
      failure,
      host: 'dysmsapi.example',
      port: 8443,
      attempts: 3,
      timeoutMs: 7000,
      smsMayHaveBeenSent: false,
      fields: ['endpoint'],
      userSentence: notSentUserSentence,
    });
    expectReadable(error);
  });

  it.each(maybeSent)('%s: host:port, attempts, and that the SMS may have been sent', (failure) => {
    const error = transportError(failure, { destination: { host: 'dysmsapi.example', port: 443 }, attempts: 2, timeoutMs: 7000 }, context);
    expect(error.code).toBe('general');
    expect(error.message).toContain('dysmsapi.example:443');
    expect(error.message).toContain('(2 attempts)');
    expect(error.message).toMatch(/the SMS may (still )?have been sent and was not sent again/);
    const data = dataOf(error);
    expect(data).toMatchObject({ failure, attempts: 2, timeoutMs: 7000, smsMayHaveBeenSent: true, userSentence: maybeSentUserSentence });
    // No config key is to blame: the network between is.
    expect(Object.keys(data)).not.toContain('fields');
  });

  it('says after how long a request or a connection timed out', () => {
    const timedOut = transportError('timeout', { destination, attempts: 1, timeoutMs: 10_000 }, context);
    expect(timedOut.message).toContain('The request to 127.0.0.1:9 timed out after 10000 ms (1 attempt)');
    const unconnected = transportError('connect-timeout', { destination, attempts: 3, timeoutMs: 10_000 }, context);
    expect(unconnected.message).toContain('No connection to 127.0.0.1:9 could be made within 10000 ms (3 attempts)');
  });

  it('tells each failure apart in words', () => {
    const messages = [...neverSent, ...maybeSent].map(
      (failure) => transportError(failure, { destination, attempts: 1, timeoutMs: 1000 }, context).message
    );
    expect(new Set(messages).size).toBe(messages.length);
    expect(messages[1]).toContain('could not be resolved');
    expect(messages[3]).toContain('TLS certificate');
    expect(messages[5]).toContain('was reset');
    expect(messages[6]).toContain('network error');
  });

  it('knows which failures may have sent the SMS', () => {
    expect(neverSent.map(mayHaveBeenSent)).toEqual([false, false, false, false]);
    expect(maybeSent.map(mayHaveBeenSent)).toEqual([true, true, true]);
  });
});

describe('userSentence', () => {
  const errors: ReadonlyArray<readonly [string, ConnectorError]> = [
    ...(['dysms', 'dypns'] as const).flatMap((product) =>
      knownCodes(product).map(
        (code) => [`${product} ${code}`, aliyunAnswerError({ Code: code, RequestId: requestId }, 400, contextOf(product))] as const
      )
    ),
    ...(['not-an-answer', 'too-large', 'ok-without-id', 'ok-with-error-status'] as const).map(
      (reason) => [reason, invalidAnswerError(reason, 200, context)] as const
    ),
    ...(['connection-refused', 'dns', 'connect-timeout', 'tls', 'timeout', 'reset', 'network'] as const).map(
      (failure) => [failure, transportError(failure, { destination: { host: 'h.example', port: 443 }, attempts: 1, timeoutMs: 1 }, context)] as const
    ),
  ];

  it.each(errors)('%s has a sentence for the end user, without the administrator’s vocabulary', (_name, error) => {
    const { userSentence } = dataOf(error);
    expect(isSentenceId(userSentence)).toBe(true);
    const sentence = isSentenceId(userSentence) ? endUserSentences[userSentence].en : '';
    expect(sentence).not.toMatch(adminVocabulary);
    expect(sentence).not.toContain(maskedPhoneNumber);
  });

  it('has one sentence for each kind', () => {
    const kinds: readonly CodeKind[] = ['per-number-limit', 'throttled', 'quota', 'recipient', 'config', 'deployment', 'aliyun-fault'];
    expect(Object.keys(userSentenceOfKind).sort()).toEqual([...kinds].sort());
  });
});

describe('no error path leaks a secret, code, phone or signature', () => {
  const hostileAnswer = (code: string) => ({
    Code: code,
    Message: `${hostileText} server string to sign is:${hostileText}`,
    RequestId: hostileText,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&p=${hostileText}`,
  });

  it.each([
    ...(['dysms', 'dypns'] as const).flatMap((product) => knownCodes(product).map((code) => [product, code] as const)),
    ['dysms', 'isv.SOMETHING_NEW'],
    ['dysms', 'Throttling.Something.New'],
    ['dypns', '__proto__'],
  ] as const)('answer %s %s', (product, code) => {
    expectNoLeak(aliyunAnswerError(hostileAnswer(code), 400, contextOf(product)));
  });

  it('an answer whose Code itself carries secrets', () => {
    expectNoLeak(aliyunAnswerError(hostileAnswer(`isv.${hostileText}`), 200, context));
  });

  it.each<InvalidAnswerReason>(['not-an-answer', 'too-large', 'ok-without-id', 'ok-with-error-status'])(
    'an invalid answer: %s',
    (reason) => {
      const details = { contentType: hostileText, body: hostileText, answer: { Code: hostileText, RequestId: hostileText } };
      expectNoLeak(invalidAnswerError(reason, 500, context, details));
    }
  );

  it.each<TransportFailure>(['timeout', 'connection-refused', 'dns', 'connect-timeout', 'tls', 'reset', 'network'])(
    'a transport failure: %s',
    (failure) => {
      expectNoLeak(transportError(failure, { destination: { host: `x${hostileText}`, port: 443 }, attempts: 3, timeoutMs: 5000 }, context));
    }
  );

  it('redacts a full number given as maskedPhoneNumber from data', () => {
    const leaky = { ...context, maskedPhoneNumber: nationalPhone };
    const error = aliyunAnswerError({ Code: 'isv.MOBILE_NUMBER_ILLEGAL' }, 200, leaky);
    expect(dataOf(error).maskedPhoneNumber).toBe('***');
    expect(JSON.stringify(error.data)).not.toContain(nationalPhone);
  });

  // The masked number goes into the message as well as data: both must be redacted.
  it('a maskedPhoneNumber that is in fact the full number', () => {
    const leaky = { ...context, maskedPhoneNumber: nationalPhone };
    expectNoLeak(aliyunAnswerError({ Code: 'isv.MOBILE_NUMBER_ILLEGAL' }, 200, leaky));
    expectNoLeak(invalidAnswerError('not-an-answer', 200, leaky));
    expectNoLeak(transportError('dns', { destination: { host: 'h.example', port: 443 }, attempts: 1, timeoutMs: 1 }, leaky));
  });
});

describe('an answer that echoes the signature and the STS token respelled', () => {
  const base64Signature = 'Ymvh+4WLQ/XPLKakvke+NR4E8IWV=';
  const stsToken = 'CAIS+sts/Token+Value//x==';
  const respelled = [base64Signature, stsToken].flatMap((value) => {
    const base64url = value.replaceAll('+', '-').replaceAll('/', '_');
    return [value.replaceAll('+', ' '), base64url, base64url.replace(/=+$/, '')];
  });
  const echoContext: FailureContext = { ...context, sensitive: [...context.sensitive, base64Signature, stsToken] };
  const echo = respelled.map((form) => `<${form}>`).join(' ');

  it('keeps them out of the administrator’s data and message', () => {
    const error = aliyunAnswerError({ Code: `isv.${echo}`, Message: echo, RequestId: echo, Recommend: echo }, 400, echoContext);
    const text = serialise(error);
    for (const form of respelled) {
      expect(text, form).not.toContain(form);
    }
    expect(dataOf(error).Message).toBe(respelled.map(() => '<***>').join(' '));
  });

  it('keeps them out of an invalid answer’s preview', () => {
    const error = invalidAnswerError('not-an-answer', 502, echoContext, { body: echo, contentType: echo });
    const text = serialise(error);
    for (const form of respelled) {
      expect(text, form).not.toContain(form);
    }
  });
});

describe('on a host whose connector-kit lacks UsageLimitExceeded (4.7.0)', () => {
  afterEach(() => {
    vi.doUnmock('@logto/connector-kit');
    vi.resetModules();
  });

  it('quota codes become general, which the host shows with errorDescription', async () => {
    vi.resetModules();
    vi.doMock('@logto/connector-kit', () => import('logto-connector-kit-4'));
    const legacyKit = await import('logto-connector-kit-4');
    expect(Object.values(legacyKit.ConnectorErrorCodes)).not.toContain('usage_limit_exceeded');
    const legacy = await import('./failures.js');
    expect(legacy.usageLimitExceededCode).toBe('general');
    const quota = legacy.aliyunAnswerError({ Code: 'isv.AMOUNT_NOT_ENOUGH' }, 200, context);
    expect(quota).toBeInstanceOf(legacyKit.ConnectorError);
    expect(quota.code).toBe('general');
    expect(dataOf(quota).errorDescription).toMatch(/balance/);
    expect(legacy.aliyunAnswerError({ Code: 'Throttling' }, 400, context).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(legacy.connectorCodeOfKind('recipient')).toBe('invalid_request_parameters');
  });
});

// docs/errors.md's tables of transport failures and invalid responses, read as an administrator
// reads them.
const errorsPage = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');

/** The rows of the table under a `## heading`, as trimmed cells, header and rule left out. */
const tableUnder = (heading: string): ReadonlyArray<readonly string[]> => {
  const section = errorsPage.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim())
    );
};
const backticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');

const everyTransportFailure: readonly TransportFailure[] = [
  'connection-refused',
  'dns',
  'connect-timeout',
  'connect-failed',
  'tls',
  'timeout',
  'reset',
  'network',
  'no-time-left',
];
const isTransportFailure = (value: string): value is TransportFailure => everyTransportFailure.some((failure) => failure === value);

/**
 * failures.ts builds its descriptions and sets when it loads; loading it afresh inside each test
 * lets mutation testing see them checked by these tests.
 */
const loadFailuresAfresh = async () => {
  vi.resetModules();
  return import('./failures.js');
};

describe('failures, loaded afresh, against docs/errors.md', () => {
  let failures: Awaited<ReturnType<typeof loadFailuresAfresh>>;
  const details = { destination: { host: 'dysmsapi.example', port: 443 }, attempts: 2, timeoutMs: 7000 };

  beforeEach(async () => {
    failures = await loadFailuresAfresh();
  });

  const transportRows = tableUnder('Transport failures');

  it('finds every transport failure in the page', () => {
    expect(transportRows.map(([name = '']) => backticked(name)[0]).sort()).toEqual([...everyTransportFailure].sort());
  });

  it.each(transportRows)('%s: says whether the SMS was sent as the page does, and names what it says to check', (name, sent = '', whatToDo = '') => {
    const [failure = ''] = backticked(name);
    if (!isTransportFailure(failure)) {
      throw new TypeError(`${failure} is no transport failure`);
    }
    const mayHave = !sent.startsWith('no');
    expect(failures.mayHaveBeenSent(failure)).toBe(mayHave);
    const error = failures.transportError(failure, details, context);
    expect(error.code).toBe('general');
    expect(dataOf(error)).toMatchObject({
      failure,
      smsMayHaveBeenSent: mayHave,
      userSentence: mayHave ? maybeSentUserSentence : notSentUserSentence,
    });
    expect(dataOf(error).fields).toEqual(mayHave ? undefined : ['endpoint']);
    expect(error.message).toMatch(mayHave ? /the SMS may (still )?have been sent/ : /so no SMS was sent/);
    if (failure !== 'no-time-left') {
      expect(error.message).toContain('dysmsapi.example:443 ');
      expect(error.message).toContain('(2 attempts)');
    }
    for (const word of backticked(whatToDo)) {
      expect(error.message).toContain(word);
    }
  });

  it('tells a closed connection from a deadline that passed before sending, in words', () => {
    const closed = failures.transportError('connect-failed', { ...details, attempts: 1 }, context);
    expect(closed.message).toBe(
      `Aliyun SMS failed (recipient ${maskedPhoneNumber}): The connection to dysmsapi.example:443 was closed before the request was sent (1 attempt), so no SMS was sent: check endpoint and any firewall or proxy between Logto and Aliyun.`
    );
    const late = failures.transportError('no-time-left', details, context);
    expect(late.message).toBe(
      `Aliyun SMS failed (recipient ${maskedPhoneNumber}): The timeout of 7000 ms ran out before the request to dysmsapi.example:443 could be sent (obtaining credentials took it), so no SMS was sent: raise timeout, or check the credential source.`
    );
  });

  it.each([
    ['not-an-answer', /HTTP 502 with a body that is not a JSON Aliyun answer, so/],
    ['too-large', /HTTP 502 with a body longer than the 64 KiB the connector reads, so/],
    ['ok-without-id', /HTTP 502 with Code OK but no BizId, so/],
    ['ok-with-error-status', /HTTP 502 with Code OK but an error status, so/],
  ] as const)('says what came back for an invalid response: %s', (reason, description) => {
    expect(tableUnder('Invalid responses').map(([name = '']) => backticked(name)[0])).toContain(reason);
    const error = failures.invalidAnswerError(reason, 502, context);
    expect(error.code).toBe('invalid_response');
    expect(dataOf(error).errorDescription).toMatch(description);
  });

  it('names the masked recipient in message and data when there is one, and no recipient otherwise', () => {
    const withPhone = failures.aliyunAnswerError({ Code: 'isv.BUSINESS_LIMIT_CONTROL' }, 200, context);
    expect(withPhone.message).toMatch(/^Aliyun SMS failed with isv\.BUSINESS_LIMIT_CONTROL \(HTTP 200\) \(recipient 138\*\*\*\*8000\): /);
    expect(dataOf(withPhone).maskedPhoneNumber).toBe(maskedPhoneNumber);
    const anonymous: FailureContext = { product: context.product, sensitive: context.sensitive };
    const withoutPhone = failures.aliyunAnswerError({ Code: 'isv.BUSINESS_LIMIT_CONTROL' }, 200, anonymous);
    expect(withoutPhone.message).toMatch(/^Aliyun SMS failed with isv\.BUSINESS_LIMIT_CONTROL \(HTTP 200\): /);
    expect(Object.keys(dataOf(withoutPhone))).not.toContain('maskedPhoneNumber');
  });

  it('gives quota codes usage_limit_exceeded on the connector-kit we build against', () => {
    expect(failures.usageLimitExceededCode).toBe('usage_limit_exceeded');
    expect(failures.aliyunAnswerError({ Code: 'isv.DAY_LIMIT_CONTROL' }, 200, context).code).toBe('usage_limit_exceeded');
  });
});
