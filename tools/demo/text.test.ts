import { describe, expect, it } from 'vitest';

import { createPainter, labelled, maskSecret, oneLine, requestFieldLines, wantsColor } from './text.js';

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
});
