import { expect, test } from 'vitest';
import { OidcKeys } from './oidc.js';

const PROVIDER = { arn: 'acs:ram::1:oidc-provider/p', issuer: 'https://issuer.example', clientIds: ['sts.aliyuncs.com', 'other'] };
const NOW = new Date('2026-01-01T00:00:00Z');

test('an issued token verifies, with its claims read back', () => {
  const keys = new OidcKeys();
  const token = keys.issue(PROVIDER, { providerArn: PROVIDER.arn, subject: 'me', audience: ['other'], lifetimeSeconds: 60 }, NOW);
  expect(token.split('.')).toHaveLength(3);
  expect(keys.verify(PROVIDER, token, NOW)).toEqual({
    ok: true,
    claims: { issuer: 'https://issuer.example', subject: 'me', audiences: ['other'], issuedAt: NOW, expiresAt: new Date(NOW.getTime() + 60_000) },
  });
});

test('it expires at exp, and another emulator (other keys) rejects its signature', () => {
  const keys = new OidcKeys();
  const token = keys.issue(PROVIDER, { providerArn: PROVIDER.arn, lifetimeSeconds: 60 }, NOW);
  expect(keys.verify(PROVIDER, token, new Date(NOW.getTime() + 59_999)).ok).toBe(true);
  expect(keys.verify(PROVIDER, token, new Date(NOW.getTime() + 60_000))).toMatchObject({ ok: false, code: 'AuthenticationFail.OIDCToken.Expired' });
  expect(new OidcKeys().verify(PROVIDER, token, NOW)).toMatchObject({ ok: false, code: 'AuthenticationFail.OIDCToken.InvalidSignature' });
});

test('claims that do not parse are invalid, not a crash', () => {
  const keys = new OidcKeys();
  const header = Buffer.from('{"alg":"RS256"}').toString('base64url');
  expect(keys.verify(PROVIDER, `${header}.${Buffer.from('{"sub":1}').toString('base64url')}.x`, NOW)).toMatchObject({ code: 'AuthenticationFail.OIDCToken.Invalid' });
  expect(keys.verify(PROVIDER, `${header}.%%%.x`, NOW)).toMatchObject({ code: 'AuthenticationFail.OIDCToken.Invalid' });
});
