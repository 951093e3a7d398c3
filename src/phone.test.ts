import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import fc from 'fast-check';
import { type CountryCode } from 'libphonenumber-js/mobile';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { thrownBy } from '../test/support/rejection.js';

import {
  maskPhoneNumber,
  resolveRecipient,
  type PhoneNumberProblem,
  type Recipient,
  type Region,
} from './phone.js';

type Accepted = {
  region: Region;
  countryCode: string;
  country: CountryCode;
  aliyunNumber: string;
};

type Refused = {
  problem: PhoneNumberProblem;
  // The description must name the problem, so each refusal states which words it expects.
  description: RegExp;
};

type Expectation = Accepted | Refused;

type Row = {
  input: string;
  nonStrict: Expectation;
  strict: Expectation;
};

const mainland = (aliyunNumber: string): Accepted => ({
  region: 'mainland',
  countryCode: '86',
  country: 'CN',
  aliyunNumber,
});

const international = (countryCode: string, country: CountryCode, aliyunNumber: string): Accepted => ({
  region: 'international',
  countryCode,
  country,
  aliyunNumber,
});

const refused = (problem: PhoneNumberProblem, description: RegExp): Refused => ({
  problem,
  description,
});

const sameInBothModes = (input: string, expectation: Expectation): Row => ({
  input,
  nonStrict: expectation,
  strict: expectation,
});

const noCountryCodeInStrictMode = refused('missing_country_code', /without its country code/);

