import { describe, expect, it } from 'vitest';

import { formEncode, percentEncode } from './encoding.js';

describe('percentEncode', () => {
  it('encodes the characters encodeURIComponent spares, space as %20 and keeps ~', () => {
    expect(percentEncode("!'()*")).toBe('%21%27%28%29%2A');
    expect(percentEncode('a b+c~d')).toBe('a%20b%2Bc~d');
    expect(percentEncode('短信')).toBe('%E7%9F%AD%E4%BF%A1');
    expect(percentEncode('-_.')).toBe('-_.');
  });
});

describe('formEncode', () => {
  it('writes a space as + and escapes & = and non-ASCII, as a form body does', () => {
    expect(formEncode('a b&c=d')).toBe('a+b%26c%3Dd');
    expect(formEncode('短')).toBe('%E7%9F%AD');
  });
});
