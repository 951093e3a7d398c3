// Alibaba's own client for Dysmsapi 2018-05-01 against the emulator's international-site
// operations, signing V1 (its RPC path, signatureAlgorithm "v2") and V3 (its default): if the
// SDK reads the emulator's answers into its models, the emulator speaks the API's shapes.
import { $OpenApiUtil } from '@alicloud/openapi-core';
import Dysmsapi, { QueryMessageRequest, SendMessageToGlobeRequest, SendMessageWithTemplateRequest } from '@alicloud/dysmsapi20180501';
import { describe, expect, test } from 'vitest';
import { DEMO_ACCOUNT } from '../index.js';
import { emulatorPerFile } from '../../../test/support/emulator-per-file.js';

const emulator = emulatorPerFile({ rateLimits: false });

const signings = [
  ['V1', 'v2'],
  ['V3', undefined],
] as const;

function client(signatureAlgorithm: string | undefined, secret = DEMO_ACCOUNT.accessKeySecret): Dysmsapi {
  return new Dysmsapi(
    new $OpenApiUtil.Config({
      accessKeyId: DEMO_ACCOUNT.accessKeyId,
      accessKeySecret: secret,
      endpoint: new URL(emulator().url).host,
      protocol: 'http',
      regionId: 'ap-southeast-1',
      ...(signatureAlgorithm === undefined ? {} : { signatureAlgorithm }),
    }),
  );
}

describe.each(signings)('signed %s', (version, signatureAlgorithm) => {
  test('SendMessageToGlobe: the SDK reads ResponseCode, MessageId, Segments and NumberDetail', async () => {
    const answer = await client(signatureAlgorithm).sendMessageToGlobe(
      new SendMessageToGlobeRequest({ to: '6591234567', message: 'Your code is 123456', from: 'Logto', type: 'OTP' }),
    );
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ responseCode: 'OK', segments: '1', to: '6591234567', from: 'Logto', numberDetail: { country: 'SG' } });
    expect(answer.body?.messageId).toMatch(/^\d{10,}$/);
    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({ api: 'SendMessageToGlobe', text: 'Your code is 123456', signatureVersion: version.toLowerCase() });
  });

  test('SendMessageWithTemplate, then QueryMessage finds the message', async () => {
    const sent = await client(signatureAlgorithm).sendMessageWithTemplate(
      new SendMessageWithTemplateRequest({ to: '8613800138000', from: '阿里云短信测试', templateCode: 'SMS_154950909', templateParam: '{"code":"1234"}' }),
    );
    expect(sent.body).toMatchObject({ responseCode: 'OK', to: '8613800138000' });
    const messageId = sent.body?.messageId ?? '';
    const queried = await client(signatureAlgorithm).queryMessage(new QueryMessageRequest({ messageId }));
    expect(queried.body).toMatchObject({ responseCode: 'OK', messageId, errorCode: 'DELIVERED', to: '8613800138000' });
    expect(queried.body?.message).toContain('1234');
  });

  test('a business refusal is an answer the SDK reads, not an exception', async () => {
    const answer = await client(signatureAlgorithm).sendMessageToGlobe(new SendMessageToGlobeRequest({ to: '8613800138000', message: 'Your code is 123456' }));
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ responseCode: 'NOT_SUPPORTED_COUNTRY' });
    expect(emulator().messages).toHaveLength(0);
  });

  test('a wrong secret is refused at the gateway, which the SDK throws with Aliyun’s code', async () => {
    await expect(
      client(signatureAlgorithm, 'not-the-secret').sendMessageToGlobe(new SendMessageToGlobeRequest({ to: '6591234567', message: 'Your code is 123456' })),
    ).rejects.toThrow(/SignatureDoesNotMatch/);
  });
});
