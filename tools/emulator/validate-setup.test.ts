import { describe, expect, test } from 'vitest';
import type { Account } from './accounts.js';
import { DEMO_ACCOUNTS, DEMO_OIDC } from './demo-data.js';
import { DEFAULT_GIFT_SIGNS } from './gift-catalog.js';
import type { OidcSetup } from './oidc.js';
import { validateSetup } from './validate-setup.js';

const ACCOUNT: Account = { accessKeyId: 'AK', accessKeySecret: 'SK', signNames: ['签名'], templates: [{ code: 'SMS_1', kind: 'mainland', content: '码${code}' }] };
const NO_OIDC: OidcSetup = { providers: [], roles: [] };

function validate(accounts: readonly Account[], oidc: OidcSetup = NO_OIDC): () => void {
  return () => {
    validateSetup(accounts, oidc, DEFAULT_GIFT_SIGNS);
  };
}

describe('validateSetup', () => {
  test('the demo setup and a minimal account are fine', () => {
    expect(validate(DEMO_ACCOUNTS, DEMO_OIDC)).not.toThrow();
    expect(validate([ACCOUNT])).not.toThrow();
  });

  test('no account, an empty key, a duplicate key (temporary ones included)', () => {
    expect(validate([])).toThrow('at least one account');
    expect(validate([{ ...ACCOUNT, accessKeySecret: '' }])).toThrow('non-empty');
    expect(validate([ACCOUNT, ACCOUNT])).toThrow('duplicate accessKeyId AK');
    const held = { accessKeyId: 'STS.X', accessKeySecret: 's', securityToken: 't', expiration: new Date() };
    expect(validate([{ ...ACCOUNT, temporaryCredentials: [held] }, { ...ACCOUNT, accessKeyId: 'AK2', temporaryCredentials: [held] }])).toThrow('duplicate accessKeyId STS.X');
  });

  test('a temporary key without the STS. prefix', () => {
    expect(validate([{ ...ACCOUNT, temporaryCredentials: [{ accessKeyId: 'LTAI', accessKeySecret: 's', securityToken: 't', expiration: new Date() }] }])).toThrow('must start with STS.');
  });

  test('TemplateType 3 if and only if international; IntlType only there', () => {
    expect(validate([{ ...ACCOUNT, templates: [{ code: 'SMS_2', kind: 'mainland', content: 'x', templateType: 3 }] }])).toThrow('TemplateType 3');
    expect(validate([{ ...ACCOUNT, templates: [{ code: 'SMS_2', kind: 'international', content: 'x', templateType: 0 }] }])).toThrow('TemplateType 0');
    expect(validate([{ ...ACCOUNT, templates: [{ code: 'SMS_2', kind: 'mainland', content: 'x', intlType: 1 }] }])).toThrow('IntlType');
  });

  test('a sign listed as approved but detailed in another state, a duplicate template', () => {
    expect(validate([{ ...ACCOUNT, signs: [{ name: '签名', status: 'rejected' }] }])).toThrow('signNames (approved) but rejected');
    expect(validate([{ ...ACCOUNT, templates: [...ACCOUNT.templates, ...ACCOUNT.templates] }])).toThrow('template code appears twice');
  });

  test('roles must name an account and trust known providers', () => {
    const provider = { arn: 'p', issuer: 'i', clientIds: ['sts.aliyuncs.com'] };
    expect(validate([ACCOUNT], { providers: [provider], roles: [{ arn: 'r', accessKeyId: 'nobody', trustedProviderArns: ['p'] }] })).toThrow('names no account');
    expect(validate([ACCOUNT], { providers: [provider], roles: [{ arn: 'r', accessKeyId: 'AK', trustedProviderArns: ['q'] }] })).toThrow('unknown provider');
    expect(validate([ACCOUNT], { providers: [provider], roles: [{ arn: 'r', accessKeyId: 'AK', trustedProviderArns: ['p'], maxSessionDurationSeconds: 60 }] })).toThrow('900..43200');
  });
});
