import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { maskPhoneNumber } from './mask.js';

describe('maskPhoneNumber', () => {
  it.each([
    ['13800138000', '138******00'],
    ['+86 138 0013 8000', '861********00'],
    ['85261234567', '852******67'],
    ['13800138000,13900139000', '138*****************00'],
    ['12345', '1***5'],
    ['12', '**'],
    ['', ''],
    ['no digits at all', ''],
  ])('masks %j as %j', (raw, masked) => {
    expect(maskPhoneNumber(raw)).toBe(masked);
  });

  it('hides at least half of the digits and keeps their count, whatever the length', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), maxLength: 30 }), (digits) => {
        const masked = maskPhoneNumber(digits);
        expect(masked).toHaveLength(digits.length);
        const hidden = masked.split('').filter((character) => character === '*').length;
        expect(hidden * 2).toBeGreaterThanOrEqual(digits.length);
      }),
    );
  });
});
