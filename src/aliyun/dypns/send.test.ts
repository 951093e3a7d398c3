import { describe, expect, it } from 'vitest';

import { answerOf as answer, mainlandSms as mainland } from '../template-code-send.fixtures.js';

import { sendSmsVerifyCodeApi } from './send.js';

describe('sendSmsVerifyCodeApi (Dypnsapi SendSmsVerifyCode)', () => {
  it('calls SendSmsVerifyCode 2017-05-25 of the dypns product', () => {
    expect(sendSmsVerifyCodeApi).toMatchObject({ product: 'dypns', action: 'SendSmsVerifyCode', version: '2017-05-25' });
  });

  it('sends the national number as PhoneNumber, with CountryCode 86', () => {
    expect(sendSmsVerifyCodeApi.parameters({ ...mainland, phoneNumber: '8613800138000' })).toEqual({
      PhoneNumber: '13800138000',
      CountryCode: '86',
      SignName: '阿里云短信测试',
      TemplateCode: 'SMS_154950909',
      TemplateParam: '{"code":"482913"}',
    });
  });

  // The caller refuses other recipients before; should one slip through, Aliyun gets an empty
  // number (and refuses the call) rather than the number of another country.
  it('leaves PhoneNumber empty for a recipient without a mainland number, never sending the full one', () => {
    const parameters = sendSmsVerifyCodeApi.parameters({ ...mainland, phoneNumber: '85212345678', mainlandNumber: undefined });
    expect(parameters).toMatchObject({ PhoneNumber: '', CountryCode: '86' });
    expect(Object.values(parameters)).not.toContain('85212345678');
  });

  it('never sends the plural PhoneNumbers of SendSms', () => {
    expect(Object.keys(sendSmsVerifyCodeApi.parameters(mainland))).not.toContain('PhoneNumbers');
  });

  it('accepts an OK answer by Model.BizId', () => {
    expect(
      sendSmsVerifyCodeApi.accept(
        answer({ Code: 'OK', Success: true, RequestId: 'REQ-2', Model: { BizId: '112233^0', RequestId: 'REQ-2' } })
      )
    ).toEqual({ BizId: '112233^0', RequestId: 'REQ-2' });
  });

  it.each([
    ['no Model', { Code: 'OK', RequestId: 'R' }],
    ['only a top-level BizId', { Code: 'OK', RequestId: 'R', BizId: 'B' }],
    ['an empty Model.BizId', { Code: 'OK', RequestId: 'R', Model: { BizId: '' } }],
    ['a Model that is not an object', { Code: 'OK', RequestId: 'R', Model: 'B' }],
  ])('does not accept an answer with %s', (_name, json) => {
    expect(sendSmsVerifyCodeApi.accept(answer(json))).toBeUndefined();
  });
});
