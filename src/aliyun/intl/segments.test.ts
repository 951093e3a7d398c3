import { describe, expect, it } from 'vitest';

import { countSegments } from './segments.js';

describe('countSegments', () => {
  it.each([
    ['', 'GSM-7', 0, 1],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    ['€'.repeat(80), 'GSM-7', 160, 1],
    ['€'.repeat(81), 'GSM-7', 162, 2],
    ['Ça coûte 5 €, ok?', 'UCS-2', 17, 1],
    ['码'.repeat(70), 'UCS-2', 70, 1],
    ['码'.repeat(71), 'UCS-2', 71, 2],
    ['码'.repeat(134), 'UCS-2', 134, 2],
    ['码'.repeat(135), 'UCS-2', 135, 3],
    [`${'a'.repeat(68)}😀`, 'UCS-2', 70, 1],
    [`${'a'.repeat(69)}😀`, 'UCS-2', 71, 2],
  ])('counts %j as %s, %i units, %i parts', (text, encoding, units, segments) => {
    expect(countSegments(text)).toEqual({ encoding, units, segments });
  });

  it('reads GSM letters with accents (é, ü, Ä) as GSM-7, and one character outside the alphabet as UCS-2 for the whole text', () => {
    expect(countSegments('Über café: Ä ñ é').encoding).toBe('GSM-7');
    expect(countSegments(`${'a'.repeat(100)}ç`).encoding).toBe('UCS-2');
    expect(countSegments('line\nbreak\rreturn').encoding).toBe('GSM-7');
  });
});
