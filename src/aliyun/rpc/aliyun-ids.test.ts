import { describe, expect, it } from 'vitest';

import { knownCodes } from '../classify.js';
import { hasCodeShape, hasRequestIdShape, idsForEndUser, maximumIdLength } from './aliyun-ids.js';

const requestId = 'F655A8D5-B967-440B-8683-DAD6FF8DE990';

describe('hasCodeShape', () => {
  it.each([...knownCodes('dysms'), ...knownCodes('dypns')])('accepts the known code %s', (code) => {
    expect(hasCodeShape(code)).toBe(true);
  });

  it.each(['OK', 'Throttling.User', 'InvalidAccessKeyId.NotFound', 'a-b_c.9', 'x'.repeat(maximumIdLength)])('accepts %s', (code) => {
    expect(hasCodeShape(code)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['65 characters', 'x'.repeat(maximumIdLength + 1)],
    ['a space', 'isv.A B'],
    ['a form', 'AccessKeyId=LTAI5t&Action=SendSms'],
    ['Chinese', '阿里云短信测试'],
    ['a line break after a code', 'isv.X\nLTAI5t'],
    ['masked text', 'isv.***'],
    ['a percent escape', 'SignName%3D'],
  ])('refuses %s', (_name, code) => {
    expect(hasCodeShape(code)).toBe(false);
  });
});

describe('hasRequestIdShape', () => {
  it.each([requestId, requestId.toLowerCase(), '00000000-0000-0000-0000-000000000000'])('accepts %s', (id) => {
    expect(hasRequestIdShape(id)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['an AccessKey ID', 'LTAI5tE2eConnectorKey'],
    ['a phone number', '13800138000'],
    ['a SHA-256 hex digest', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a UUID without hyphens', requestId.replaceAll('-', '')],
    ['a UUID with a suffix', `${requestId}-1`],
    ['a UUID with a prefix', `X${requestId}`],
    ['a UUID and a line', `${requestId}\nSMS_154950909`],
    ['a non-hex letter', requestId.replace('F', 'G')],
    ['a made-up id', 'REQ-LOCAL-1'],
  ])('refuses %s', (_name, id) => {
    expect(hasRequestIdShape(id)).toBe(false);
  });
});

describe('idsForEndUser', () => {
  it('passes both when both have their shapes', () => {
    expect(idsForEndUser({ Code: 'isv.X', RequestId: requestId })).toEqual({ Code: 'isv.X', RequestId: requestId });
  });

  it('passes the one present, adding no key for the other', () => {
    expect(idsForEndUser({ Code: 'isv.X' })).toEqual({ Code: 'isv.X' });
    expect(idsForEndUser({ RequestId: requestId })).toEqual({ RequestId: requestId });
    expect(idsForEndUser({})).toEqual({});
  });

  it('passes neither when the Code is not in shape', () => {
    expect(idsForEndUser({ Code: 'AccessKeyId=LTAI5t', RequestId: requestId })).toEqual({});
  });

  it('passes neither when the RequestId is not in shape', () => {
    expect(idsForEndUser({ Code: 'isv.X', RequestId: 'LTAI5tE2eConnectorKey' })).toEqual({});
  });
});
