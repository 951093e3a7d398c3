// The two Aliyun products that deliver verification codes, and what differs between them: the
// action, the parameter names, where the BizId is, and who may receive.
import type { AliyunAnswer } from './answer.js';
import type { AliyunProduct } from './codes/classify.js';

/** One verification-code SMS, as the connector decided it. */
export type SmsToSend = {
  /** Mainland China: the 11-digit national number; elsewhere country code and number. */
  phoneNumber: string;
  /** The 11-digit national number when the recipient is in mainland China. */
  mainlandNumber: string | undefined;
  signName: string;
  templateCode: string;
  templateParam: string;
};

/** Aliyun's ids of an accepted message. */
export type SendResult = { BizId: string; RequestId: string };

/** How a product's send call is made and read. */
export type SendApi = {
  product: AliyunProduct;
  action: string;
  version: string;
  parameters: (sms: SmsToSend) => Record<string, string>;
  accept: (answer: AliyunAnswer) => SendResult | undefined;
};

const result = (bizId: string | undefined, answer: AliyunAnswer): SendResult | undefined =>
  bizId === undefined || bizId === '' ? undefined : { BizId: bizId, RequestId: answer.RequestId ?? '' };

/** Short Message Service: SendSms with the account's own approved sign name and templates. */
export const sendSmsApi: SendApi = {
  product: 'dysms',
  action: 'SendSms',
  version: '2017-05-25',
  parameters: (sms) => ({
    PhoneNumbers: sms.phoneNumber,
    SignName: sms.signName,
    TemplateCode: sms.templateCode,
    TemplateParam: sms.templateParam,
  }),
  accept: (answer) => result(answer.BizId, answer),
};

/** The SMS authentication service: SendSmsVerifyCode with Aliyun's gift sign names, mainland only. */
export const sendSmsVerifyCodeApi: SendApi = {
  product: 'dypns',
  action: 'SendSmsVerifyCode',
  version: '2017-05-25',
  parameters: (sms) => ({
    // The caller refuses other recipients first (recipient-policy): without a mainland number
    // the parameter stays empty and Aliyun refuses the call, rather than reaching another country.
    PhoneNumber: sms.mainlandNumber ?? '',
    CountryCode: '86',
    SignName: sms.signName,
    TemplateCode: sms.templateCode,
    TemplateParam: sms.templateParam,
  }),
  accept: (answer) => result(answer.Model?.BizId, answer),
};

/** The send API of a product. */
export const sendApiOf = (product: AliyunProduct): SendApi =>
  product === 'dypns' ? sendSmsVerifyCodeApi : sendSmsApi;
