import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { classifyCode, knownCodes, type AliyunProduct } from '../aliyun/classify.js';
import { aliyunAnswerError, invalidAnswerError, transportError, type FailureContext, type TransportFailure } from '../aliyun/rpc/failures.js';
import { createCredentialChain } from '../aliyun/rpc/credentials/credentials.js';
import { resolveRecipient } from '../phone.js';
import { intlSendCall } from '../aliyun/intl/send.js';
import { parseConfig } from '../config/parse.js';
import { checkRecipientAllowed } from '../recipient-policy.js';

import { fallbackReasonOf } from './eligibility.js';

const contextOf = (product: AliyunProduct): FailureContext => ({ product, sensitive: [] });
const answerError = (product: AliyunProduct, code: string) =>
  aliyunAnswerError({ Code: code, Message: 'refused', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' }, 200, contextOf(product));
const transport = (failure: TransportFailure) =>
  transportError(failure, { destination: { host: 'dysmsapi.aliyuncs.com', port: 443 }, attempts: 1, timeoutMs: 5000 }, contextOf('dysms'));

const rejectionOf = async (promise: Promise<unknown>): Promise<ConnectorError> => {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof ConnectorError) {
      return error;
    }
  }
  throw new Error('expected a ConnectorError');
};

describe('fallbackReasonOf', () => {
  it.each([
    ['dysms', 'isv.AMOUNT_NOT_ENOUGH', 'account'],
    ['dysms', 'isv.OUT_OF_SERVICE', 'account'],
    ['dysms', 'isv.DAY_LIMIT_CONTROL', 'account'],
    ['dysms', 'isv.SMS_SIGNATURE_ILLEGAL', 'sender'],
    ['dysms', 'InvalidAccessKeyId.NotFound', 'sender'],
    ['dysms', 'SignatureDoesNotMatch', 'sender'],
  ] as const)('hands %s %s to the fallback as %s', (product, code, reason) => {
    expect(fallbackReasonOf(answerError(product, code), product)).toBe(reason);
  });

  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', 'the per-number limit protects the user'],
    ['isv.MOBILE_NUMBER_ILLEGAL', 'Aliyun judged the number invalid'],
    ['isp.SYSTEM_ERROR', 'the SMS may be on its way'],
    ['Throttling.User', 'the account rate was already retried'],
    ['isv.SOMETHING_NEW', 'an unknown code may have sent'],
  ])('keeps %s from the fallback: %s', (code) => {
    expect(fallbackReasonOf(answerError('dysms', code), 'dysms')).toBeUndefined();
  });

  it('follows the code table: exactly the account, sender and deployment kinds fall back', () => {
    for (const product of ['dysms', 'dypns'] as const) {
      for (const code of knownCodes(product)) {
        const { kind } = classifyCode(product, code);
        const expected = kind === 'quota' || kind === 'config' || kind === 'deployment';
        expect([product, code, fallbackReasonOf(answerError(product, code), product) !== undefined]).toEqual([
          product,
          code,
          expected,
        ]);
      }
    }
  });

  it.each(['connection-refused', 'dns', 'connect-timeout', 'connect-failed', 'tls'] as const)(
    'hands an endpoint that could not be reached (%s) to the fallback',
    (failure) => {
      expect(fallbackReasonOf(transport(failure), 'dysms')).toBe('unreachable');
    }
  );

  it.each(['timeout', 'reset', 'network', 'no-time-left'] as const)('never hands %s to the fallback', (failure) => {
    expect(fallbackReasonOf(transport(failure), 'dysms')).toBeUndefined();
  });

  it('never hands a TLS failure after the request was written to the fallback', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, {
      errorDescription: 'broken stream',
      failure: 'tls',
      smsMayHaveBeenSent: true,
    });
    expect(fallbackReasonOf(error, 'dysms')).toBeUndefined();
  });

  it('never hands an answer that is no verdict to the fallback', () => {
    const error = invalidAnswerError('ok-without-id', 200, contextOf('dysms'));
    expect(fallbackReasonOf(error, 'dysms')).toBeUndefined();
  });

  it('hands a number the SMS authentication service cannot reach to the fallback', () => {
    const recipient = resolveRecipient('14155550123');
    let error: unknown;
    try {
      checkRecipientAllowed(recipient, { service: 'dypns' });
    } catch (thrown: unknown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error instanceof ConnectorError && fallbackReasonOf(error, 'dypns')).toBe('service-reach');
  });

  it('hands a mainland number the international site has no template for to the fallback', () => {
    const config = parseConfig({
      service: 'intl',
      accessKeyId: 'LTAI5tIntlKey',
      accessKeySecret: 'intl-secret',
      templates: [{ usageType: 'Generic', message: 'Your code is {{code}}' }],
    });
    const [entry] = config.templates;
    let error: unknown;
    try {
      if (entry !== undefined) {
        intlSendCall({ config, recipient: resolveRecipient('8613800138000'), entry, code: '123456' });
      }
    } catch (thrown: unknown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error instanceof ConnectorError && fallbackReasonOf(error, 'intl')).toBe('service-reach');
  });

  it('keeps a country the config does not allow from the fallback', () => {
    const recipient = resolveRecipient('14155550123');
    let error: unknown;
    try {
      checkRecipientAllowed(recipient, { service: 'dysms', allowedCountries: ['CN'] });
    } catch (thrown: unknown) {
      error = thrown;
    }
    expect(error instanceof ConnectorError && fallbackReasonOf(error, 'dysms')).toBeUndefined();
  });

  it('hands an environment without credentials to the fallback', async () => {
    const chain = createCredentialChain({
      createProvider: () => ({
        getCredentials: async () => Promise.reject(new Error('no credentials here')),
      }),
    });
    const error = await rejectionOf(chain.resolve({ timeoutMs: 1000 }));
    expect(fallbackReasonOf(error, 'dysms')).toBe('credentials');
  });

  it('keeps an environment-credentials failure that names a failure kind, and does not deny sending, from the fallback', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, {
      errorDescription: 'credentials arrived too late',
      credentialSource: 'environment',
      failure: 'timeout',
    });
    expect(fallbackReasonOf(error, 'dysms')).toBeUndefined();
  });

  it('keeps a config error of the connector itself from the fallback', () => {
    const error = new ConnectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription: 'bad' });
    expect(fallbackReasonOf(error, 'dysms')).toBeUndefined();
  });
});
