import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import fc from 'fast-check';
import {
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  isValidPhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/mobile';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';

import { thrownBy } from '../../test/support/rejection.js';

import { maskPhoneNumber } from './mask.js';
import {
  createRecipientResolver,
  parseInternational,
  resolveRecipient,
  type Recipient,
  type RecipientResolver,
} from './resolve.js';

// Oracles through another libphonenumber-js entry point than the resolver's own "+86…" parse.
const isMainlandMobile = (digits: string): boolean =>
  isValidPhoneNumber(digits, 'CN') && parsePhoneNumberFromString(digits, 'CN')?.getType() === 'MOBILE';
const isNorthAmericanMobile = (digits: string): boolean => isValidPhoneNumber(`+${digits}`);

function outcomeOf(run: () => unknown): unknown {
  try {
    return run();
  } catch (error: unknown) {
    return error;
  }
}

// Wrapped, so that a thrown `undefined` or string is told apart from a successful return.
function thrownFrom(run: () => unknown): { error: unknown } | undefined {
  try {
    run();
  } catch (error: unknown) {
    return { error };
  }
  return undefined;
}

type CountingResolver = { resolve: RecipientResolver; parsed: string[] };

// The real parse behind a recorder: what the resolver asks libphonenumber-js, in order.
function countingResolver(): CountingResolver {
  const parsed: string[] = [];
  const resolve = createRecipientResolver((international) => {
    parsed.push(international);
    return parseInternational(international);
  });
  return { resolve, parsed };
}

function parsesFor(input: string, strict: boolean): string[] {
  const { resolve, parsed } = countingResolver();
  // Refusals are counted too; what they throw is checked in src/phone.test.ts.
  outcomeOf(() => resolve(input, { strict }));
  return parsed;
}

describe('createRecipientResolver: how many parses a number costs', () => {
  // The forms Logto and older data actually hold: each costs one parse, of the reading that wins.
  // A resolver that first tries another reading (the failing +1 parse of a bare mainland number,
  // the largest single cost of a send) shows up here as a second entry.
  it.each([
    { input: '8613800138000', strict: false, parse: '+8613800138000' },
    { input: '8613800138000', strict: true, parse: '+8613800138000' },
    { input: '13800138000', strict: false, parse: '+8613800138000' },
    { input: '13105551234', strict: false, parse: '+8613105551234' },
    { input: '13017726326', strict: false, parse: '+8613017726326' },
    { input: '138 0013 8000', strict: false, parse: '+8613800138000' },
    { input: '13105551234', strict: true, parse: '+13105551234' },
    { input: '+13105551234', strict: false, parse: '+13105551234' },
    { input: '+13105551234', strict: true, parse: '+13105551234' },
    { input: '+8613800138000', strict: false, parse: '+8613800138000' },
    { input: '+8613800138000', strict: true, parse: '+8613800138000' },
    { input: '0086 138 0013 8000', strict: false, parse: '+8613800138000' },
    { input: '0013105551234', strict: false, parse: '+13105551234' },
    { input: '85261234567', strict: false, parse: '+85261234567' },
    { input: '447400123456', strict: false, parse: '+447400123456' },
    { input: '14155550123', strict: true, parse: '+14155550123' },
    // Bare digits starting with 1 but not 11 long have no mainland reading to try first.
    { input: '138001380', strict: false, parse: '+138001380' },
    { input: '138001380012', strict: false, parse: '+138001380012' },
  ])('$input with strict=$strict parses only $parse', ({ input, strict, parse }) => {
    expect(parsesFor(input, strict)).toEqual([parse]);
  });

  it('a bare 1 + 10 digits that is no mainland mobile (14155550123) costs the cheap +86 parse, then the +1 one', () => {
    expect(parsesFor('14155550123', false)).toEqual(['+8614155550123', '+14155550123']);
  });

  it('a strict refusal of a bare mainland number parses both readings, to say that 86 is missing', () => {
    expect(parsesFor('13800138000', true)).toEqual(['+13800138000', '+8613800138000']);
  });

  it.each(['138OO138000', '13800138000,13900139000', '', '+', '8613800138000123456'])(
    '%j is refused on its characters, before any parse',
    (input) => {
      expect(parsesFor(input, false)).toEqual([]);
      expect(parsesFor(input, true)).toEqual([]);
    },
  );

  it('never parses more than twice, for any phone-like text in either mode', () => {
    const phoneLikeCharacter = fc.constantFrom(...'0123456789 +-.()'.split(''), '1', '3', '8', '6');
    fc.assert(
      fc.property(fc.string({ unit: phoneLikeCharacter, maxLength: 20 }), fc.boolean(), (text, strict) => {
        expect(parsesFor(text, strict).length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
  });

  it('resolveRecipient is this resolver over parseInternational: same recipients, same refusals', () => {
    const { resolve } = countingResolver();
    fc.assert(
      fc.property(fc.stringMatching(/^(\+|00|86)?1[3-9]\d{9}$/), fc.boolean(), (text, strict) => {
        expect(outcomeOf(() => resolve(text, { strict }))).toEqual(outcomeOf(() => resolveRecipient(text, { strict })));
      }),
      { numRuns: 300 },
    );
  });
});

describe('createRecipientResolver when the parse reads nothing', () => {
  it('refuses a number of a plausible length as invalid, without naming a country code it never read', () => {
    const resolve = createRecipientResolver(() => undefined);
    for (const strict of [false, true]) {
      const error = thrownBy(() => resolve('+8613800138000', { strict }));
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
      expect(error.data).toEqual({
        errorDescription: 'The phone number is not a valid mobile number with a country code.',
        reason: 'invalid_number',
        maskedPhoneNumber: maskPhoneNumber('+8613800138000'),
      });
    }
  });
});

describe('parseInternational', () => {
  it('reads the whole text as one number instead of picking a number out of it', () => {
    expect(parseInternational('+8613800138000')?.nationalNumber).toBe('13800138000');
    expect(parseInternational('call +8613800138000 now')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// 11 digits starting with 1: a bare mainland mobile, or a North American number with its 1.

describe('the ambiguous numbers of the table in src/phone.test.ts', () => {
  it.each(['13105551234', '13017726326'])('%s really is valid both as a mainland mobile and as +1', (digits) => {
    expect(isMainlandMobile(digits)).toBe(true);
    expect(isNorthAmericanMobile(digits)).toBe(true);
  });

  it('14155550123 is valid only as +1, so the table covers the fallback to the country code', () => {
    expect(isMainlandMobile('14155550123')).toBe(false);
    expect(isNorthAmericanMobile('14155550123')).toBe(true);
  });
});

const digitString = (length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: length, maxLength: length });

// Mainland mobile ranges as allocated by the regulator; libphonenumber-js has the last word on
// each generated number, so a stale prefix here only makes the filter drop more draws.
const mainlandMobilePrefixes = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'],
  ...['145', '147', '149', '150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...['162', '165', '166', '167', '170', '171', '172', '173', '175', '176', '177', '178'],
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'],
  ...['190', '191', '192', '193', '195', '196', '197', '198', '199'],
];

const validMainlandMobile = fc
  .tuple(fc.constantFrom(...mainlandMobilePrefixes), digitString(8))
  .map(([prefix, rest]) => `${prefix}${rest}`)
  .filter(isMainlandMobile);

// NXX-NXX-XXXX: area code and exchange start with 2-9.
const nanpDigit = fc.constantFrom(...'23456789'.split(''));
const validNorthAmericanNumber = fc
  .tuple(nanpDigit, digitString(2), nanpDigit, digitString(6))
  .map((parts) => parts.join(''))
  .filter((national) => isNorthAmericanMobile(`1${national}`));

describe('bare mainland mobiles (property)', () => {
  it('every valid mainland mobile given bare in default mode resolves to mainland with the same 11 digits', () => {
    let alsoNorthAmerican = 0;
    let runs = 0;
    fc.assert(
      fc.property(validMainlandMobile, (digits) => {
        runs += 1;
        if (isNorthAmericanMobile(digits)) {
          alsoNorthAmerican += 1;
        }
        expect(resolveRecipient(digits)).toEqual<Recipient>({
          region: 'mainland',
          countryCode: '86',
          country: 'CN',
          aliyunNumber: digits,
          masked: maskPhoneNumber(digits),
        });
      }),
      { numRuns: 1000 },
    );
    // The defect lived in the numbers that are also valid +1 ones (about 4 in 10): they must be drawn.
    expect(alsoNorthAmerican).toBeGreaterThan(runs / 5);
  });

  it('in strict mode the same bare digits are never mainland: +1 when valid there, otherwise missing_country_code', () => {
    fc.assert(
      fc.property(validMainlandMobile, (digits) => {
        if (isNorthAmericanMobile(digits)) {
          expect(resolveRecipient(digits, { strict: true })).toMatchObject({ region: 'international', countryCode: '1' });
        } else {
          expect(thrownBy(() => resolveRecipient(digits, { strict: true })).data).toMatchObject({
            reason: 'missing_country_code',
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('North American numbers (property)', () => {
  it('with +1 (or 001) in front, any number valid in the NANP resolves to +1 in both modes', () => {
    fc.assert(
      fc.property(
        validNorthAmericanNumber,
        fc.constantFrom('+1', '+1 ', '001', '(+1) '),
        fc.boolean(),
        (national, prefix, strict) => {
          const recipient = resolveRecipient(`${prefix}${national}`, { strict });
          expect(recipient).toMatchObject({ region: 'international', countryCode: '1', aliyunNumber: `1${national}` });
          const { country } = recipient;
          expect(country && getCountryCallingCode(country)).toBe('1');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('written bare as 1 + 10 digits, it is mainland in default mode exactly when it is a valid mainland mobile too', () => {
    fc.assert(
      fc.property(validNorthAmericanNumber, (national) => {
        const digits = `1${national}`;
        const recipient = resolveRecipient(digits);
        expect(recipient.region).toBe(isMainlandMobile(digits) ? 'mainland' : 'international');
        // Either way Aliyun receives the same 11 digits; only the template family differs.
        expect(recipient.aliyunNumber).toBe(digits);
        expect(resolveRecipient(digits, { strict: true }).region).toBe('international');
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

// Territories that share their main country's number ranges: libphonenumber-js can only name
// the main country for a number valid in both (an allowlist must list the main country).
const sharedRanges: Record<string, string> = {
  AX: 'FI',
  BL: 'GP',
  CC: 'AU',
  CX: 'AU',
  EH: 'MA',
  IM: 'GB',
  MF: 'GP',
  SJ: 'NO',
  VA: 'IT',
};

describe('the country of a recipient', () => {
  const exampleMobiles = getCountries().flatMap((country) => {
    const example = getExampleNumber(country, examples);
    return example?.isValid() && example.getType() === 'MOBILE' ? [{ country, number: example.number }] : [];
  });

  it('is the ISO country of every country’s example mobile number, in both modes', () => {
    expect(exampleMobiles.length).toBeGreaterThan(200);
    for (const { country, number } of exampleMobiles) {
      for (const strict of [false, true]) {
        expect(resolveRecipient(number, { strict }).country, number).toBe(sharedRanges[country] ?? country);
      }
    }
  });

  it('is CN for mainland numbers in every written form', () => {
    for (const input of ['13800138000', '8613800138000', '+86 138 0013 8000', '008613105551234']) {
      expect(resolveRecipient(input)).toMatchObject({ region: 'mainland', country: 'CN' });
    }
  });
});

describe('a `to` that is not a string', () => {
  const cases: { value: unknown; kind: string; masked: string }[] = [
    { value: 8613800138000, kind: 'a number', masked: maskPhoneNumber('8613800138000') },
    { value: 13800138000n, kind: 'a bigint', masked: maskPhoneNumber('13800138000') },
    { value: Number.NaN, kind: 'a number', masked: '' },
    { value: null, kind: 'null', masked: '' },
    { value: undefined, kind: 'undefined', masked: '' },
    { value: true, kind: 'a boolean', masked: '' },
    { value: { phone: '13800138000' }, kind: 'an object', masked: '' },
    { value: ['13800138000'], kind: 'an array', masked: '' },
    // An object that breaks String(): describing it must not call it.
    { value: JSON.parse('{"toString":null,"valueOf":null}'), kind: 'an object', masked: '' },
    { value: Symbol('13800138000'), kind: 'a symbol', masked: '' },
    { value: () => '13800138000', kind: 'a function', masked: '' },
  ];

  it.each(cases)('$kind is refused with invalid_request_parameters (not_a_string), never a TypeError', ({ value, kind, masked }) => {
    for (const strict of [false, true]) {
      const error = thrownBy(() => resolveRecipient(value, { strict }));
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
      // toEqual on the whole data: the masked number under its one key, nothing else.
      expect(error.data).toEqual({
        errorDescription: `The phone number must be a string, but it is ${kind}.`,
        reason: 'not_a_string',
        maskedPhoneNumber: masked,
      });
      expect(JSON.stringify(error.data)).not.toContain('13800138000');
      expect(error.message).not.toContain('13800138000');
    }
  });

  it('throws nothing but invalid_request_parameters, for any value at all', () => {
    fc.assert(
      fc.property(fc.anything(), fc.boolean(), (value, strict) => {
        const thrown = thrownFrom(() => resolveRecipient(value, { strict }));
        if (thrown !== undefined) {
          expect(thrown.error).toBeInstanceOf(ConnectorError);
          expect(thrown.error).toHaveProperty('code', ConnectorErrorCodes.InvalidRequestParameters);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