const rows: Row[] = [
  // Mainland China in every prefix form Logto, Aliyun or a person might use.
  { input: '13800138000', nonStrict: mainland('13800138000'), strict: noCountryCodeInStrictMode },
  { input: '138-0013-8000', nonStrict: mainland('13800138000'), strict: noCountryCodeInStrictMode },
  { input: '153 0000 0001', nonStrict: mainland('15300000001'), strict: noCountryCodeInStrictMode },
  sameInBothModes('8613800138000', mainland('13800138000')),
  sameInBothModes('+8613800138000', mainland('13800138000')),
  sameInBothModes('008613800138000', mainland('13800138000')),
  sameInBothModes('0086 138 0013 8000', mainland('13800138000')),
  sameInBothModes('86 138 0013 8000', mainland('13800138000')),
  sameInBothModes('+86 138 0013 8000', mainland('13800138000')),
  sameInBothModes('+86-138-0013-8000', mainland('13800138000')),
  sameInBothModes('(+86) 138.0013.8000', mainland('13800138000')),
  sameInBothModes('86 (138) 0013-8000', mainland('13800138000')),
  sameInBothModes('+86 0 138 0013 8000', mainland('13800138000')),
  sameInBothModes('  +8613800138000\t', mainland('13800138000')),
  sameInBothModes('8615300000001', mainland('15300000001')),
  sameInBothModes('8617012345678', mainland('17012345678')),
  sameInBothModes('8618612345678', mainland('18612345678')),
  sameInBothModes('8619912345678', mainland('19912345678')),

  // Hong Kong, Macau and Taiwan are international for Aliyun.
  sameInBothModes('85261234567', international('852', 'HK', '85261234567')),
  sameInBothModes('+852 9123 4567', international('852', 'HK', '85291234567')),
  sameInBothModes('85366123456', international('853', 'MO', '85366123456')),
  sameInBothModes('+853 6612 3456', international('853', 'MO', '85366123456')),
  sameInBothModes('886912345678', international('886', 'TW', '886912345678')),
  sameInBothModes('+886 0912 345 678', international('886', 'TW', '886912345678')),

  // North America: Logto stores these as 1 + 10 digits, which the official connector took for
  // mainland. None of the bare ones is a mainland mobile, so they keep their country code.
  sameInBothModes('14155550123', international('1', 'US', '14155550123')),
  sameInBothModes('+1 (415) 555-0123', international('1', 'US', '14155550123')),
  sameInBothModes('12015550123', international('1', 'US', '12015550123')),
  sameInBothModes('16135550123', international('1', 'CA', '16135550123')),
  sameInBothModes('001 506 234 5678', international('1', 'CA', '15062345678')),

  // 11 digits starting with 1, valid both as a mainland mobile and as +1 (resolve.test.ts checks
  // that they are): written bare, mainland in default mode and +1 in strict mode.
  { input: '13105551234', nonStrict: mainland('13105551234'), strict: international('1', 'US', '13105551234') },
  { input: '13017726326', nonStrict: mainland('13017726326'), strict: international('1', 'US', '13017726326') },
  // "+" or "00" states the country code, whatever the mode.
  sameInBothModes('+13105551234', international('1', 'US', '13105551234')),
  sameInBothModes('0013105551234', international('1', 'US', '13105551234')),
  // With 86, the same digits are mainland in both modes.
  sameInBothModes('8613105551234', mainland('13105551234')),
  // (14155550123 above is valid only as +1: it keeps its country code in both modes.)
  // A mainland mobile whose +1 reading is toll-free, not a mobile.
  { input: '18005550123', nonStrict: mainland('18005550123'), strict: noCountryCodeInStrictMode },

  // Elsewhere.
  sameInBothModes('447400123456', international('44', 'GB', '447400123456')),
  sameInBothModes('+44 (0) 7400 123456', international('44', 'GB', '447400123456')),
  sameInBothModes('6581234567', international('65', 'SG', '6581234567')),
  sameInBothModes('+65 8123 4567', international('65', 'SG', '6581234567')),
  sameInBothModes('819012345678', international('81', 'JP', '819012345678')),
  sameInBothModes('+81 90-1234-5678', international('81', 'JP', '819012345678')),
  sameInBothModes('61412345678', international('61', 'AU', '61412345678')),
  sameInBothModes('+61 412 345 678', international('61', 'AU', '61412345678')),
  sameInBothModes('918123456789', international('91', 'IN', '918123456789')),
  sameInBothModes('+91 98765 43210', international('91', 'IN', '919876543210')),
  sameInBothModes('4915123456789', international('49', 'DE', '4915123456789')),
  sameInBothModes('+49 151 23456789', international('49', 'DE', '4915123456789')),

  // Refusals.
  sameInBothModes('', refused('empty', /empty/)),
  sameInBothModes('   ', refused('empty', /empty/)),
  sameInBothModes('138OO138000', refused('letters', /letters/)),
  sameInBothModes('+86 138 0013 8000 ext 12', refused('letters', /letters/)),
  sameInBothModes('13800138000,13900139000', refused('several_numbers', /contains ",".*several numbers/)),
  sameInBothModes('13800138000;13900139000', refused('several_numbers', /contains ";".*several numbers/)),
  sameInBothModes('13800138000&13900139000', refused('several_numbers', /contains "&".*several numbers/)),
  sameInBothModes('13800138000，13900139000', refused('several_numbers', /several numbers/)),
  sameInBothModes('+8613800138000 +8613900139000', refused('several_numbers', /more than one "\+"/)),
  sameInBothModes('13800138000 13900139000', refused('too_long', /more than 15 digits/)),
  sameInBothModes('8613800138000123456', refused('too_long', /more than 15 digits/)),
  sameInBothModes('13800138000#', refused('invalid_character', /character "#"/)),
  sameInBothModes('１３８００１３８０００', refused('invalid_character', /character "１"/)),
  sameInBothModes('138-0013-8000+', refused('misplaced_plus', /"\+" that is not at its start/)),
  sameInBothModes('(+86 138 0013 8000', refused('unbalanced_parentheses', /parentheses/)),
  sameInBothModes(')138 0013 8000(', refused('unbalanced_parentheses', /parentheses/)),
  sameInBothModes('( +86) 138 0013 8000', mainland('13800138000')),
  // 15 digits is E.164's most: past the character checks, too long only for +86's own rules.
  sameInBothModes('+86 1380013800012', refused('too_long', /too long for its country code/)),
  sameInBothModes('+', refused('no_digits', /no digits/)),
  sameInBothModes('+8613800', refused('too_short', /too short/)),
  sameInBothModes('+86 138 0013 8000 123', refused('too_long', /too long/)),
  sameInBothModes('+999 123 456', refused('unknown_country_code', /country code/)),
  // Landlines cannot receive an SMS: the mobile metadata refuses them.
  sameInBothModes('+86 10 1234 5678', refused('invalid_number', /not a valid mobile number for country code \+86/)),
  sameInBothModes('+852 2123 4567', refused('invalid_number', /not a valid mobile number for country code \+852/)),
  // Non-geographic toll-free numbers are valid numbers but not mobiles.
  sameInBothModes('+800 1234 5678', refused('invalid_number', /not a valid mobile number for country code \+800/)),
  // A "+" promises a country code: +1 followed by a mainland number is not silently read as mainland.
  sameInBothModes('+13800138000', refused('invalid_number', /not a valid mobile number for country code \+1\b/)),
  sameInBothModes('+1 800 555 0123', refused('invalid_number', /not a valid mobile number for country code \+1\b/)),
  {
    input: '12345',
    nonStrict: refused('too_short', /too short to be a mobile number/),
    strict: refused('too_short', /too short for its country code/),
  },
  {
    input: '13800138000123',
    nonStrict: refused('too_long', /too long to be a mobile number/),
    strict: refused('too_long', /too long for its country code/),
  },
  {
    input: '1380013800',
    nonStrict: refused('invalid_number', /neither .* nor .*mainland China/),
    strict: refused('too_short', /too short for its country code/),
  },
  {
    // 11 digits starting with 1, yet neither a mainland mobile nor a +1 mobile.
    input: '10123456789',
    nonStrict: refused('invalid_number', /neither .* nor .*mainland China/),
    strict: refused('invalid_number', /not a valid mobile number for country code \+1\b/),
  },
  {
    // Too short with a country code (+1 380 013 800), but of a plausible length for the mainland.
    input: '138001380',
    nonStrict: refused('invalid_number', /neither .* nor .*mainland China/),
    strict: refused('too_short', /too short for its country code/),
  },
  {
    // Too long with a country code (+1 380 013 800 12), but of a plausible length for the mainland.
    input: '138001380012',
    nonStrict: refused('invalid_number', /neither .* nor .*mainland China/),
    strict: refused('too_long', /too long for its country code/),
  },
  {
    // No known country code, and too short or too long for the mainland.
    input: '999123',
    nonStrict: refused('invalid_number', /neither .* nor .*mainland China/),
    strict: refused('unknown_country_code', /country code/),
  },
  {
    input: '999123456789012',
    nonStrict: refused('invalid_number', /neither .* nor .*mainland China/),
    strict: refused('unknown_country_code', /country code/),
  },
  {
    // A trunk "0" belongs to landline dialling, never to a mainland mobile.
    input: '013800138000',
    nonStrict: refused('invalid_number', /neither .* nor .*mainland China/),
    strict: refused('unknown_country_code', /country code/),
  },
  {
    input: '01012345678',
    nonStrict: refused('invalid_number', /neither .* nor .*mainland China/),
    strict: refused('unknown_country_code', /country code/),
  },
];

