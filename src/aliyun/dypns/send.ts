// The SMS authentication service's send call: SendSmsVerifyCode with Aliyun's gift sign names.
import { bizIdResult, type SendApi } from '../template-code-send.js';

/** SendSmsVerifyCode (Dypnsapi 2017-05-25): mainland numbers only, the BizId in Model. */
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
  accept: (answer) => bizIdResult(answer.Model?.BizId, answer),
};
