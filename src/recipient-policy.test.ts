import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { thrownBy } from '../test/support/rejection.js';

import { resolveRecipient, type Recipient } from './phone.js';
import { checkRecipientAllowed } from './recipient-policy.js';

const mainland = resolveRecipient('8613800138000');
const british = resolveRecipient('447400123456');
// A non-geographic calling code belongs to no country: the refusal names it by its code.
const nonGeographic: Recipient = { region: 'international', countryCode: '882', aliyunNumber: '882160000000', masked: '8821******00' };

const dataOf = (recipient: Recipient, policy: Parameters<typeof checkRecipientAllowed>[1]) => {
  const error = thrownBy(() => {
    checkRecipientAllowed(recipient, policy);
  });
  expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
  return error.data;
};

describe('checkRecipientAllowed with allowedCountries', () => {
  it('refuses a country outside the list, telling the admin what to add and the user only the country', () => {
    expect(dataOf(british, { service: 'dysms', allowedCountries: ['CN', 'HK'] })).toEqual({
      errorDescription: `Sending codes to GB is not enabled (recipient ${british.masked}): add "GB" to allowedCountries if such users should get codes.`,
      reason: 'country_not_allowed',
      fields: ['allowedCountries'],
      maskedPhoneNumber: british.masked,
      userSentence: 'country-not-allowed-named',
      userSentenceValues: { country: 'GB' },
    });
  });

  it('names a number of no country by its calling code', () => {
    expect(dataOf(nonGeographic, { service: 'dysms', allowedCountries: ['CN'] })).toMatchObject({
      errorDescription: `Sending codes to +882 is not enabled (recipient ${nonGeographic.masked}): add "+882" to allowedCountries if such users should get codes.`,
      userSentence: 'country-not-allowed-named',
      userSentenceValues: { country: '+882' },
    });
  });

  it('allows a country in the list, and every country without a list', () => {
    expect(() => {
      checkRecipientAllowed(british, { service: 'dysms', allowedCountries: ['CN', 'GB'] });
    }).not.toThrow();
    expect(() => {
      checkRecipientAllowed(nonGeographic, { service: 'dysms' });
    }).not.toThrow();
  });
});

describe('checkRecipientAllowed for the SMS authentication service', () => {
  it('refuses a number outside mainland China, pointing the admin to dysms', () => {
    expect(dataOf(british, { service: 'dypns' })).toEqual({
      errorDescription: `The SMS authentication service (service "dypns") sends only to mainland China numbers, and ${british.masked} is in GB: use service "dysms" with an international template to reach it.`,
      reason: 'not_mainland',
      fields: ['service'],
      maskedPhoneNumber: british.masked,
      userSentence: 'mainland-only',
    });
  });

  it('allows a mainland number, and dysms reaches any country', () => {
    expect(() => {
      checkRecipientAllowed(mainland, { service: 'dypns' });
    }).not.toThrow();
    expect(() => {
      checkRecipientAllowed(british, { service: 'dysms' });
    }).not.toThrow();
  });

  it('checks allowedCountries first', () => {
    expect(dataOf(british, { service: 'dypns', allowedCountries: ['CN'] })).toMatchObject({ reason: 'country_not_allowed' });
  });
});
