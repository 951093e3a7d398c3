import { describe, expect, it } from 'vitest';

import { createPainter, labelled, maskSecret, oneLine, requestFieldLines, wantsColor, wrapWords } from './text.js';

describe('demo text helpers', () => {
  it('masks long secrets to their ends and short ones entirely', () => {
    expect(maskSecret('DemoSecretForTheLocalEmulatorOnly')).toBe('Demo…Only');
    expect(maskSecret('short-secret')).toBe('****');
  });

  it('colours only a TTY without NO_COLOR', () => {
    expect(wantsColor(true, undefined)).toBe(true);
    expect(wantsColor(true, '')).toBe(true);
    expect(wantsColor(true, '1')).toBe(false);
    expect(wantsColor(false, undefined)).toBe(false);
    expect(wantsColor(undefined, undefined)).toBe(false);
    expect(createPainter(false).red('x')).toBe('x');
    expect(createPainter(true).red('x')).toBe('\u001B[31mx\u001B[39m');
  });

  it('folds text onto one line', () => {
    expect(oneLine('  a\n  b\tc ')).toBe('a b c');
  });

  it('lays out request fields under a padded label, marking missing ones', () => {
    const fields = requestFieldLines({ method: 'POST', params: { Action: 'SendSms' } });
    expect(fields[0]).toBe('POST  Action=SendSms  AccessKeyId=(missing)  PhoneNumbers=(missing)  SignName=(missing)');
    expect(labelled('request', ['a', 'b'], (text) => `<${text}>`)).toEqual(['   <request    >a', '              b']);
  });

  it("lays out SendSmsVerifyCode's own fields: PhoneNumber and CountryCode", () => {
    const fields = requestFieldLines({
      method: 'POST',
      params: { Action: 'SendSmsVerifyCode', AccessKeyId: 'k', PhoneNumber: '13800138000', CountryCode: '86', SignName: 's' },
    });
    expect(fields[0]).toBe('POST  Action=SendSmsVerifyCode  AccessKeyId=k  PhoneNumber=13800138000  CountryCode=86  SignName=s');
  });

  it('wraps text at spaces within the width, losing no word', () => {
    const text = 'Error occurred in connector: the template is still under review, sends fail until approved.';
    const wrapped = wrapWords(text, 30);
    expect(wrapped.every((line) => line.length <= 30)).toBe(true);
    expect(wrapped.join(' ')).toBe(text);
    expect(wrapped.length).toBeGreaterThan(2);
  });

  it('keeps a word longer than the width on a line of its own, and makes no line of nothing', () => {
    expect(wrapWords('a C11D8DBD-9501-400F-A0B5-E2D6606F075D b', 10)).toEqual(['a', 'C11D8DBD-9501-400F-A0B5-E2D6606F075D', 'b']);
    expect(wrapWords('   ', 10)).toEqual([]);
  });
});
