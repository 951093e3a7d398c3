import { describe, expect, it } from 'vitest';

import { allowedLicences, judgeLicence } from './licence-policy.js';

const reasonOf = (license: unknown): string | undefined => {
  const verdict = judgeLicence(license);
  return verdict.allowed ? undefined : verdict.reason;
};

describe('judgeLicence', () => {
  it.each(allowedLicences)('allows %s', (licence) => {
    expect(judgeLicence(licence)).toEqual({ allowed: true, licence });
  });

  it('allows the permissive licences a bundle may carry, and no copyleft one', () => {
    expect([...allowedLicences].sort()).toEqual(['0BSD', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'BlueOak-1.0.0', 'ISC', 'MIT']);
  });

  it.each(['GPL-3.0-only', 'LGPL-2.1', 'MPL-2.0', 'UNLICENSED', 'mit'])('refuses %s', (licence) => {
    expect(reasonOf(licence)).toBe(`"${licence}" is not among the allowed licences (${allowedLicences.join(', ')})`);
  });

  it.each(['(MIT OR GPL-3.0-only)', 'GPL-3.0-only OR Apache-2.0'])('allows a choice with one allowed alternative: %s', (expression) => {
    expect(judgeLicence(expression)).toEqual({ allowed: true, licence: expression });
  });

  it('refuses a choice among licences none of which is allowed', () => {
    expect(judgeLicence('(GPL-2.0-only OR GPL-3.0-only)')).toMatchObject({ allowed: false });
  });

  it.each(['MIT AND GPL-3.0-only', 'Apache-2.0 WITH LLVM-exception', '(MIT OR (ISC AND GPL-3.0-only))', 'SEE LICENSE IN LICENSE.txt'])(
    'leaves an expression it does not read to a person: %s',
    (expression) => {
      expect(judgeLicence(expression)).toEqual({ allowed: false, reason: `the licence expression "${expression}" needs reading by a person` });
    }
  );

  it('refuses a package that declares no licence', () => {
    expect(judgeLicence(undefined)).toEqual({ allowed: false, reason: 'package.json declares no licence' });
  });

  it.each([[{ type: 'MIT' }], [['MIT']], [42]])('refuses a licence field that is not an SPDX string: %j', (value) => {
    expect(reasonOf(value)).toBe(`package.json's licence is not an SPDX expression: ${JSON.stringify(value)}`);
  });
});
