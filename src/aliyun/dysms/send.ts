// Short Message Service's send call: SendSms with the account's own approved sign name and templates.
import { bizIdResult, type SendApi } from '../template-code-send.js';

/** SendSms (Dysmsapi 2017-05-25): the plural PhoneNumbers, the BizId at the top of the answer. */
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
  accept: (answer) => bizIdResult(answer.BizId, answer),
};
