import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { deliveredCode, describeReceiptCode, receiptCodeFamilies, receiptCodes } from './codes.js';

const rows = [...receiptCodes.entries(), ...receiptCodeFamilies];

describe('the receipt code table', () => {
  it.each(rows)('gives %s a meaning and one sentence of advice', (_code, { meaning, advice }) => {
    expect(meaning.trim()).not.toBe('');
    expect(meaning).not.toMatch(/\.$/);
    expect(advice).toMatch(/^[A-Z].*\.$/);
  });

  it('lists each code and family once, and no family takes another’s codes', () => {
    const prefixes = receiptCodeFamilies.map(([prefix]) => prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) {
      expect(prefixes.filter((other) => other !== prefix && other.startsWith(prefix))).toEqual([]);
    }
  });

  it('knows the delivered code', () => {
    expect(receiptCodes.has(deliveredCode)).toBe(true);
    expect(describeReceiptCode('DELIVRD')).toMatchObject({ known: true, meaning: 'delivered to the phone' });
  });

  it('reads an exact code before its family', () => {
    expect(describeReceiptCode('MK:0001').meaning).toBe('the number does not exist');
    expect(describeReceiptCode('MK:0099').meaning).toMatch(/^China Mobile’s switch/);
  });

  it('shows an unknown code as it is, saying the table does not list it', () => {
    expect(describeReceiptCode('XY:1234')).toMatchObject({ code: 'XY:1234', known: false, meaning: 'a code the connector’s table does not list' });
    expect(describeReceiptCode('')).toMatchObject({ code: '', known: false });
  });
});

// docs/errors.md's receipt section, as the administrator reads it: every code and family of the
// table is there, and the page lists nothing the table lacks.
const page = readFileSync(fileURLToPath(new URL('../../docs/errors.md', import.meta.url)), 'utf8');
const section = page.split('\n## ').find((part) => part.startsWith('Delivery receipt codes')) ?? '';
const documented = [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((match) =>
  [...(match[1] ?? '').matchAll(/`([^`]+)`/g)].map((code) => code[1] ?? '')
);

describe('docs/errors.md', () => {
  it('has a receipt section listing exactly the table’s codes and families', () => {
    const expected = [...receiptCodes.keys(), ...receiptCodeFamilies.map(([prefix]) => `${prefix}*`)];
    expect([...documented].sort()).toEqual([...expected].sort());
  });
});
