import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO_ACCOUNT, startEmulator, type Account, type Emulator } from '../index.js';
import { json, send } from '../test-client.js';
import { sendV3, signedCall, signedV3Call } from '../test-client-v3.js';

const START = new Date('2025-01-01T12:00:00Z');
const EXPIRES = new Date('2025-01-01T13:00:00Z');
const SEND_SMS = { PhoneNumbers: '13800138000', SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"123456"}' };

const TEMPORARY = { accessKeyId: 'STS.TestTemporaryKey', accessKeySecret: 'temporary-secret', securityToken: 'CAISTestToken', expiration: EXPIRES };
const ACCOUNT: Account = { ...DEMO_ACCOUNT, temporaryCredentials: [TEMPORARY] };

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: START, accounts: [ACCOUNT], rateLimits: false });
});

afterEach(async () => {
  await emulator.close();
});

async function v1(securityToken: string | undefined, accessKeyId = TEMPORARY.accessKeyId, secret = TEMPORARY.accessKeySecret): Promise<{ status: number; body: unknown }> {
  const answer = await send(emulator.url, signedCall({ now: emulator.clock.now(), action: 'SendSms', accessKeyId, secret, securityToken, params: SEND_SMS }));
  return { status: answer.status, body: json(answer) };
}

async function v3(securityToken: string | undefined, headers = {}): Promise<{ status: number; body: unknown }> {
  const answer = await sendV3(
    signedV3Call({
      url: emulator.url,
      now: emulator.clock.now(),
      action: 'SendSms',
      accessKeyId: TEMPORARY.accessKeyId,
      secret: TEMPORARY.accessKeySecret,
      securityToken,
      params: SEND_SMS,
      ...headers,
    }),
  );
  return { status: answer.status, body: json(answer) };
}

describe('temporary credentials with V1 (SecurityToken parameter, signed)', () => {
  test('the matching token is accepted and the message records the STS key', async () => {
    expect((await v1(TEMPORARY.securityToken)).body).toMatchObject({ Code: 'OK' });
    expect(emulator.messages[0]?.accessKeyId).toBe(TEMPORARY.accessKeyId);
  });

  test('no token: MissingSecurityToken', async () => {
    const { status, body } = await v1(undefined);
    expect(status).toBe(400);
    expect(body).toMatchObject({ Code: 'MissingSecurityToken', Message: 'SecurityToken is mandatory for this action.' });
  });

  test("another key's token: InvalidSecurityToken.MismatchWithAccessKey", async () => {
    expect((await v1('CAISSomeoneElse')).body).toMatchObject({ Code: 'InvalidSecurityToken.MismatchWithAccessKey' });
  });

  test('a token on a permanent key is a mismatch too', async () => {
    expect((await v1('CAISTestToken', DEMO_ACCOUNT.accessKeyId, DEMO_ACCOUNT.accessKeySecret)).body).toMatchObject({
      Code: 'InvalidSecurityToken.MismatchWithAccessKey',
    });
  });

  test('past its expiration on the emulator clock: InvalidSecurityToken.Expired', async () => {
    emulator.clock.set(new Date(EXPIRES.getTime() - 1_000));
    expect((await v1(TEMPORARY.securityToken)).body).toMatchObject({ Code: 'OK' });
    emulator.clock.set(EXPIRES);
    expect((await v1(TEMPORARY.securityToken)).body).toMatchObject({ Code: 'InvalidSecurityToken.Expired', Message: 'Specified SecurityToken is expired.' });
  });

  test('the token is signed: one added after signing does not match', async () => {
    const unsigned = signedCall({ now: emulator.clock.now(), action: 'SendSms', accessKeyId: TEMPORARY.accessKeyId, secret: TEMPORARY.accessKeySecret, params: SEND_SMS });
    const answer = await send(emulator.url, { ...unsigned, SecurityToken: TEMPORARY.securityToken });
    expect(json(answer)).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });
});

describe('temporary credentials with V3 (x-acs-security-token header, signed)', () => {
  test('the matching token is accepted', async () => {
    expect((await v3(TEMPORARY.securityToken)).body).toMatchObject({ Code: 'OK' });
    expect(emulator.messages[0]).toMatchObject({ accessKeyId: TEMPORARY.accessKeyId, signatureVersion: 'v3' });
  });

  test('no token, or a wrong or expired one, as with V1', async () => {
    expect((await v3(undefined)).body).toMatchObject({ Code: 'MissingSecurityToken' });
    expect((await v3('CAISWrong')).body).toMatchObject({ Code: 'InvalidSecurityToken.MismatchWithAccessKey' });
    emulator.clock.set(EXPIRES);
    expect((await v3(TEMPORARY.securityToken)).body).toMatchObject({ Code: 'InvalidSecurityToken.Expired' });
  });

  test('a token header added after signing is refused as unsigned', async () => {
    expect((await v3(undefined, { headersAfterSigning: { 'x-acs-security-token': TEMPORARY.securityToken } })).body).toMatchObject({
      Code: 'IncompleteSignature',
    });
  });
});
