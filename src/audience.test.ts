import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { aliyunAnswerError, connectorError, transportError } from './aliyun/rpc/failures.js';
import { adminAdvice, appendAdvice, asConnectorError, forAdmin, forAudience, forEndUser } from './audience.js';

const context = { product: 'dysms' as const, sensitive: ['s3cr3t-value', '482913'], maskedPhoneNumber: '138******00' };
const requestId = 'F655A8D5-B967-440B-8683-DAD6FF8DE990';
const otherRequestId = '8906582e-6722-409a-a6c4-0e7863b733a5';

const signatureError = () =>
  aliyunAnswerError(
    {
      Code: 'SignatureDoesNotMatch',
      Message: 'Specified signature is not matched. server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tKeyOfTheConfig%26SignName%3D%E9%98%BF',
      RequestId: requestId,
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

/** A ConnectorError with data of any shape and its own message, as some failures build it. */
const withMessage = (code: ConnectorErrorCodes, data: unknown, message: string): ConnectorError => {
  const error = new ConnectorError(code, data);
  error.message = message;
  return error;
};

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
    expect(data).toMatchObject({ Code: 'SignatureDoesNotMatch', RequestId: requestId });
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

describe('forEndUser in the user’s language', () => {
  it('says the sentence in the first of the user’s languages that has it', () => {
    expect(dataOf(forEndUser(refusedConnection(), ['zh-CN'])).errorDescription).toBe('无法连接短信服务。请稍后再试。');
    expect(dataOf(forEndUser(refusedConnection(), ['ru', 'fr-CA', 'zh-CN'])).errorDescription).toBe(
      'Le service SMS est injoignable. Veuillez réessayer dans un instant.'
    );
    expect(dataOf(forEndUser(refusedConnection(), ['zh-HK'])).errorDescription).toBe('無法連線至簡訊服務。請稍後再試。');
    expect(dataOf(forEndUser(refusedConnection(), ['ru'])).errorDescription).toBe('The SMS service could not be reached. Please try again in a moment.');
  });

  it('says sentences chosen by reason and by code in the user’s language too', () => {
    const refused = new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, { reason: 'missing_country_code' });
    expect(dataOf(forEndUser(refused, ['de'])).errorDescription).toBe('Bitte geben Sie die Telefonnummer mit Ländervorwahl ein.');
    expect(dataOf(forEndUser(new ConnectorError(ConnectorErrorCodes.RateLimitExceeded, {}), ['ja'])).errorDescription).toBe(
      '認証コードのリクエストが多すぎます。数分待ってから、もう一度リクエストしてください。'
    );
  });

  it('fills a chosen sentence’s values in the user’s language', () => {
    const error = new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
      userSentence: 'country-not-allowed-named',
      userSentenceValues: { country: 'GB' },
    });
    expect(dataOf(forEndUser(error, ['pt-BR'])).errorDescription).toBe(
      'Não é possível enviar códigos de verificação para números de telefone deste país (GB).'
    );
  });

  it('is passed the languages by forAudience', () => {
    expect(dataOf(forAudience(refusedConnection(), 'end-user', { languages: ['ko'] })).errorDescription).toBe(
      'SMS 서비스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.'
    );
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
    expect(advice).toContain(`Aliyun Code: SignatureDoesNotMatch, RequestId: ${requestId}.`);
  });

  it('appends findings after the advice', () => {
    const advice = adminAdvice(refusedConnection(), ['Doctor: the endpoint answers.']);
    expect(advice.endsWith('Doctor: the endpoint answers.')).toBe(true);
    expect(advice).toContain('endpoint ("Endpoint")');
  });

  it('keeps the administrator’s details and drops the end user’s sentence', () => {
    const data = dataOf(forAdmin(refusedConnection()));
    expect(data).toMatchObject({ host: 'sms-proxy.internal.example', port: 8443, attempts: 3, timeoutMs: 7000 });
    expect(data).not.toHaveProperty('userSentence');
    expect(data).not.toHaveProperty('userSentenceValues');
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

describe('the end user’s sentence', () => {
  it.each([
    ['a sentence the failure chose', ConnectorErrorCodes.InvalidConfig, { userSentence: 'service-busy', reason: 'not_mainland' }, 'The SMS service is busy. Please try again in a moment.'],
    ['a chosen sentence with its values', ConnectorErrorCodes.InvalidRequestParameters, { userSentence: 'country-not-allowed-named', userSentenceValues: { country: 'GB' }, reason: 'country_not_allowed' }, 'Verification codes cannot be sent to phone numbers of this country (GB).'],
    ['a chosen sentence missing its values', ConnectorErrorCodes.InvalidRequestParameters, { userSentence: 'country-not-allowed-named', userSentenceValues: { country: 7 }, reason: 'country_not_allowed' }, 'Verification codes cannot be sent to phone numbers of this country.'],
    ['a chosen sentence whose values are not an object', ConnectorErrorCodes.InvalidRequestParameters, { userSentence: 'country-not-allowed-named', userSentenceValues: 'GB' }, 'This phone number cannot receive a verification code by SMS. Please check the number.'],
    ['English text where a sentence id belongs', ConnectorErrorCodes.InvalidConfig, { userSentence: 'Try later.' }, 'Verification codes cannot be sent by SMS right now because of a problem on this site. Please try again later.'],
    ['a country not allowed', ConnectorErrorCodes.InvalidRequestParameters, { reason: 'country_not_allowed' }, 'Verification codes cannot be sent to phone numbers of this country.'],
    ['a number outside mainland for dypns', ConnectorErrorCodes.InvalidRequestParameters, { reason: 'not_mainland' }, 'Verification codes can only be sent to mainland China mobile numbers.'],
    ['a reason named like an object’s own property', ConnectorErrorCodes.InvalidRequestParameters, { reason: 'constructor' }, 'This phone number is not valid. Please check it and try again.'],
    ['another refusal of the number', ConnectorErrorCodes.InvalidRequestParameters, { reason: 'too_short' }, 'This phone number is not valid. Please check it and try again.'],
    ['a number Aliyun refused', ConnectorErrorCodes.InvalidRequestParameters, { Code: 'isv.MOBILE_NUMBER_ILLEGAL' }, 'This phone number cannot receive a verification code by SMS. Please check the number.'],
    ['a config problem with a reason', ConnectorErrorCodes.InvalidConfig, { reason: 'too_short' }, 'Verification codes cannot be sent by SMS right now because of a problem on this site. Please try again later.'],
    ['a reason that is not text', ConnectorErrorCodes.InvalidRequestParameters, { reason: 7, userSentence: 7 }, 'This phone number cannot receive a verification code by SMS. Please check the number.'],
    ['a code without its own sentence', ConnectorErrorCodes.General, { Code: 'ServiceUnavailable' }, 'The verification code could not be sent by SMS. Please try again later.'],
    ['null data', ConnectorErrorCodes.General, null, 'The verification code could not be sent by SMS. Please try again later.'],
    ['data that is a number', ConnectorErrorCodes.RateLimitExceeded, 429, 'Too many verification codes were requested. Please wait a few minutes before requesting another one.'],
  ])('for %s', (_name, code, data, sentence) => {
    expect(dataOf(forEndUser(new ConnectorError(code, data))).errorDescription).toBe(sentence);
  });

  it('hands over only text values of the allowed keys', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, { Code: 500, RequestId: otherRequestId, failure: ['timeout'], reason: 'timeout', host: 'x' });
    expect(dataOf(forEndUser(error))).toEqual({
      errorDescription: 'The verification code could not be sent by SMS. Please try again later.',
      RequestId: otherRequestId,
      reason: 'timeout',
    });
  });

  // What an endpoint or proxy that echoes the request puts in the two fields an end user sees.
  const echoes: ReadonlyArray<readonly [string, Record<string, string>]> = [
    ['a Code holding the form', { Code: 'AccessKeyId=LTAI5tKeyOfTheConfig&SignName=%E9%98%BF', RequestId: requestId }],
    ['a Code with a space', { Code: 'SignName Logto', RequestId: requestId }],
    ['a Code of 65 characters', { Code: `isv.${'A'.repeat(61)}`, RequestId: requestId }],
    ['an empty Code', { Code: '', RequestId: requestId }],
    ['a RequestId that is the AccessKey ID', { Code: 'isv.X', RequestId: 'LTAI5tKeyOfTheConfig' }],
    ['a RequestId holding the form', { Code: 'isv.X', RequestId: 'AccessKeyId=LTAI5tKeyOfTheConfig&RegionId=cn-hangzhou' }],
    ['a RequestId that is a hex hash', { Code: 'isv.X', RequestId: 'a'.repeat(64) }],
    ['a UUID with more after it', { Code: 'isv.X', RequestId: `${requestId}-SMS_154950909` }],
    ['a UUID after a line break', { Code: 'isv.X', RequestId: `SMS_154950909\n${requestId}` }],
  ];

  it.each(echoes)('gives neither Code nor RequestId for %s', (_name, ids) => {
    const data = dataOf(forEndUser(new ConnectorError(ConnectorErrorCodes.General, { errorDescription: 'Refused.', ...ids })));
    expect(data).toEqual({ errorDescription: 'The verification code could not be sent by SMS. Please try again later.' });
  });

  it.each(echoes)('still gives the administrator both for %s', (_name, ids) => {
    expect(dataOf(forAdmin(new ConnectorError(ConnectorErrorCodes.General, { errorDescription: 'Refused.', ...ids })))).toMatchObject(ids);
  });

  it.each([
    ['a Code alone', { Code: 'isv.BUSINESS_LIMIT_CONTROL' }],
    ['a RequestId alone', { RequestId: requestId }],
    ['a Code of 64 characters and a lower-case RequestId', { Code: `isv.${'A'.repeat(60)}`, RequestId: otherRequestId }],
    ['a Code with every allowed character', { Code: 'Throttling.User_a-9', RequestId: requestId }],
  ])('gives %s in Aliyun’s shape', (_name, ids) => {
    expect(dataOf(forEndUser(new ConnectorError(ConnectorErrorCodes.General, ids)))).toEqual({
      errorDescription: 'The verification code could not be sent by SMS. Please try again later.',
      ...ids,
    });
  });

  it('keeps a message the failure wrote itself', () => {
    const error = connectorError(ConnectorErrorCodes.General, { errorDescription: 'Said to the admin.' }, 'Aliyun SMS connector: the own message.');
    expect(forEndUser(error).message).toBe('Aliyun SMS connector: the own message.');
  });

  it('keeps connector-kit’s own message when there is no description to put in its place', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, { Code: 'isv.X' });
    expect(forEndUser(error).message).toBe(error.message);
    expect(forEndUser(error).message).not.toContain('undefined');
  });
});