// Strict: the masked number is the only form of the number in the data, under one key.
const errorDataGuard = z
  .object({
    errorDescription: z.string(),
    reason: z.string(),
    maskedPhoneNumber: z.string(),
  })
  .strict();

const isRefused = (expectation: Expectation): expectation is Refused => 'problem' in expectation;

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

// Only runs of at least 5 digits are checked: shorter runs turn up by chance and identify no one.
function sensitiveDigitRuns(input: string): string[] {
  const runs = input.match(/\d+/g) ?? [];
  return [input.replace(/\D/g, ''), ...runs].filter((run) => run.length >= 5);
}

function expectRefusal(input: string, strict: boolean, expected: Refused): void {
  const error = thrownBy(() => resolveRecipient(input, { strict }));
  expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);

  const data = errorDataGuard.parse(error.data);
  expect(data.reason).toBe(expected.problem);
  expect(data.errorDescription).toMatch(expected.description);
  expect(data.errorDescription).toMatch(/^The phone number .*\.$/);
  expect(data.maskedPhoneNumber).toBe(maskPhoneNumber(input));

  const exposed = [error.message, JSON.stringify(error.data), JSON.stringify(error), String(error)];
  for (const run of sensitiveDigitRuns(input)) {
    for (const text of exposed) {
      expect(text).not.toContain(run);
    }
  }
}

