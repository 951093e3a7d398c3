import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO_ACCOUNT, DEMO_OIDC, startEmulator, type Emulator } from '../index.js';
import { aliyunTimestamp, field, json, send, type Answer } from '../test-client.js';
import { sendV3, signedCall, signedV3Call } from '../test-client-v3.js';

const START = new Date('2026-03-01T08:00:00Z');
const PROVIDER = DEMO_OIDC.providers[0]?.arn ?? '';
const ROLE = DEMO_OIDC.roles[0]?.arn ?? '';
const SEND_ONLY_ROLE = DEMO_OIDC.roles[1]?.arn ?? '';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: START });
});

afterEach(async () => {
  await emulator.close();
});

/** POSTs AssumeRoleWithOIDC the way @alicloud/credentials does: common parameters in the query, the rest as a form. */
function assume(form: Readonly<Record<string, string | undefined>> = {}, timestamp = emulator.clock.now()): Promise<Answer> {
  const query = new URLSearchParams({ Version: '2015-04-01', Action: 'AssumeRoleWithOIDC', Format: 'JSON', Timestamp: aliyunTimestamp(timestamp) });
  const body: Record<string, string> = {};
  const fields: Record<string, string | undefined> = { OIDCProviderArn: PROVIDER, OIDCToken: emulator.issueOidcToken({ providerArn: PROVIDER }), RoleArn: ROLE, RoleSessionName: 'logto-test', DurationSeconds: '3600', ...form };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) body[name] = value;
  return send(`${emulator.url}?${query.toString()}`, body);
}

function credentialsOf(answer: Answer): { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string } {
  const credentials = field(json(answer), 'Credentials');
  const text = (name: string): string => String(field(credentials, name));
  return { AccessKeyId: text('AccessKeyId'), AccessKeySecret: text('AccessKeySecret'), SecurityToken: text('SecurityToken'), Expiration: text('Expiration') };
}

describe('AssumeRoleWithOIDC', () => {
  test('a valid token for a trusting role gets fresh temporary credentials in Aliyun\'s shape', async () => {
    const answer = await assume();
    expect(answer.status).toBe(200);
    const body = json(answer);
    expect(Object.keys(body ?? {})).toEqual(['RequestId', 'OIDCTokenInfo', 'AssumedRoleUser', 'Credentials']);
    expect(body).toMatchObject({
      AssumedRoleUser: { Arn: `${ROLE}/logto-test` },
      OIDCTokenInfo: { Issuer: DEMO_OIDC.providers[0]?.issuer, ClientIds: 'sts.aliyuncs.com', Subject: 'system:serviceaccount:default:logto', VerificationInfo: 'Success' },
    });
    const credentials = credentialsOf(answer);
    expect(credentials.AccessKeyId).toMatch(/^STS\.[A-Za-z0-9]{25}$/);
    expect(credentials.SecurityToken).toMatch(/^CAIS/);
    expect(credentials.Expiration).toBe('2026-03-01T09:00:00Z');
    expect(emulator.issuedCredentials).toHaveLength(1);
    expect(emulator.issuedCredentials[0]).toMatchObject({ accessKeyId: credentials.AccessKeyId, roleArn: ROLE, accountAccessKeyId: DEMO_ACCOUNT.accessKeyId });
    expect(emulator.requests[0]).toMatchObject({ action: 'AssumeRoleWithOIDC', verdict: { code: 'OK', signatureVerified: false } });
  });

  test('the issued credentials send SMS (V1 and V3) until they expire on the emulator clock', async () => {
    const credentials = credentialsOf(await assume({ DurationSeconds: '900' }));
    const sms = { PhoneNumbers: '13800138000', SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"482913"}' };
    const signed = { accessKeyId: credentials.AccessKeyId, secret: credentials.AccessKeySecret, securityToken: credentials.SecurityToken };
    expect(json(await send(emulator.url, signedCall({ now: emulator.clock.now(), action: 'SendSms', params: sms, ...signed })))).toMatchObject({ Code: 'OK' });
    emulator.clock.advance(61_000);
    expect(json(await sendV3(signedV3Call({ url: emulator.url, now: emulator.clock.now(), action: 'SendSms', params: sms, ...signed })))).toMatchObject({ Code: 'OK' });
    expect(emulator.messages.map((message) => message.accessKeyId)).toEqual([credentials.AccessKeyId, credentials.AccessKeyId]);
    emulator.clock.advance(900_000);
    expect(json(await send(emulator.url, signedCall({ now: emulator.clock.now(), action: 'SendSms', params: sms, ...signed })))).toMatchObject({
      Code: 'InvalidSecurityToken.Expired',
    });
  });

  test("a send-only role's sessions may send but not read", async () => {
    const credentials = credentialsOf(await assume({ RoleArn: SEND_ONLY_ROLE }));
    const signed = { accessKeyId: credentials.AccessKeyId, secret: credentials.AccessKeySecret, securityToken: credentials.SecurityToken };
    const read = await send(emulator.url, signedCall({ now: emulator.clock.now(), action: 'GetSmsSign', params: { SignName: '阿里云短信测试' }, ...signed }));
    expect(read.status).toBe(403);
    expect(json(read)).toMatchObject({ Code: 'Forbidden.RAM', AccessDeniedDetail: { AuthAction: 'dysms:GetSmsSign', AuthPrincipalType: 'AssumedRoleUser' } });
  });

  test('anonymous V3 framing works too', async () => {
    const call = signedV3Call({
      url: emulator.url,
      now: emulator.clock.now(),
      action: 'AssumeRoleWithOIDC',
      version: '2015-04-01',
      params: { OIDCProviderArn: PROVIDER, OIDCToken: emulator.issueOidcToken({ providerArn: PROVIDER }), RoleArn: ROLE, RoleSessionName: 'v3-session' },
      headersAfterSigning: { authorization: undefined },
    });
    const answer = await sendV3(call);
    expect(answer.status).toBe(200);
    expect(credentialsOf(answer).AccessKeyId).toMatch(/^STS\./);
  });
});

