import { beforeEach, describe, expect, it, vi } from 'vitest';

import { percentEncode } from '../../encoding.js';

/**
 * The module builds its patterns and helpers when it loads; loading it afresh before each test
 * lets mutation testing see them checked by these tests.
 */
const loadAfresh = async () => {
  vi.resetModules();
  return import('./aliyun-text.js');
};

let aliyunText: Awaited<ReturnType<typeof loadAfresh>>;

beforeEach(async () => {
  aliyunText = await loadAfresh();
});

const secret = 'Q9 x+/Tz*Secret=Key~!';
const code = '730519';
const phone = '13800138000';

describe('maskRequestParameters', () => {
  it.each([
    ['a form body', 'PhoneNumbers=13800138000&SignName=x', 'PhoneNumbers=***&SignName=x'],
    ['Dypnsapi’s singular PhoneNumber', 'PhoneNumber=13800138000&CountryCode=86', 'PhoneNumber=***&CountryCode=86'],
    ['a form TemplateParam', 'TemplateParam=%7B%22code%22%3A%22123456%22%7D&A=b', 'TemplateParam=***&A=b'],
    ['a form value up to white space', 'Signature=abc+/= then', 'Signature=*** then'],
    ['a string-to-sign', 'Signature%3Dabc%252B%26SignatureMethod%3DHMAC', 'Signature%3D***%26SignatureMethod%3DHMAC'],
    ['a string-to-sign in lower-case hex', 'phonenumbers%3d138%26A%3Db', 'phonenumbers%3d***%26A%3Db'],
    [
      'a string-to-sign nested once more',
      'SecurityToken%253Dtok%2526Timestamp%253D1',
      'SecurityToken%253D***%2526Timestamp%253D1',
    ],
    [
      'every parameter in one string-to-sign',
      'POST&%2F&PhoneNumbers%3D13800138000%26SignName%3Dx%26TemplateParam%3D%257B%2522code%2522%253A%2522482913%2522%257D%26Timestamp%3D1',
      'POST&%2F&PhoneNumbers%3D***%26SignName%3Dx%26TemplateParam%3D***%26Timestamp%3D1',
    ],
  ])('masks %s', (_name, input, expected) => {
    expect(aliyunText.maskRequestParameters(input)).toBe(expected);
  });

  it.each([
    ['SignatureNonce', 'SignatureNonce=abc&SignatureVersion=1.0'],
    ['SignatureMethod', 'SignatureMethod%3DHMAC-SHA1%26SignName%3Dx'],
    ['AccessKeyId', 'AccessKeyId=LTAI5tExample&Action=SendSms'],
    ['TemplateCode', 'TemplateCode=SMS_154950909'],
  ])('leaves %s alone', (_name, input) => {
    expect(aliyunText.maskRequestParameters(input)).toBe(input);
  });
});

describe('safeText', () => {
  it('removes every sensitive value, in its encodings too', () => {
    const text = `raw ${secret} encoded ${percentEncode(secret)} twice ${percentEncode(percentEncode(secret))} json ${JSON.stringify(secret)}`;
    const safe = aliyunText.safeText(text, [secret]);
    expect(safe).not.toContain(secret);
    expect(safe).not.toContain(percentEncode(secret));
    expect(safe).toBe('raw *** encoded *** twice *** json "***"');
  });

  it('keeps text of exactly the limit, and clips one character more', () => {
    expect(aliyunText.safeText('x'.repeat(10), [], 10)).toBe('x'.repeat(10));
    expect(aliyunText.safeText('x'.repeat(11), [], 10)).toBe(`${'x'.repeat(10)}…`);
  });

  it('clips at 2000 characters unless told otherwise', () => {
    expect(aliyunText.maximumTextLength).toBe(2000);
    expect(aliyunText.safeText('y'.repeat(5000), [])).toBe(`${'y'.repeat(2000)}…`);
  });

  it('redacts before clipping, so a secret across the limit leaves no half behind', () => {
    const longSecret = 'abcdefghijklmnopqrst';
    const text = `${'x'.repeat(90)}${longSecret}`;
    const safe = aliyunText.safeText(text, [longSecret], 100);
    expect(safe).toBe(`${'x'.repeat(90)}***`);
    expect(safe).not.toContain(longSecret.slice(0, 10));
  });
});

describe('safeAliyunText', () => {
  it('masks parameters by name and removes the known values elsewhere', () => {
    const text = `PhoneNumbers=${phone}&SignName=x, code ${code}, secret ${secret}`;
    expect(aliyunText.safeAliyunText(text, [code, secret])).toBe('PhoneNumbers=***&SignName=x, code ***, secret ***');
  });

  it('bounds the length', () => {
    expect(aliyunText.safeAliyunText('z'.repeat(3000), [])).toHaveLength(aliyunText.maximumTextLength + 1);
    expect(aliyunText.safeAliyunText('z'.repeat(3000), [], 50)).toHaveLength(51);
  });
});

describe('quotedStringToSign', () => {
  it('finds the string-to-sign Aliyun quotes, whatever precedes it', () => {
    expect(
      aliyunText.quotedStringToSign('Specified signature is not matched with our calculation. server string to sign is:POST&%2F&A%3Db')
    ).toBe('POST&%2F&A%3Db');
    expect(aliyunText.quotedStringToSign('server string to sign is: GET&%2F&A%3Db ')).toBe('GET&%2F&A%3Db');
    expect(aliyunText.quotedStringToSign('Server String To Sign Is :POST&%2F&X')).toBe('POST&%2F&X');
  });

  it('is undefined when the message quotes none', () => {
    expect(aliyunText.quotedStringToSign('Specified signature is not matched with our calculation.')).toBeUndefined();
    expect(aliyunText.quotedStringToSign('server string to sign is:   ')).toBeUndefined();
  });
});