describe('adminAdvice', () => {
  const advised = (data: unknown, findings?: readonly string[]) => {
    const error = new ConnectorError(ConnectorErrorCodes.InvalidConfig, data);
    return findings === undefined ? adminAdvice(error) : adminAdvice(error, findings);
  };

  it('says the description, each config key once by its top-level name and label, then Aliyun’s ids, then findings', () => {
    expect(
      advised(
        { errorDescription: 'Aliyun refused the template.', fields: ['templates.0.templateCode', 'templates.1.templateCode', 'signName'], Code: 'isv.SMS_TEMPLATE_ILLEGAL', RequestId: 'REQ-3' },
        ['Doctor, sign name (problem): Rejected.']
      )
    ).toBe(
      'Aliyun refused the template. Config to check: templates ("Templates"), signName ("Sign name"). Aliyun Code: isv.SMS_TEMPLATE_ILLEGAL, RequestId: REQ-3. Doctor, sign name (problem): Rejected.'
    );
  });

  it.each([
    ['only the description', { errorDescription: 'Refused.' }, 'Refused.'],
    ['fields that are not a list', { errorDescription: 'Refused.', fields: 'signName' }, 'Refused.'],
    ['only text fields', { errorDescription: 'Refused.', fields: [3, 'signName', null] }, 'Refused. Config to check: signName ("Sign name").'],
    ['an empty list of fields', { errorDescription: 'Refused.', fields: [] }, 'Refused.'],
    ['only a Code', { errorDescription: 'Refused.', Code: 'isv.X' }, 'Refused. Aliyun Code: isv.X.'],
    ['only a RequestId', { errorDescription: 'Refused.', RequestId: 'REQ-4' }, 'Refused. RequestId: REQ-4.'],
  ])('with %s', (_name, data, expected) => {
    expect(advised(data)).toBe(expected);
  });

  it('falls back to the message when there is no description', () => {
    const error = withMessage(ConnectorErrorCodes.General, { Code: 'isv.X' }, 'Aliyun SMS connector: something broke.');
    expect(adminAdvice(error)).toBe('Aliyun SMS connector: something broke. Aliyun Code: isv.X.');
  });
});

