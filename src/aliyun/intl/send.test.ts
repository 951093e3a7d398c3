import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { validateConfig } from '../../config/parse.js';
import { resolveRecipient } from '../../phone.js';

import { messageIdOf, readIntlAnswer } from './answer.js';
import { intlSendCall } from './send.js';

const base = {
  accessKeyId: 'LTAI5tIntlKey',
  accessKeySecret: 'intl-secret',
  service: 'intl',
  templates: [{ usageType: 'Generic', message: 'Your Example code is {{code}}.' }],
};

const callFor = (input: Record<string, unknown>, to: string) => {
  const config = validateConfig({ ...base, ...input });
  const [entry] = config.templates;
  if (entry === undefined) {
    throw new Error('no entry');
  }
  return intlSendCall({ config, recipient: resolveRecipient(to, { strict: true }), entry, code: '482913' });
};

const refusalOf = (run: () => unknown): ConnectorError => {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ConnectorError) {
      return error;
    }
  }
  throw new Error('not refused');
};

describe('intlSendCall', () => {
  it('sends free text to a number outside the mainland with SendMessageToGlobe, Type OTP', () => {
    const call = callFor({}, '+6591234567');
    expect(call).toMatchObject({ action: 'SendMessageToGlobe', version: '2018-05-01' });
    expect(call.parameters).toEqual({ To: '6591234567', Message: 'Your Example code is 482913.', Type: 'OTP' });
  });

  it('sends the sender ID as From', () => {
    expect(callFor({ senderId: 'Example' }, '+447911123456').parameters).toMatchObject({ From: 'Example', To: '447911123456' });
  });

  it('sends a mainland number the entry’s templateCode with SendMessageWithTemplate, signName as From, never free text', () => {
    const call = callFor(
      { signName: '阿里云短信测试', senderId: 'Example', templates: [{ usageType: 'Generic', message: '{{code}}', templateCode: 'SMS_154950909' }] },
      '+8613800138000'
    );
    expect(call.action).toBe('SendMessageWithTemplate');
    expect(call.parameters).toEqual({
      To: '8613800138000',
      From: '阿里云短信测试',
      TemplateCode: 'SMS_154950909',
      TemplateParam: '{"code":"482913"}',
    });
  });

  it('fills the entry’s params for the mainland template', () => {
    const templates = [{ usageType: 'Generic', message: '{{code}}', templateCode: 'SMS_1', params: { number: '{{code}}', min: '5' } }];
    expect(callFor({ signName: 'S', templates }, '+8613800138000').parameters.TemplateParam).toBe('{"number":"482913","min":"5"}');
  });

  it('refuses a mainland number before any request when the entry has no templateCode, saying what to configure', () => {
    const error = refusalOf(() => callFor({ signName: 'S' }, '+8613800138000'));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(error.data).toMatchObject({ reason: 'mainland_needs_template', maskedPhoneNumber: '138******00' });
    const description = String(Reflect.get(Object(error.data), 'errorDescription'));
    expect(description).toContain('add "templateCode" (an approved mainland template) to the templates entry for usage type "Generic"');
    expect(description).not.toContain('13800138000');
    expect(description).not.toContain('set signName');
  });

  it('says both when neither templateCode nor signName is there (an unvalidated config)', () => {
    const config = validateConfig(base);
    const [entry] = config.templates;
    if (entry === undefined) {
      throw new Error('no entry');
    }
    const error = refusalOf(() =>
      intlSendCall({ config, recipient: resolveRecipient('+8613800138000'), entry: { ...entry, locale: 'en' }, code: '482913' })
    );
    const description = String(Reflect.get(Object(error.data), 'errorDescription'));
    expect(description).toContain('usage type "Generic" (locale "en"), and set signName');
  });
});

describe('the international site’s answers', () => {
  it('read ResponseCode as the Code, ResponseDescription as the Message', () => {
    expect(readIntlAnswer('{"RequestId":"R","ResponseCode":"INVALID_SENDERID","ResponseDescription":"bad sender"}')).toEqual({
      Code: 'INVALID_SENDERID',
      Message: 'bad sender',
      RequestId: 'R',
    });
    expect(readIntlAnswer('{"ResponseCode":"OK"}')).toEqual({ Code: 'OK' });
  });

  it('read a gateway error by its Code', () => {
    expect(readIntlAnswer('{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"m","HostId":"h"}')).toMatchObject({
      Code: 'SignatureDoesNotMatch',
      Message: 'm',
    });
  });

  it('are not answers without a text code', () => {
    expect(readIntlAnswer('<html>')).toBeUndefined();
    expect(readIntlAnswer('{"ResponseCode":1}')).toBeUndefined();
    expect(readIntlAnswer('null')).toBeUndefined();
  });

  it('accept an OK answer only with a MessageId', () => {
    const call = callFor({}, '+6591234567');
    expect(call.accept({ Code: 'OK', RequestId: 'R' }, '{"ResponseCode":"OK","MessageId":"123456","RequestId":"R"}')).toEqual({
      MessageId: '123456',
      RequestId: 'R',
    });
    expect(call.accept({ Code: 'OK', RequestId: 'R' }, '{"ResponseCode":"OK","MessageId":""}')).toBeUndefined();
    expect(messageIdOf('{"ResponseCode":"OK","MessageId":42}')).toBeUndefined();
  });
});
