import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectedV3Signature, hashPayload, parseV3Authorization, v3CanonicalRequest, v3StringToSign, type V3SignedRequest } from './signature-v3.js';

const REQUEST: V3SignedRequest = {
  method: 'POST',
  pathname: '/',
  query: {},
  signedHeaders: {
    host: 'dysmsapi.aliyuncs.com',
    'x-acs-action': 'SendSms',
    'x-acs-version': '2017-05-25',
    'x-acs-date': '2025-01-01T12:00:00Z',
    'x-acs-signature-nonce': '3f6c8e2a-9d41-4b7e-a5c0-1e2d3c4b5a69',
    'x-acs-content-sha256': hashPayload(Buffer.from('PhoneNumbers=13800138000')),
    'content-type': 'application/x-www-form-urlencoded',
  },
  hashedPayload: hashPayload(Buffer.from('PhoneNumbers=13800138000')),
};

function ourSignature(request: V3SignedRequest, secret: string): string {
  return createHmac('sha256', secret).update(v3StringToSign(v3CanonicalRequest(request))).digest('hex');
}

describe('V3 canonical request', () => {
  test('lines: method, path, query, sorted headers, their names, payload hash', () => {
    const canonical = v3CanonicalRequest({ ...REQUEST, query: { b: '2', a: 'x y' } }).split('\n');
    expect(canonical.slice(0, 3)).toEqual(['POST', '/', 'a=x%20y&b=2']);
    expect(canonical[3]).toBe('content-type:application/x-www-form-urlencoded');
    expect(canonical[4]).toBe('host:dysmsapi.aliyuncs.com');
    expect(canonical.at(-2)).toBe('content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
    expect(canonical.at(-1)).toBe(REQUEST.hashedPayload);
  });

  test('the payload hash is the hex SHA-256 of the body', () => {
    expect(hashPayload(Buffer.from(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('the string to sign is the algorithm and the hex SHA-256 of the canonical request', () => {
    expect(v3StringToSign('x')).toBe('ACS3-HMAC-SHA256\n2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881');
  });

  test("Alibaba's signer agrees with ours on a fixed request", () => {
    expect(expectedV3Signature(REQUEST, 'testid', 'testsecret')).toBe(ourSignature(REQUEST, 'testsecret'));
    expect(expectedV3Signature(REQUEST, 'testid', 'testsecret')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('any change to a signed part changes the signature', () => {
    const signature = expectedV3Signature(REQUEST, 'id', 'secret');
    expect(expectedV3Signature({ ...REQUEST, method: 'GET' }, 'id', 'secret')).not.toBe(signature);
    expect(expectedV3Signature({ ...REQUEST, hashedPayload: hashPayload(Buffer.from('x')) }, 'id', 'secret')).not.toBe(signature);
    expect(expectedV3Signature({ ...REQUEST, signedHeaders: { ...REQUEST.signedHeaders, 'x-acs-action': 'GetSmsSign' } }, 'id', 'secret')).not.toBe(signature);
    expect(expectedV3Signature(REQUEST, 'id', 'other')).not.toBe(signature);
  });

  test('ours agrees with the SDK for any query and header values (property)', () => {
    // The SDK leaves query names unencoded; names made of unreserved characters encode to themselves.
    const name = fc.stringMatching(/^[A-Za-z0-9_.~-]{1,10}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ maxLength: 20, unit: 'grapheme' }), { maxKeys: 5 }), fc.string({ maxLength: 30 }), fc.constantFrom('GET', 'POST'), (query, nonce, method) => {
        const request = { ...REQUEST, method, query, signedHeaders: { ...REQUEST.signedHeaders, 'x-acs-signature-nonce': nonce } };
        expect(expectedV3Signature(request, 'id', 'secret')).toBe(ourSignature(request, 'secret'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseV3Authorization', () => {
  test('reads the three parts', () => {
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host;x-acs-date,Signature=abc')).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'LTAI',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'abc',
    });
  });

  test('refuses other shapes', () => {
    expect(parseV3Authorization('acs LTAI:abc')).toBeUndefined();
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=LTAI,Signature=abc')).toBeUndefined();
  });
});