describe('forAdmin and forAudience for the administrator', () => {
  it('carry exactly the advice when there are no findings', () => {
    const error = new ConnectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription: 'Refused.', Code: 'isv.X' });
    expect(dataOf(forAdmin(error)).errorDescription).toBe('Refused. Aliyun Code: isv.X.');
    expect(dataOf(forAudience(error, 'admin')).errorDescription).toBe('Refused. Aliyun Code: isv.X.');
    expect(dataOf(forAudience(error, 'admin', { findings: ['Doctor, x (problem): y.'] })).errorDescription).toBe('Refused. Aliyun Code: isv.X. Doctor, x (problem): y.');
  });

  it('keep the advice in English whatever languages are passed', () => {
    const error = new ConnectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription: 'Refused.', userSentence: 'site-problem' });
    expect(dataOf(forAudience(error, 'admin', { languages: ['zh-CN'] })).errorDescription).toBe('Refused.');
  });

  it('keep nothing of data that is not an object', () => {
    const error = withMessage(ConnectorErrorCodes.InvalidResponse, null, 'Aliyun SMS connector: odd answer.');
    expect(dataOf(forAdmin(error))).toEqual({ errorDescription: 'Aliyun SMS connector: odd answer.', connectorCode: ConnectorErrorCodes.InvalidResponse });
  });
});

