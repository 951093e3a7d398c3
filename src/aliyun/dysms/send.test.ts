import { describe, expect, it } from 'vitest';

import { answerOf as answer, mainlandSms as mainland } from '../template-code-send.fixtures.js';

import { sendSmsApi } from './send.js';

describe('sendSmsApi (Dysmsapi SendSms)', () => {
  it('calls SendSms 2017-05-25 of the dysms product', () => {
    expect(sendSmsApi).toMatchObject({ product: 'dysms', action: 'SendSms', version: '2017-05-25' });
  });

  it('sends exactly PhoneNumbers, SignName, TemplateCode and TemplateParam', () => {
    expect(sendSmsApi.parameters({ ...mainland, phoneNumber: '85212345678', mainlandNumber: undefined })).toEqual({
      PhoneNumbers: '85212345678',
      SignName: '阿里云短信测试',
      TemplateCode: 'SMS_154950909',
      TemplateParam: '{"code":"482913"}',
    });
  });

  it('accepts an OK answer by its top-level BizId', () => {
    expect(sendSmsApi.accept(answer({ Code: 'OK', RequestId: 'REQ-1', BizId: '900619746936498440^0' }))).toEqual({
      BizId: '900619746936498440^0',
      RequestId: 'REQ-1',
    });
  });

  it('keeps an empty RequestId when Aliyun sent none', () => {
    expect(sendSmsApi.accept(answer({ Code: 'OK', BizId: 'B' }))).toEqual({ BizId: 'B', RequestId: '' });
  });

  it.each([
    ['no BizId', { Code: 'OK', RequestId: 'R' }],
    ['an empty BizId', { Code: 'OK', RequestId: 'R', BizId: '' }],
    ['a BizId that is not text', { Code: 'OK', RequestId: 'R', BizId: 12_345 }],
    ['only Dypnsapi’s Model.BizId', { Code: 'OK', RequestId: 'R', Model: { BizId: 'B' } }],
  ])('does not accept an answer with %s', (_name, json) => {
    expect(sendSmsApi.accept(answer(json))).toBeUndefined();
  });
});
