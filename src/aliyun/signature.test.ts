import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { alibabaRpcSignature } from '../../test/support/alibaba-oracle.js';

import {
  canonicalQuery,
  percentEncode,
  signRpcRequest,
  stringToSign,
  type RpcParameters,
} from './signature.js';

// Vectors computed with Alibaba's own SDK code (shared/docs/aliyun-sms-api.md).
const vectorA: RpcParameters = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

const vectorB: RpcParameters = {
  AccessKeyId: 'testid',
  Action: 'SendSms',
  Format: 'JSON',
  PhoneNumbers: '13800138000',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3f6c8e2a-9d41-4b7e-a5c0-1e2d3c4b5a69',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_154950909',
  TemplateParam: '{"code":"123456"}',
  Timestamp: '2025-01-01T12:00:00Z',
  Version: '2017-05-25',
};

const vectorC: RpcParameters = { ...vectorB, RegionId: undefined };

describe('signRpcRequest known answers', () => {
  it('matches vector A (Alibaba published SMS example, GET)', () => {
    expect(signRpcRequest('GET', vectorA, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('matches vector B for GET and POST', () => {
    expect(signRpcRequest('GET', vectorB, 'testsecret')).toBe('mlZHvrOlR/ae5mdQ7p4KhyoOzGo=');
    expect(signRpcRequest('POST', vectorB, 'testsecret')).toBe('Ymvh4WLQXPLKakvkeuNR4E8IWVs=');
  });

  it('matches vector C, where an undefined RegionId is left out of the signature', () => {
    expect(signRpcRequest('GET', vectorC, 'testsecret')).toBe('sEhfLEKfawlaarSLvRDFChcC05Y=');
    expect(signRpcRequest('POST', vectorC, 'testsecret')).toBe('DdNUis/WtyVzlkJjUMGXzLTZmE0=');
  });
});

describe('percentEncode', () => {
  it('encodes the characters encodeURIComponent spares, space as %20 and keeps ~', () => {
    expect(percentEncode("!'()*")).toBe('%21%27%28%29%2A');
    expect(percentEncode('a b+c~d')).toBe('a%20b%2Bc~d');
    expect(percentEncode('短信')).toBe('%E7%9F%AD%E4%BF%A1');
    expect(percentEncode('-_.')).toBe('-_.');
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

// Characters that break naive encoders: multi-byte UTF-8, reserved and sub-delims.
const trickyCharacters = [
  '短', '信', '测', '试', '😀', '👍🏽', ' ', '*', '~', '!', "'", '(', ')', '+', '&', '=',
  '%', '/', '?', '#', 'a', 'Z', '0', '9', '-', '_', '.',
];
const trickyString = fc
  .array(fc.constantFrom(...trickyCharacters), { minLength: 1, maxLength: 12 })
  .map((characters) => characters.join(''));

describe('signRpcRequest property', () => {
  it('equals @alicloud/openapi-util getRPCSignature for random parameters and secrets', () => {
    fc.assert(
      fc.property(
        fc.dictionary(trickyString, fc.oneof(trickyString, fc.constant('')), {
          minKeys: 1,
          maxKeys: 8,
        }),
        fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
        trickyString,
        (parameters, method, secret) => {
          const expected = alibabaRpcSignature(parameters, method, secret);
          expect(signRpcRequest(method, parameters, secret)).toBe(expected);
        }
      ),
      { numRuns: 500 }
    );
  });
});