describe('asConnectorError of something unexpected', () => {
  it('says what failed and whom to tell, and gives the end user the plain sentence', () => {
    const error = asConnectorError(new RangeError('Invalid time value'));
    expect(error.message).toBe('Aliyun SMS connector failed unexpectedly: RangeError');
    expect(dataOf(error)).toEqual({
      errorDescription: 'The connector failed unexpectedly (RangeError). Report it to the connector’s maintainers with the time of the send.',
      userSentence: 'not-sent',
    });
    expect(dataOf(forEndUser(error, ['es'])).errorDescription).toBe(
      'No se pudo enviar el código de verificación por SMS. Vuelve a intentarlo más tarde.'
    );
  });
});

describe('appendAdvice', () => {
  it('adds the sentence to the description and the message, keeping code and data', () => {
    const error = connectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription: 'Refused.', Code: 'isv.X' }, 'Aliyun SMS connector: Refused.');
    const appended = appendAdvice(error, 'Set service to "dypns".');
    expect(appended.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(dataOf(appended)).toEqual({ errorDescription: 'Refused. Set service to "dypns".', Code: 'isv.X' });
    expect(appended.message).toBe('Aliyun SMS connector: Refused. Set service to "dypns".');
  });

  it('makes the sentence the whole description when there was none', () => {
    const error = withMessage(ConnectorErrorCodes.InvalidConfig, { Code: 'isv.X' }, 'Aliyun SMS connector: refused.');
    expect(dataOf(appendAdvice(error, 'Check it.'))).toEqual({ errorDescription: 'Check it.', Code: 'isv.X' });
  });

  it('keeps nothing of data that is not an object', () => {
    const error = withMessage(ConnectorErrorCodes.InvalidConfig, null, 'Aliyun SMS connector: odd.');
    expect(dataOf(appendAdvice(error, 'Check it.'))).toEqual({ errorDescription: 'Check it.' });
  });
});
