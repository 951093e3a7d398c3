// docs/errors.md lists the codes that hand a send to the fallback sender: the lists must be what
// the code table and the fallback rule decide, code for code, so neither can drift from the other.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { knownCodes, knownFamilies, type AliyunProduct } from '../src/aliyun/classify.js';
import { aliyunAnswerError } from '../src/aliyun/rpc/failures.js';
import { aliyunSmsConfigGuard } from '../src/config/schema.js';
import { fallbackReasonOf } from '../src/fallback/eligibility.js';

const errorsDoc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

const fallsBack = (product: AliyunProduct, code: string): boolean =>
  fallbackReasonOf(aliyunAnswerError({ Code: code, Message: 'refused', RequestId: 'R' }, 200, { product, sensitive: [] }), product) !== undefined;

/** The `code`s of the paragraph that starts with `heading`. */
const listed = (heading: string): string[] => {
  const start = errorsDoc.indexOf(`${heading}\n`);
  if (start < 0) {
    throw new Error(`docs/errors.md has no paragraph "${heading}"`);
  }
  const paragraph = errorsDoc.slice(start + heading.length).split('\n\n')[0] ?? '';
  return [...paragraph.matchAll(/`([^`]+)`/g)].map(([, code]) => code ?? '');
};

const gateway = listed('Aliyun codes that fall back, every service:');

describe('docs/errors.md on the fallback sender', () => {
  it.each([
    ['dysms', 'Short Message Service (`dysms`) codes that fall back:'],
    ['dypns', 'SMS authentication service (`dypns`) codes that fall back:'],
    ['intl', 'International site (`intl`) codes that fall back:'],
  ] as const)('lists exactly the %s codes that fall back, the gateway ones once for both', (product, heading) => {
    const expected = knownCodes(product).filter((code) => fallsBack(product, code));
    expect([...listed(heading), ...gateway].sort()).toEqual([...new Set(expected)].sort());
  });

  it('lists exactly the code families that fall back', () => {
    const expected = knownFamilies()
      .filter((prefix) => (['dysms', 'dypns', 'intl'] as const).every((product) => fallsBack(product, `${prefix}Example`)))
      .map((prefix) => `${prefix}*`);
    expect(listed('Code families that fall back, every service:')).toEqual(expected);
  });
});

describe('the guides’ fallback example', () => {
  it.each(['guide.md', 'guide.zh-CN.md', 'guide.de.md'])('%s: the JSON typed into "Fallback sender" is a valid fallback', (file) => {
    const guide = readFileSync(new URL(`../docs/${file}`, import.meta.url), 'utf8');
    const example = /```json\n(\{\n {2}"service": "dypns"[\s\S]*?\n\})\n```/.exec(guide)?.[1];
    expect(example).toBeDefined();
    const main = { accessKeyId: 'LTAI5tMain', accessKeySecret: 'main-secret', signName: '示例科技', templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }] };
    const parsed: unknown = JSON.parse(example ?? '');
    expect(aliyunSmsConfigGuard.safeParse({ ...main, fallback: parsed }).success).toBe(true);
  });
});
