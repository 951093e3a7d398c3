import { expect, test } from 'vitest';
import { DEFAULT_GIFT_SIGNS, GIFT_TEMPLATES, giftSignState } from './gift-catalog.js';

test('validity is half-open: from validFrom included to validUntil excluded', () => {
  const sign = { name: 's', validFrom: new Date('2026-07-06T16:00:00Z'), validUntil: new Date('2026-08-31T16:00:00Z') };
  expect(giftSignState(sign, new Date('2026-07-06T15:59:59.999Z'))).toBe('not-yet');
  expect(giftSignState(sign, new Date('2026-07-06T16:00:00Z'))).toBe('valid');
  expect(giftSignState(sign, new Date('2026-08-31T15:59:59.999Z'))).toBe('valid');
  expect(giftSignState(sign, new Date('2026-08-31T16:00:00Z'))).toBe('withdrawn');
  expect(giftSignState({ name: 'forever' }, new Date(0))).toBe('valid');
});

test('the default set: five old signs until September 2026, new ones from July 2026, five templates with ${code} and ${min}', () => {
  const july = new Date('2026-07-10T00:00:00Z');
  const september = new Date('2026-09-10T00:00:00Z');
  expect(DEFAULT_GIFT_SIGNS.filter((sign) => giftSignState(sign, new Date('2026-01-01T00:00:00Z')) === 'valid')).toHaveLength(5);
  expect(DEFAULT_GIFT_SIGNS.filter((sign) => giftSignState(sign, july) === 'valid')).toHaveLength(DEFAULT_GIFT_SIGNS.length);
  expect(DEFAULT_GIFT_SIGNS.filter((sign) => giftSignState(sign, september) === 'valid')).toHaveLength(DEFAULT_GIFT_SIGNS.length - 5);
  expect(GIFT_TEMPLATES.map((template) => template.code)).toEqual(['100001', '100002', '100003', '100004', '100005']);
  expect(GIFT_TEMPLATES.every((template) => template.content.includes('${code}') && template.content.includes('${min}'))).toBe(true);
});