describe('AssumeRoleWithOIDC refusals', () => {
  async function refusal(form: Readonly<Record<string, string | undefined>>, code: string, status: number): Promise<unknown> {
    const answer = await assume(form);
    expect(answer.status).toBe(status);
    const body = json(answer);
    expect(body).toMatchObject({ Code: code, HostId: 'sts.aliyuncs.com' });
    expect(emulator.issuedCredentials).toHaveLength(0);
    return body;
  }

  test('an unknown provider, role, or a role that does not trust the provider', async () => {
    await refusal({ OIDCProviderArn: 'acs:ram::1:oidc-provider/other' }, 'AuthenticationFail.NoPermission', 401);
    await refusal({ RoleArn: 'acs:ram::1234567890123456:role/nobody' }, 'EntityNotExist.Role', 404);
  });

  test('a role that trusts other providers only', async () => {
    await emulator.close();
    const other = 'acs:ram::1:oidc-provider/other';
    emulator = await startEmulator({
      now: START,
      oidc: { providers: [...DEMO_OIDC.providers, { arn: other, issuer: 'https://other.example', clientIds: ['sts.aliyuncs.com'] }], roles: DEMO_OIDC.roles },
    });
    const answer = await assume({ OIDCProviderArn: other, OIDCToken: emulator.issueOidcToken({ providerArn: other }) });
    expect(answer.status).toBe(401);
    expect(json(answer)).toMatchObject({ Code: 'AuthenticationFail.NoPermission', Message: 'There is no permission' });
  });

  test('an expired token (emulator clock), a foreign audience, a forged signature', async () => {
    await refusal({ OIDCToken: emulator.issueOidcToken({ providerArn: PROVIDER, lifetimeSeconds: 600, issuedAt: new Date(START.getTime() - 601_000) }) }, 'AuthenticationFail.OIDCToken.Expired', 401);
    await refusal({ OIDCToken: emulator.issueOidcToken({ providerArn: PROVIDER, audience: 'someone-else' }) }, 'AuthenticationFail.OIDCToken.AudienceNotMatch', 401);
    const [header, , signature] = emulator.issueOidcToken({ providerArn: PROVIDER }).split('.');
    const claims = Buffer.from(JSON.stringify({ iss: 'x', sub: 'admin', aud: 'sts.aliyuncs.com', iat: 1, exp: 9_999_999_999 })).toString('base64url');
    await refusal({ OIDCToken: `${header ?? ''}.${claims}.${signature ?? ''}` }, 'AuthenticationFail.OIDCToken.InvalidSignature', 401);
  });

  test('tokens that are not RS256 JWTs', async () => {
    await refusal({ OIDCToken: 'not-a-jwt' }, 'AuthenticationFail.OIDCToken.Invalid', 401);
    const hs256 = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"iss":"i","sub":"s","aud":"a","iat":1,"exp":2}').toString('base64url')}.c2ln`;
    const body = await refusal({ OIDCToken: hs256 }, 'AuthenticationFail.OIDCToken.Invalid', 401);
    expect(field(body, 'Message')).toBe('The algorithm HS256 that be specified in Jwt header is unknown.');
    await refusal({ OIDCToken: '' }, 'AuthenticationFail.OIDCToken.Invalid', 401);
  });

  test('a duration outside 900 s to the role maximum, a malformed session name, missing parameters', async () => {
    await refusal({ DurationSeconds: '899' }, 'InvalidParameter.DurationSeconds', 400);
    await refusal({ DurationSeconds: '3601' }, 'InvalidParameter.DurationSeconds', 400);
    await refusal({ DurationSeconds: 'soon' }, 'InvalidParameter.DurationSeconds', 400);
    await refusal({ RoleSessionName: 'a' }, 'InvalidParameter.RoleSessionName', 400);
    await refusal({ RoleSessionName: '忍者神龟' }, 'InvalidParameter.RoleSessionName', 400);
    await refusal({ RoleArn: undefined }, 'MissingRoleArn', 400);
  });

  test('a Timestamp outside the window, as for signed calls', async () => {
    const answer = await assume({}, new Date(START.getTime() - 16 * 60_000));
    expect(json(answer)).toMatchObject({ Code: 'InvalidTimeStamp.Expired' });
  });
});
