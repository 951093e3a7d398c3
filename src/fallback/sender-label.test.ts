import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { namedConfigKey } from '../config/labels.js';

import { inFallbackTerms, withSenderLabel } from './sender-label.js';

const refusal = () =>
  new ConnectorError(ConnectorErrorCodes.InvalidConfig, {
    errorDescription: 'Aliyun refused the sign name.',
    fields: ['signName'],
    Code: 'isv.SMS_SIGNATURE_ILLEGAL',
  });

const dataOf = (error: ConnectorError): Record<string, unknown> =>
  typeof error.data === 'object' && error.data !== null ? { ...error.data } : {};

describe('withSenderLabel', () => {
  it('starts the description and the message with the sender, and says which in data.sender', () => {
    const labelled = withSenderLabel(refusal(), 'fallback');
    expect(dataOf(labelled)).toMatchObject({ errorDescription: 'Fallback sender: Aliyun refused the sign name.', sender: 'fallback', Code: 'isv.SMS_SIGNATURE_ILLEGAL' });
    expect(labelled.message).toMatch(/^Fallback sender: /);
    expect(labelled.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(dataOf(withSenderLabel(refusal(), 'main')).errorDescription).toBe('Main sender: Aliyun refused the sign name.');
  });
});

describe('inFallbackTerms', () => {
  it('names the fallback’s keys under "fallback.", keeping the rest', () => {
    const error = inFallbackTerms(refusal());
    expect(dataOf(error)).toEqual({ errorDescription: 'Aliyun refused the sign name.', fields: ['fallback.signName'], Code: 'isv.SMS_SIGNATURE_ILLEGAL' });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
  });

  it('leaves an error without fields as it is', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, { errorDescription: 'x' });
    expect(inFallbackTerms(error)).toBe(error);
  });
});

describe('namedConfigKey', () => {
  it('names a main key with its label, a fallback key under "fallback.", and a nested path by its key', () => {
    expect(namedConfigKey('signName')).toBe('signName ("Sign name")');
    expect(namedConfigKey('fallback.signName')).toBe('fallback.signName ("Sign name")');
    expect(namedConfigKey('templates.0.templateCode')).toBe('templates ("Templates")');
    expect(namedConfigKey('fallback')).toBe('fallback ("Fallback sender")');
  });
});
