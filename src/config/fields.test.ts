import { describe, expect, it } from 'vitest';

import { countryCodesOfText, countryListGuard, endpointProblem, headerText, millisecondsGuard, nonEmptyText } from './fields.js';

describe('endpointProblem', () => {
  it.each([
    'https://dysmsapi.aliyuncs.com/',
    'https://dysmsapi.ap-southeast-1.aliyuncs.com',
    'https://proxy.example/aliyun/sms/',
    'http://127.0.0.1:8787/',
    'http://127.10.200.30:8787/',
    'http://localhost:1/',
    'http://[::1]:8080/',
  ])('accepts %s', (url) => {
    expect(endpointProblem(url)).toBeUndefined();
  });

  it.each([
    ['not a URL', 'dysmsapi', 'must be a URL'],
    ['plain http to a remote host', 'http://dysmsapi.aliyuncs.com/', 'must use https://'],
    ['plain http to a host that only starts like loopback', 'http://127.0.0.1.example/', 'must use https://'],
    ['another scheme', 'ftp://dysmsapi.aliyuncs.com/', 'must use https://'],
    ['another scheme even on loopback', 'ftp://localhost/', 'must use https://'],
    ['a WebSocket URL on loopback', 'ws://127.0.0.1:8787/', 'must use https://'],
    ['a query string', 'https://dysmsapi.aliyuncs.com/?Action=SendSms', 'query string'],
    ['an empty query string', 'https://dysmsapi.aliyuncs.com/?', 'query string'],
    ['a fragment', 'https://dysmsapi.aliyuncs.com/#top', 'fragment'],
    ['an empty fragment', 'https://dysmsapi.aliyuncs.com/#', 'fragment'],
    ['a user and password', 'https://user:pass@dysmsapi.aliyuncs.com/', 'user name or password'],
    ['a user alone', 'https://user@dysmsapi.aliyuncs.com/', 'user name or password'],
    ['a password alone', 'https://:hunter22@dysmsapi.aliyuncs.com/', 'user name or password'],
  ])('refuses %s', (_name, url, expected) => {
    expect(endpointProblem(url)).toContain(expected);
  });

  it('never echoes the URL, which may hold credentials', () => {
    expect(endpointProblem('https://admin:hunter22@proxy.example/')).not.toContain('hunter22');
  });
});

describe('nonEmptyText', () => {
  it('trims and keeps inner spaces', () => {
    expect(nonEmptyText.parse('  a b  ')).toBe('a b');
  });

  it.each([
    ['blank text', '   '],
    ['a lone high surrogate', 'Logto\uD800'],
    ['a lone low surrogate', '\uDC00Logto'],
  ])('refuses %s', (_name, value) => {
    expect(nonEmptyText.safeParse(value).success).toBe(false);
  });

  it('accepts a surrogate pair, which is one valid character', () => {
    expect(nonEmptyText.parse('签名😀')).toBe('签名😀');
  });
});

describe('headerText', () => {
  it.each([
    ['an AccessKey ID', 'LTAI5tExampleKeyId'],
    ['a temporary AccessKey ID', 'STS.NUxExampleTemporaryKey'],
    ['an STS token, base64 with + / =', 'CAIS+sts/Token+Value//Q=='],
    ['every visible ASCII character', Array.from({ length: 0x7e - 0x20 }, (_unused, index) => String.fromCharCode(0x21 + index)).join('')],
  ])('accepts %s', (_name, value) => {
    expect(headerText.parse(value)).toBe(value);
  });

  it('trims surrounding white space, as for every text field', () => {
    expect(headerText.parse(' CAIS+token==\n')).toBe('CAIS+token==');
  });

  // Each of these makes Node refuse the header, or Aliyun misread it.
  it.each([
    ['Chinese', 'CAIS令牌'],
    ['a Latin-1 letter, which Node would send as one byte', 'CAIStök'],
    ['a line break inside', 'CAIS\nToken'],
    ['a carriage return inside', 'CAIS\rToken'],
    ['a tab inside', 'CAIS\tToken'],
    ['a space inside', 'CAIS Token'],
    ['a NUL', 'CAIS\u0000Token'],
    ['DEL', 'CAIS\u007fToken'],
    ['a no-break space inside', 'CAIS\u00a0Token'],
    ['an emoji', 'CAIS😀'],
  ])('refuses %s with one message, naming the header, not the value', (_name, value) => {
    const result = headerText.safeParse(value);
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map(({ message }) => message);
    expect(messages).toEqual(['must be printable ASCII without spaces: it is sent in an HTTP header']);
  });

  it.each([
    ['blank text', '  ', 'must not be empty'],
    ['a lone surrogate', 'CAIS\uD800', 'contains a broken character (a lone UTF-16 surrogate)'],
  ])('refuses %s with its own message only', (_name, value, message) => {
    const result = headerText.safeParse(value);
    expect(result.success ? [] : result.error.issues.map((issue) => issue.message)).toEqual([message]);
  });
});

describe('millisecondsGuard', () => {
  it.each([
    [1000, 1000],
    ['60000', 60_000],
    [' 2500 ', 2500],
  ])('reads %j as %i ms', (input, expected) => {
    expect(millisecondsGuard.parse(input)).toBe(expected);
  });

  it.each([999, 60_001, 1500.5, '1e4', -1, '', null, { toString: null }])('refuses %j', (input) => {
    expect(millisecondsGuard.safeParse(input).success).toBe(false);
  });
});

describe('countryListGuard', () => {
  it('upper-cases, trims and de-duplicates ISO codes', () => {
    expect(countryListGuard.parse(['cn', ' HK ', 'CN'])).toEqual(['CN', 'HK']);
  });

  it.each([
    ['spaces', 'CN HK SG', ['CN', 'HK', 'SG']],
    ['commas', 'CN,HK', ['CN', 'HK']],
    ['commas and spaces, lower case', ' cn, hk ,SG ', ['CN', 'HK', 'SG']],
    ['semicolons and line breaks', 'CN;HK\nMO', ['CN', 'HK', 'MO']],
    ['Chinese punctuation', 'CN，HK、MO；TW', ['CN', 'HK', 'MO', 'TW']],
    ['one code', 'gb', ['GB']],
    ['a repeated code', 'CN cn', ['CN']],
  ])('reads the form’s text with %s', (_name, text, expected) => {
    expect(countryListGuard.parse(text)).toEqual(expected);
  });

  it.each([
    ['empty text', ''],
    ['blank text', ' \t '],
    ['only separators', ' , ; '],
  ])('reads %s as every country, never as no country', (_name, text) => {
    expect(countryListGuard.parse(text)).toBeUndefined();
  });

  it.each([
    ['an empty list', []],
    ['an unknown code', ['XX']],
    ['an unknown code in text', 'CN XX'],
    ['a three-letter code', ['CHN']],
    ['a calling code', ['86']],
    ['a calling code in text', '+86'],
    ['a number', 86],
    ['an object (what the console gave a Json item without a value)', {}],
    ['null', null],
    ['a list of numbers', [86]],
  ])('refuses %s', (_name, input) => {
    expect(countryListGuard.safeParse(input).success).toBe(false);
  });
});

describe('countryCodesOfText', () => {
  it('splits on spaces, commas and semicolons, ASCII or Chinese, and drops empty pieces', () => {
    expect(countryCodesOfText(' CN,,HK ; MO，TW ')).toEqual(['CN', 'HK', 'MO', 'TW']);
    expect(countryCodesOfText('   ')).toEqual([]);
  });
});
