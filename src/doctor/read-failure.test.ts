import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { invalidAnswerError, transportError, type InvalidAnswerReason, type TransportFailure } from '../aliyun/rpc/failures.js';

import { invalidAnswerWords, readFailureAdvice, transportAdvice } from './read-failure.js';

const context = { product: 'dysms', sensitive: [] } as const;
const destination = { host: 'dysmsapi.aliyuncs.com', port: 443 };
const failures = Object.keys(transportAdvice).filter((key): key is TransportFailure => Object.hasOwn(transportAdvice, key));
const reasons = Object.keys(invalidAnswerWords).filter((key): key is InvalidAnswerReason => Object.hasOwn(invalidAnswerWords, key));

describe('the read-failure tables', () => {
  it.each(failures)('say of %s which read call failed and where, and never speak of an SMS', (failure) => {
    const advice = transportAdvice[failure]({ call: 'GetSmsSign read call', where: 'h:443', attempts: '1 attempt', timeoutMs: 2000 });
    expect(advice).toContain('GetSmsSign read call');
    expect(advice).toContain('h:443');
    expect(advice).toMatch(/: [a-z].*\.$/);
    expect(advice).not.toMatch(/SMS was|SMS may|user/i);
  });

  it.each(reasons)('describe the answer %s in words of its own', (reason) => {
    expect(invalidAnswerWords[reason]).toMatch(/^\S.*\S$/);
    expect(invalidAnswerWords[reason]).not.toMatch(/SMS/);
  });
});

describe('readFailureAdvice', () => {
  it('says a timeout of the read call in whole milliseconds', () => {
    const error = transportError('timeout', { destination, attempts: 1, timeoutMs: 1999.800053 }, context);
    expect(readFailureAdvice(error, 'GetSmsSign')).toBe(
      'The GetSmsSign read call to dysmsapi.aliyuncs.com:443 timed out after 2000 ms (1 attempt): check the network path from Logto to Aliyun, or raise timeout.'
    );
  });

  it('says a refused connection of the read call, counting the attempts', () => {
    const error = transportError('connection-refused', { destination, attempts: 3, timeoutMs: 5000 }, context);
    expect(readFailureAdvice(error, 'GetSmsTemplate')).toBe(
      'dysmsapi.aliyuncs.com:443 refused the connection for the GetSmsTemplate read call (3 attempts): check endpoint and any firewall or proxy between Logto and Aliyun.'
    );
  });

  it('says every transport failure of the send in words of the read call', () => {
    for (const failure of failures) {
      const error = transportError(failure, { destination, attempts: 1, timeoutMs: 2000 }, context);
      const advice = readFailureAdvice(error, 'GetSmsSign');
      expect(advice).toContain('GetSmsSign read call');
      expect(advice).not.toContain('SMS may');
      expect(advice).not.toContain('no SMS was sent');
    }
  });

  it('names a transport failure it has no words for, without an SMS', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, { failure: 'tls-after-write', host: 'h', port: 443, attempts: 1, timeoutMs: 9 });
    expect(readFailureAdvice(error, 'GetSmsSign')).toBe(
      'The GetSmsSign read call to h:443 failed before Aliyun answered (tls-after-write, 1 attempt): check endpoint and the network path from Logto to Aliyun.'
    );
  });

  it('says an endpoint answered HTTP 413 with an HTML page, naming its type', () => {
    const error = invalidAnswerError('not-an-answer', 413, context, { contentType: 'text/html', body: '<html>Too large</html>' });
    expect(readFailureAdvice(error, 'GetSmsSign')).toBe(
      'The endpoint answered the GetSmsSign read call with HTTP 413 and a body that is not a JSON Aliyun answer (text/html): check that endpoint points at Aliyun and that no proxy rewrites or redirects its answers.'
    );
  });

  it.each(reasons)('says an answer that is not Aliyun’s (%s) without an SMS', (reason) => {
    const advice = readFailureAdvice(invalidAnswerError(reason, 502, context), 'GetSmsTemplate');
    expect(advice).toBe(
      `The endpoint answered the GetSmsTemplate read call with HTTP 502 and ${invalidAnswerWords[reason]}: check that endpoint points at Aliyun and that no proxy rewrites or redirects its answers.`
    );
  });

  it('says a reason it has no words for plainly', () => {
    const error = new ConnectorError(ConnectorErrorCodes.InvalidResponse, { reason: 'new', httpStatus: 500 });
    expect(readFailureAdvice(error, 'GetSmsSign')).toContain('with HTTP 500 and something other than an Aliyun answer:');
  });

  it('says the Code Aliyun answered the read call with, instead of the send’s advice', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, {
      Code: 'ServiceUnavailable',
      httpStatus: 503,
      errorDescription: 'Aliyun’s service was temporarily unavailable, and the SMS may still have been sent.',
    });
    expect(readFailureAdvice(error, 'GetSmsTemplate')).toBe(
      'Aliyun answered the GetSmsTemplate read call with ServiceUnavailable (HTTP 503): run the doctor again, and look the Code up in Aliyun’s error center if it persists.'
    );
  });

  it('falls back on the description, then on the message, of an error of no known shape', () => {
    expect(readFailureAdvice(new ConnectorError(ConnectorErrorCodes.General, { errorDescription: 'Broke.' }), 'GetSmsSign')).toBe('Broke.');
    expect(readFailureAdvice(new ConnectorError(ConnectorErrorCodes.General), 'GetSmsSign')).toBe(`ConnectorError: ${ConnectorErrorCodes.General}`);
  });
});
