import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { vectorA, vectorB } from '../../test/support/aliyun-vectors.js';
import { expectedSignature, percentEncode, sdkSignature, stringToSign } from './signature.js';

const VECTOR_B: Record<string, string> = { ...vectorB.parameters };

function hmac(text: string, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(text).digest('base64');
}

describe('signature oracle', () => {
  test("Alibaba's published SMS example (vector A)", () => {
    const params = vectorA.parameters;
    expect(expectedSignature('GET', params, vectorA.secret)).toBe(vectorA.signatures.GET);
    expect(hmac(stringToSign('GET', params), vectorA.secret)).toBe(vectorA.signatures.GET);
  });

  test('vectors B and C, GET and POST', () => {
    expect(expectedSignature('GET', VECTOR_B, 'testsecret')).toBe('mlZHvrOlR/ae5mdQ7p4KhyoOzGo=');
    expect(expectedSignature('POST', VECTOR_B, 'testsecret')).toBe('Ymvh4WLQXPLKakvkeuNR4E8IWVs=');
    const { RegionId: _region, ...vectorC } = VECTOR_B;
    expect(_region).toBe('cn-hangzhou');
    expect(expectedSignature('GET', vectorC, 'testsecret')).toBe('sEhfLEKfawlaarSLvRDFChcC05Y=');
    expect(expectedSignature('POST', vectorC, 'testsecret')).toBe('DdNUis/WtyVzlkJjUMGXzLTZmE0=');
  });

  test('the Signature parameter itself is left out of the signed string', () => {
    const withSignature = { ...VECTOR_B, Signature: 'anything' };
    expect(expectedSignature('POST', withSignature, 'testsecret')).toBe('Ymvh4WLQXPLKakvkeuNR4E8IWVs=');
    expect(stringToSign('POST', withSignature)).toBe(stringToSign('POST', VECTOR_B));
    // The raw SDK function would sign it: the emulator must strip it first.
    expect(sdkSignature(withSignature, 'POST', 'testsecret')).not.toBe('Ymvh4WLQXPLKakvkeuNR4E8IWVs=');
  });

  test('the SDK signs the method verbatim: lowercase "post" is a different signature', () => {
    expect(sdkSignature(VECTOR_B, 'post', 'testsecret')).not.toBe('Ymvh4WLQXPLKakvkeuNR4E8IWVs=');
  });

  test('percentEncode keeps only unreserved characters', () => {
    expect(percentEncode("a b*c~d!e'f(g)h+i/j")).toBe('a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj');
    expect(percentEncode('阿')).toBe('%E9%98%BF');
  });

  test('sorting is by code unit: SignName before SignatureMethod', () => {
    const text = decodeURIComponent(stringToSign('GET', { SignatureMethod: 'HMAC-SHA1', SignName: 'x' }).split('&')[2] ?? '');
    expect(text).toBe('SignName=x&SignatureMethod=HMAC-SHA1');
  });

  test('our string to sign, HMAC-ed, always agrees with the SDK (property)', () => {
    const name = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).filter((value) => value !== 'Signature' && value !== '__proto__');
    fc.assert(
      fc.property(
        fc.dictionary(name, fc.string({ maxLength: 20, unit: 'grapheme' }), { maxKeys: 8 }),
        fc.constantFrom('GET', 'POST'),
        fc.string({ minLength: 1, maxLength: 30 }),
        (params, method, secret) => {
          expect(hmac(stringToSign(method, params), secret)).toBe(expectedSignature(method, params, secret));
        },
      ),
      { numRuns: 300 },
    );
  });
});
