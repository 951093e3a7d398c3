import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { aliyunAnswerError, transportError } from './aliyun/failures.js';
import { adminAdvice, asConnectorError, forAdmin, forAudience, forEndUser } from './audience.js';

const context = { product: 'dysms' as const, sensitive: ['s3cr3t-value', '482913'], maskedPhoneNumber: '138******00' };

const signatureError = () =>
  aliyunAnswerError(
    {
      Code: 'SignatureDoesNotMatch',
      Message: 'Specified signature is not matched. server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tKeyOfTheConfig%26SignName%3D%E9%98%BF',
      RequestId: 'REQ-1',
    },
    400,
    context
  );

const refusedConnection = () =>
  transportError(
    'connection-refused',
    { destination: { host: 'sms-proxy.internal.example', port: 8443 }, attempts: 3, timeoutMs: 7000 },
    context
  );

const dataOf = (error: ConnectorError): Record<string, unknown> =>
  typeof error.data === 'object' && error.data !== null ? { ...error.data } : {};

describe('forEndUser', () => {
  it('keeps the code, so Logto answers with the same HTTP status', () => {
    expect(forEndUser(signatureError()).code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(forEndUser(refusedConnection()).code).toBe(ConnectorErrorCodes.General);
  });

  it('hands over only the sentence, Aliyun’s Code and RequestId', () => {
    const data = dataOf(forEndUser(signatureError()));
    expect(Object.keys(data).sort()).toEqual(['Code', 'RequestId', 'errorDescription']);
    expect(data).toMatchObject({ Code: 'SignatureDoesNotMatch', RequestId: 'REQ-1' });
    expect(data.errorDescription).toMatch(/problem on this site/);
  });

  it('drops Aliyun’s Message and string-to-sign, which quote the AccessKey ID and sign name', () => {
    const serialised = JSON.stringify(forEndUser(signatureError()).data);
    expect(serialised).not.toContain('LTAI5tKeyOfTheConfig');
    expect(serialised).not.toContain('%E9%98%BF');
    expect(serialised).not.toContain('accessKeySecret');
  });

  it('names the transport failure kind but not the host, port, timeout or attempts', () => {
    const error = forEndUser(refusedConnection());
    expect(Object.keys(dataOf(error)).sort()).toEqual(['errorDescription', 'failure']);
    expect(dataOf(error).failure).toBe('connection-refused');
    expect(dataOf(error).errorDescription).toMatch(/could not be reached/);
    // The administrator's detail is the message, which only Logto's logs and audit log show.
    expect(error.message).toContain('sms-proxy.internal.example:8443 refused the connection');
  });

  it('tells the end user to wait for a maybe-sent code rather than retry at once', () => {
    const error = transportError(
      'timeout',
      { destination: { host: 'dysmsapi.aliyuncs.com', port: 443 }, attempts: 1, timeoutMs: 5000 },
      context
    );
    expect(dataOf(forEndUser(error)).errorDescription).toMatch(/within a minute/);
  });

  it('gives a plain ConnectorError a readable message and a sentence by code', () => {
    const error = forEndUser(
      new ConnectorError(ConnectorErrorCodes.TemplateNotFound, {
        errorDescription: 'No template for usage type "SignIn": add one to templates.',
      })
    );
    expect(error.message).toBe('Aliyun SMS connector: No template for usage type "SignIn": add one to templates.');
    expect(dataOf(error).errorDescription).not.toContain('templates');
  });

  it('speaks to the end user of their number when it was refused, by reason', () => {
    const error = forEndUser(
      new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
        errorDescription: 'The phone number is a mainland China number without its country code, which strict phone region checking requires.',
        reason: 'missing_country_code',
        maskedPhoneNumber: '138******00',
      })
    );
    expect(dataOf(error)).toEqual({
      errorDescription: 'Please enter the phone number with its country code.',
      reason: 'missing_country_code',
    });
  });
});

describe('forAdmin', () => {
  it('makes every failure general, so Logto’s toast shows the advice, and keeps the precise code in data', () => {
    const error = forAdmin(signatureError());
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataOf(error)).toMatchObject({ connectorCode: ConnectorErrorCodes.InvalidConfig, Code: 'SignatureDoesNotMatch' });
  });

  it('names the config key with its form label, Aliyun’s Code and RequestId', () => {
    const advice = String(dataOf(forAdmin(signatureError())).errorDescription);
    expect(advice).toContain('accessKeySecret ("AccessKey secret")');
    expect(advice).toContain('Aliyun Code: SignatureDoesNotMatch, RequestId: REQ-1.');
  });

  it('appends findings after the advice', () => {
    const advice = adminAdvice(refusedConnection(), ['Doctor: the endpoint answers.']);
    expect(advice.endsWith('Doctor: the endpoint answers.')).toBe(true);
    expect(advice).toContain('endpoint ("Endpoint")');
  });

  it('keeps the administrator’s details and drops the end user’s sentence', () => {
    const data = dataOf(forAdmin(refusedConnection()));
    expect(data).toMatchObject({ host: 'sms-proxy.internal.example', port: 8443, attempts: 3, timeoutMs: 7000 });
    expect(data).not.toHaveProperty('userMessage');
  });

  it('never carries the values redaction hides', () => {
    const serialised = JSON.stringify(forAdmin(signatureError()));
    expect(serialised).not.toContain('s3cr3t-value');
    expect(serialised).not.toContain('482913');
  });
});

describe('forAudience', () => {
  it('chooses the shape by reader', () => {
    expect(forAudience(signatureError(), 'admin').code).toBe(ConnectorErrorCodes.General);
    expect(forAudience(signatureError(), 'end-user').code).toBe(ConnectorErrorCodes.InvalidConfig);
  });
});

describe('asConnectorError', () => {
  it('passes a ConnectorError through unchanged', () => {
    const error = signatureError();
    expect(asConnectorError(error)).toBe(error);
  });

  it.each([
    ['a TypeError', new TypeError('Cannot read properties of null (reading "code") 13800138000')],
    ['a string', '13800138000'],
    ['undefined', undefined],
  ])('wraps %s as general, keeping only its class', (_name, thrown) => {
    const error = asConnectorError(thrown);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(`${error.message} ${JSON.stringify(error.data)}`).not.toContain('13800138000');
  });
});
