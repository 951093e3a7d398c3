import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { minimumSensitiveLength, redact, redactionMask, sensitiveForms } from './redact.js';

const secret = 'Ab c*d\'e(f)!~+/="\\';
const code = '482913';

/** Aliyun's RFC 3986 variant, written here independently of the module under test. */
const aliyunEncode = (value: string): string =>
  encodeURIComponent(value)
    .replaceAll('!', '%21')
    .replaceAll("'", '%27')
    .replaceAll('(', '%28')
    .replaceAll(')', '%29')
    .replaceAll('*', '%2A');

const formEncode = (value: string): string =>
  new URLSearchParams({ v: value }).toString().slice('v='.length);

describe('redact', () => {
  it('replaces a raw value, every occurrence', () => {
    expect(redact(`code ${code}, again ${code}.`, [code])).toBe('code ***, again ***.');
  });

  it('leaves text without sensitive values unchanged', () => {
    expect(redact('nothing to see', [code, secret])).toBe('nothing to see');
    expect(redact('nothing to see', [])).toBe('nothing to see');
    expect(redact('', [code])).toBe('');
  });

  it.each([
    ['encodeURIComponent', encodeURIComponent(secret)],
    ['Aliyun RFC 3986 (space %20, * %2A)', aliyunEncode(secret)],
    ['a form body (space +)', formEncode(secret)],
    ['Aliyun-encoded twice, as in a string-to-sign', aliyunEncode(aliyunEncode(secret))],
    ['encodeURIComponent twice', encodeURIComponent(encodeURIComponent(secret))],
    [
      'encoded with lowercase hex',
      aliyunEncode(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    ],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
  ])('removes the %s form', (_name, form) => {
    expect(form).not.toBe(secret);
    expect(redact(`before ${form} after`, [secret])).toBe('before *** after');
  });

  // A V1 signature and an STS token are base64: echoed by a server that form-decodes the request
  // ('+' read as a space) or rewritten in base64url, they are still what must not appear.
  const signature = 'Ymvh+4WLQ/XPLKakvke+NR4E8IWV=';
  const stsToken = 'CAIS+sts/Token+Value//x==';
  it.each([
    ['a signature with + read as a space', signature, 'Ymvh 4WLQ/XPLKakvke NR4E8IWV='],
    ['a signature with + read as a space, percent-encoded', signature, 'Ymvh%204WLQ%2FXPLKakvke%20NR4E8IWV%3D'],
    ['a signature in base64url', signature, 'Ymvh-4WLQ_XPLKakvke-NR4E8IWV='],
    ['a signature in base64url without padding', signature, 'Ymvh-4WLQ_XPLKakvke-NR4E8IWV'],
    ['an STS token with + read as a space', stsToken, 'CAIS sts/Token Value//x=='],
    ['an STS token in base64url', stsToken, 'CAIS-sts_Token-Value__x=='],
    ['an STS token in base64url without padding', stsToken, 'CAIS-sts_Token-Value__x'],
    ['an STS token in base64url, percent-encoded twice', stsToken, 'CAIS-sts_Token-Value__x%253D%253D'],
  ])('removes %s', (_name, value, form) => {
    expect(form).not.toBe(value);
    expect(redact(`{"Message":"echo ${form} end"}`, [value])).toBe('{"Message":"echo *** end"}');
  });

  it('removes values that JSON escapes', () => {
    const quoted = 'pa"ss\\word\n';
    expect(redact(`{"k":${JSON.stringify(quoted)}}`, [quoted])).toBe('{"k":"***"}');
    expect(redact(JSON.stringify(JSON.stringify({ quoted })), [quoted])).not.toContain('pa');
  });

  it('removes non-ASCII values in UTF-8 percent-encoding and in \\u escapes', () => {
    const name = '阿里云短信测试';
    expect(redact(`SignName%3D${aliyunEncode(aliyunEncode(name))}%26`, [name])).toBe(
      'SignName%3D***%26'
    );
    expect(redact('{"n":"\\u963f\\u91cc\\u4e91\\u77ed\\u4fe1\\u6d4b\\u8bd5"}', [name])).toBe(
      '{"n":"***"}'
    );
  });

  it('finds the code and the phone inside a double-encoded TemplateParam', () => {
    const templateParam = JSON.stringify({ code });
    const stringToSign = `POST&%2F&PhoneNumbers%3D13800138000%26TemplateParam%3D${aliyunEncode(aliyunEncode(templateParam))}`;
    const redacted = redact(stringToSign, [code, '13800138000']);
    expect(redacted).toBe(
      'POST&%2F&PhoneNumbers%3D***%26TemplateParam%3D%257B%2522code%2522%253A%2522***%2522%257D'
    );
  });

  it('catches 4-character values, ignores shorter ones and empty ones', () => {
    expect(minimumSensitiveLength).toBe(4);
    expect(redact('code 1234 here', ['1234'])).toBe('code *** here');
    expect(redact('a 123 b', ['123'])).toBe('a 123 b');
    expect(redact('abc', ['', 'a'])).toBe('abc');
  });

  it('leaves no fragment when two sensitive values overlap', () => {
    expect(redact('xxabcdefghyy', ['abcdef', 'defghi', 'efgh'])).toBe('xx***yy');
  });

  it('masks overlapping occurrences of one value completely', () => {
    expect(redact('1111111', ['1111'])).toBe('***');
  });

  it('removes \\u escapes of non-ASCII in either hex case, padded to four digits', () => {
    const name = '阿里云短信测试';
    expect(redact('{"n":"\\u963F\\u91CC\\u4E91\\u77ED\\u4FE1\\u6D4B\\u8BD5"}', [name])).toBe('{"n":"***"}');
    // é is U+00E9: its escape is \u00e9, never \ue9.
    expect(redact('{"n":"caf\\u00e9s"}', ['cafés'])).toBe('{"n":"***"}');
    expect(redact('{"n":"caf\\u00E9s"}', ['cafés'])).toBe('{"n":"***"}');
  });

  it('masks two adjacent values separately, each with its own mask', () => {
    expect(redact('[abcdefgh]', ['abcd', 'efgh'])).toBe(`[${redactionMask}${redactionMask}]`);
  });

  it('does not throw on a value that cannot be percent-encoded', () => {
    const loneSurrogate = 'ab\uD800cd';
    expect(redact(`x${loneSurrogate}y`, [loneSurrogate])).toBe('x***y');
  });

  it('never leaves a value or any of its encodings behind (property)', () => {
    // '*' is left out: a value made of asterisks could reappear around the mask itself.
    const characters = ['a', 'Z', '0', '9', ' ', '+', '/', '=', '%', '&', '"', '\\', '~', '!', "'"];
    const text = fc.string({ unit: fc.constantFrom(...characters, '(', ')', 'é', '测', '\n') });
    const value = text.filter((candidate) => candidate.length >= minimumSensitiveLength);
    const encoders = [
      (raw: string) => raw,
      encodeURIComponent,
      aliyunEncode,
      formEncode,
      (raw: string) => aliyunEncode(aliyunEncode(raw)),
      (raw: string) => JSON.stringify(raw).slice(1, -1),
    ];
    fc.assert(
      fc.property(
        value,
        text,
        text,
        fc.constantFrom(...encoders),
        (secretValue, before, after, encode) => {
          const redacted = redact(before + encode(secretValue) + after, [secretValue]);
          expect(redacted).toContain(redactionMask);
          expect(redacted).not.toContain(secretValue);
          expect(redacted).not.toContain(encode(secretValue));
        }
      )
    );
  });
});

describe('sensitiveForms', () => {
  it('lists the raw value first, and no duplicates', () => {
    const forms = sensitiveForms(code);
    expect(forms[0]).toBe(code);
    expect(forms).toEqual([code]);
  });

  it('is empty for short values', () => {
    expect(sensitiveForms('abc')).toEqual([]);
  });

  it('lists only what encoders produced for a value some cannot encode (a lone surrogate)', () => {
    const loneSurrogate = 'ab\uD800cd';
    const forms = sensitiveForms(loneSurrogate);
    expect(forms).toContain(loneSurrogate);
    expect(forms).toContain(formEncode(loneSurrogate));
    // Every encoding keeps the unreserved letters around the surrogate.
    for (const form of forms) {
      expect(form).toMatch(/^ab.*cd$/);
    }
  });

  it('adds the form-decoded and base64url spellings of a base64 value, each in its encodings', () => {
    expect(sensitiveForms('ab+c/d==')).toEqual(
      expect.arrayContaining(['ab c/d==', 'ab%20c%2Fd%3D%3D', 'ab-c_d==', 'ab-c_d', 'ab-c_d%3D%3D', 'ab-c_d%253D%253D'])
    );
  });

  it('adds no spelling shorter than the minimum', () => {
    expect(sensitiveForms('ab==')).toEqual(expect.not.arrayContaining(['ab']));
  });

  it('covers space as %20, %2520 and +', () => {
    expect(sensitiveForms('ab cd')).toEqual(
      expect.arrayContaining(['ab cd', 'ab%20cd', 'ab%2520cd', 'ab+cd', 'ab%2Bcd'])
    );
  });
});
