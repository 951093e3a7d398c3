import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { vectorA, vectorB, vectorC } from '../../../test/support/aliyun-vectors.js';
import { randomParameters, trickyString } from '../../../test/support/random-parameters.js';
import { sdkSignature } from '../../../tools/emulator/signature.js';

import {
  canonicalQuery,
  signRpcRequest,
  stringToSign,
} from './signature.js';

describe('signRpcRequest known answers', () => {
  it('matches vector A (Alibaba published SMS example, GET)', () => {
    expect(signRpcRequest('GET', vectorA.parameters, vectorA.secret)).toBe(vectorA.signatures.GET);
  });

  it('matches vector B for GET and POST', () => {
    expect(signRpcRequest('GET', vectorB.parameters, vectorB.secret)).toBe(vectorB.signatures.GET);
    expect(signRpcRequest('POST', vectorB.parameters, vectorB.secret)).toBe(vectorB.signatures.POST);
  });

  it('matches vector C, and an undefined RegionId is left out just like an absent one', () => {
    const withUndefinedRegion = { ...vectorB.parameters, RegionId: undefined };
    for (const method of ['GET', 'POST'] as const) {
      expect(signRpcRequest(method, vectorC.parameters, vectorC.secret)).toBe(vectorC.signatures[method]);
      expect(signRpcRequest(method, withUndefinedRegion, vectorC.secret)).toBe(vectorC.signatures[method]);
    }
  });
});

describe('canonicalQuery and stringToSign', () => {
  it('sorts by code unit, so SignName precedes SignatureMethod', () => {
    expect(canonicalQuery({ SignatureMethod: 'HMAC-SHA1', SignName: 'x', AccessKeyId: 'k' })).toBe(
      'AccessKeyId=k&SignName=x&SignatureMethod=HMAC-SHA1'
    );
  });

  it('signs an empty string as Key= and drops undefined values', () => {
    expect(canonicalQuery({ B: '', A: undefined, C: 'c' })).toBe('B=&C=c');
  });

  it('encodes the canonical query a second time inside the string to sign', () => {
    expect(stringToSign('POST', { A: 'x y' })).toBe('POST&%2F&A%3Dx%2520y');
  });
});

describe('signRpcRequest property', () => {
  it('equals @alicloud/openapi-util getRPCSignature for random parameters and secrets', () => {
    fc.assert(
      fc.property(
        randomParameters,
        fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
        trickyString,
        (parameters, method, secret) => {
          const expected = sdkSignature(parameters, method, secret);
          expect(signRpcRequest(method, parameters, secret)).toBe(expected);
        }
      ),
      { numRuns: 500 }
    );
  });
});