function expectAccepted(input: string, strict: boolean, expected: Accepted): void {
  const recipient = resolveRecipient(input, { strict });
  expect(recipient).toEqual<Recipient>({
    ...expected,
    masked: maskPhoneNumber(expected.aliyunNumber),
  });
  expect(recipient.aliyunNumber).toMatch(/^\d+$/);
}

const cases = rows.flatMap((row) => [
  { input: row.input, strict: false, expectation: row.nonStrict },
  { input: row.input, strict: true, expectation: row.strict },
]);

const describeExpectation = (expectation: Expectation): string =>
  isRefused(expectation)
    ? `refuses it (${expectation.problem})`
    : `sends ${expectation.aliyunNumber} as ${expectation.region}`;

describe('resolveRecipient', () => {
  it('covers at least 40 distinct numbers in the table', () => {
    expect(new Set(rows.map((row) => row.input)).size).toBeGreaterThanOrEqual(40);
  });

  // A plain loop rather than it.each: it.each shortens interpolated names, hiding which input failed.
  for (const { input, strict, expectation } of cases) {
    it(`${JSON.stringify(input)} with strict=${strict} ${describeExpectation(expectation)}`, () => {
      if (isRefused(expectation)) {
        expectRefusal(input, strict, expectation);
      } else {
        expectAccepted(input, strict, expectation);
      }
    });
  }

  it('treats missing options, and strict left undefined, as non-strict', () => {
    expect(resolveRecipient('13800138000')).toMatchObject({ region: 'mainland' });
    expect(resolveRecipient('13800138000', { strict: undefined })).toMatchObject({ region: 'mainland' });
    expect(resolveRecipient('13800138000', {})).toMatchObject({ region: 'mainland' });
  });

  it('omits country for non-geographic numbers instead of inventing one', () => {
    const recipient = resolveRecipient('+870 301 234 567', { strict: true });
    expect(recipient.region).toBe('international');
    expect(recipient.countryCode).toBe('870');
    expect(recipient).not.toHaveProperty('country');
  });

  it('either resolves to a digits-only Aliyun number or refuses with invalid_request_parameters, for any phone-like text', () => {
    const phoneLikeCharacter = fc.constantFrom(...'0123456789 +-.()'.split(''), '1', '3', '8', '6');
    fc.assert(
      fc.property(fc.string({ unit: phoneLikeCharacter, maxLength: 24 }), fc.boolean(), (text, strict) => {
        const error = catchError(() => {
          const recipient = resolveRecipient(text, { strict });
          expect(recipient.aliyunNumber).toMatch(/^[1-9]\d{6,14}$/);
          expect(recipient.region).toBe(recipient.countryCode === '86' ? 'mainland' : 'international');
        });
        if (error !== undefined) {
          expect(error).toBeInstanceOf(ConnectorError);
          expect(error).toHaveProperty('code', ConnectorErrorCodes.InvalidRequestParameters);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('throws nothing but ConnectorError, for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.boolean(), (text, strict) => {
        const error = catchError(() => resolveRecipient(text, { strict }));
        if (error !== undefined) {
          expect(error).toBeInstanceOf(ConnectorError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
