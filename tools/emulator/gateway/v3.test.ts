import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hashPayload, startEmulator, v3CanonicalRequest, v3StringToSign, type Emulator } from '../index.js';
import { field, json, send } from '../test-client.js';
import { sendV3, signedCall, signedV3Call, type V3CallOptions } from '../test-client-v3.js';

const START = new Date('2025-01-01T12:00:00Z');
const SEND_SMS = { PhoneNumbers: '13800138000', SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"123456"}' };

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: START });
});

afterEach(async () => {
  await emulator.close();
});

function call(overrides: Partial<V3CallOptions> = {}): ReturnType<typeof signedV3Call> {
  return signedV3Call({ url: emulator.url, now: emulator.clock.now(), action: 'SendSms', params: SEND_SMS, ...overrides });
}

async function answer(overrides: Partial<V3CallOptions> = {}): Promise<{ status: number; body: unknown }> {
  const result = await sendV3(call(overrides));
  return { status: result.status, body: json(result) };
}

describe('V3 requests that pass', () => {
  test('a form POST signed by the SDK is accepted, answered in JSON and recorded as V3', async () => {
    const { status, body } = await answer();
    expect(status).toBe(200);
    expect(body).toMatchObject({ Code: 'OK', Message: 'OK' });
    expect(emulator.messages[0]).toMatchObject({ api: 'SendSms', signatureVersion: 'v3', phoneNumber: '13800138000' });
    const recorded = emulator.requests[0];
    expect(recorded).toMatchObject({ signatureVersion: 'v3', action: 'SendSms', version: '2017-05-25', verdict: { signatureVerified: true } });
    expect(recorded?.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(recorded?.headers['x-acs-action']).toBe('SendSms');
  });

  test('parameters may travel in the query of a GET instead', async () => {
    expect((await answer({ method: 'GET' })).body).toMatchObject({ Code: 'OK' });
  });

  test('a V3 answer is XML only when Format=XML asks for it', async () => {
    const result = await sendV3(call({ params: { ...SEND_SMS, Format: 'XML' } }));
    expect(result.body).toMatch(/^<\?xml .*<SendSmsResponse><Message>OK<\/Message>/);
  });
});

describe('V3 requests that fail', () => {
  test('a wrong secret gets SignatureDoesNotMatch showing the server string to sign and canonical request', async () => {
    const sent = call({ secret: 'not-the-secret' });
    const result = await sendV3(sent);
    expect(result.status).toBe(400);
    const message = String(field(json(result), 'Message'));
    const canonical = v3CanonicalRequest({
      method: 'POST',
      pathname: '/',
      query: {},
      signedHeaders: Object.fromEntries(Object.entries(sent.headers).filter(([name]) => name !== 'authorization')),
      hashedPayload: hashPayload(Buffer.from(sent.body ?? '')),
    });
    expect(message).toBe(`Specified signature is not matched with our calculation. server string to sign is:${v3StringToSign(canonical)} server canonical request is:${canonical}`);
    expect(emulator.messages).toHaveLength(0);
  });

  test('a body that is not the signed one does not match, and the message says the hash is wrong', async () => {
    const { status, body } = await answer({ sentBody: new URLSearchParams({ ...SEND_SMS, PhoneNumbers: '13900139000' }).toString() });
    expect(status).toBe(400);
    expect(body).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(String(field(body, 'Message'))).toContain('x-acs-content-sha256 does not match the body');
    expect(emulator.messages).toHaveLength(0);
  });

  test('a content hash that lies about the body does not match even when signed', async () => {
    const { body } = await answer({ headers: { 'x-acs-content-sha256': hashPayload(Buffer.from('something else')) } });
    expect(body).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  test('a signed header changed after signing does not match', async () => {
    expect((await answer({ headersAfterSigning: { 'x-acs-signature-nonce': 'changed' } })).body).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  test('every x-acs-* header must be signed', async () => {
    const { status, body } = await answer({ headersAfterSigning: { 'x-acs-extra': 'smuggled' } });
    expect(status).toBe(400);
    expect(body).toMatchObject({ Code: 'IncompleteSignature' });
    expect(String(field(body, 'Message'))).toContain('"x-acs-extra" is not');
  });

  test('host must be signed', async () => {
    const sent = call();
    const authorization = (sent.headers.authorization ?? '').replace('SignedHeaders=content-type;host;', 'SignedHeaders=content-type;');
    const result = await sendV3({ ...sent, headers: { ...sent.headers, authorization } });
    expect(json(result)).toMatchObject({ Code: 'IncompleteSignature' });
    expect(String(field(json(result), 'Message'))).toContain('must include host');
  });

  test('an Authorization in another shape or algorithm is incomplete', async () => {
    expect((await answer({ headersAfterSigning: { authorization: 'Bearer abc' } })).body).toMatchObject({ Code: 'IncompleteSignature' });
    const sent = call();
    const sm3 = (sent.headers.authorization ?? '').replace('ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3');
    expect(json(await sendV3({ ...sent, headers: { ...sent.headers, authorization: sm3 } }))).toMatchObject({ Code: 'IncompleteSignature' });
    expect((await answer({ headersAfterSigning: { authorization: undefined } })).body).toMatchObject({ Code: 'IncompleteSignature' });
  });

  test('missing nonce, date or content hash are named', async () => {
    expect((await answer({ headers: { 'x-acs-signature-nonce': undefined } })).body).toMatchObject({ Code: 'MissingSignatureNonce' });
    expect((await answer({ headers: { 'x-acs-date': undefined } })).body).toMatchObject({ Code: 'MissingTimestamp' });
    expect((await answer({ headers: { 'x-acs-content-sha256': undefined } })).body).toMatchObject({ Code: 'IncompleteSignature' });
    expect((await answer({ headers: { 'x-acs-version': undefined } })).body).toMatchObject({ Code: 'MissingVersion' });
  });

  test('x-acs-date follows the same format and ±15 minute window as V1', async () => {
    expect((await answer({ headers: { 'x-acs-date': '2025-01-01T12:00:00.000Z' } })).body).toMatchObject({ Code: 'InvalidTimeStamp.Format' });
    const early = call();
    emulator.clock.advance(15 * 60_000 + 2_000);
    expect(json(await sendV3(early))).toMatchObject({ Code: 'InvalidTimeStamp.Expired' });
  });

  test('a reused nonce is refused, and shared with V1: the store is per AccessKeyId', async () => {
    const nonce = '6a1f0c2e-5b3d-4e7f-8a9b-0c1d2e3f4a5b';
    expect((await answer({ headers: { 'x-acs-signature-nonce': nonce } })).body).toMatchObject({ Code: 'OK' });
    expect((await answer({ headers: { 'x-acs-signature-nonce': nonce }, params: { ...SEND_SMS, PhoneNumbers: '13800138001' } })).body).toMatchObject({
      Code: 'SignatureNonceUsed',
    });
    const v1 = signedCall({ now: emulator.clock.now(), action: 'SendSms', params: { ...SEND_SMS, PhoneNumbers: '13800138002', SignatureNonce: nonce } });
    expect(json(await send(emulator.url, v1))).toMatchObject({ Code: 'SignatureNonceUsed' });
  });

  test('an unknown Credential is InvalidAccessKeyId.NotFound', async () => {
    const { status, body } = await answer({ accessKeyId: 'LTAI5tNobody' });
    expect(status).toBe(404);
    expect(body).toMatchObject({ Code: 'InvalidAccessKeyId.NotFound' });
  });

  test('an unknown x-acs-action is InvalidAction.NotFound, a known one at another version InvalidVersion', async () => {
    expect((await answer({ action: 'QuerySendStatistics' })).body).toMatchObject({ Code: 'InvalidAction.NotFound' });
    expect((await answer({ version: '2018-05-01' })).body).toMatchObject({ Code: 'InvalidVersion' });
  });
});
