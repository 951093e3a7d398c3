// The two Dysmsapi 2017-05-25 era products that deliver verification codes with approved
// template codes, and what differs between them: the action, the parameter names, where the
// BizId is, who may receive, and where they are served. The international site is ./intl/.
import type { SenderConfig } from '../config/schema.js';
import type { Region } from '../phone.js';
import { templateOfEntry } from '../templates/choose.js';
import { sendSmsDefaultParams, sendSmsVerifyCodeDefaultParams, templateParamFor, type TemplateParams } from '../templates/params.js';

import type { AliyunAnswer } from './answer.js';
import type { AliyunProduct } from './codes/classify.js';
import { dypnsCodes } from './codes/dypns.js';
import { dysmsCodes } from './codes/dysms.js';
import type { ConfigIssue, ProductDefinition, SendCall, SendInput } from './product.js';
import { defaultRegionId, dypnsEndpoint, dysmsEndpointOf, mainlandRegions, supportedRegions } from './regions.js';

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

/** The send API of the two template-code products (tests call them directly). */
export const sendApiOf = (product: 'dysms' | 'dypns'): SendApi => (product === 'dypns' ? sendSmsVerifyCodeApi : sendSmsApi);

// Both take an approved template code for every entry and an approved sign name.
const templateCodeIssues = (config: SenderConfig): ConfigIssue[] => [
  ...(config.signName === undefined ? [{ path: ['signName'], message: 'is required' }] : []),
  ...config.templates.flatMap((entry, index) =>
    entry.templateCode === undefined ? [{ path: ['templates', index, 'templateCode'], message: 'is required' }] : []
  ),
];

const callOf =
  (api: SendApi, defaultParams: Readonly<TemplateParams>) =>
  ({ config, recipient, entry, code }: SendInput): SendCall => {
    const region: Region = recipient.region;
    const { templateCode, params } = templateOfEntry(entry, region, defaultParams);
    return {
      action: api.action,
      version: api.version,
      parameters: api.parameters({
        phoneNumber: recipient.aliyunNumber,
        mainlandNumber: region === 'mainland' ? recipient.aliyunNumber : undefined,
        // Required by the config rules above; only an unvalidated config could lack it.
        signName: config.signName ?? '',
        templateCode,
        // Exactly the entry's params: never locale, uiLocales, link or anything else of the
        // payload, which would break Aliyun's verification templates ("Params must be [a-zA-Z0-9]").
        templateParam: templateParamFor(params, code),
      }),
      accept: api.accept,
    };
  };

/** Short Message Service on the China site (aliyun.com accounts). */
export const dysmsProduct: ProductDefinition = {
  product: 'dysms',
  codes: dysmsCodes,
  regions: supportedRegions,
  defaultRegion: defaultRegionId,
  regionRule: 'must be a region with a Dysmsapi endpoint',
  endpointOf: dysmsEndpointOf,
  configIssues: templateCodeIssues,
  sendCall: callOf(sendSmsApi, sendSmsDefaultParams),
};

/** The SMS authentication service (Dypnsapi), mainland only. */
export const dypnsProduct: ProductDefinition = {
  product: 'dypns',
  codes: dypnsCodes,
  regions: mainlandRegions,
  defaultRegion: defaultRegionId,
  regionRule: 'must be a mainland China region: the SMS authentication service (dypns) exists only there',
  endpointOf: () => dypnsEndpoint,
  configIssues: templateCodeIssues,
  sendCall: callOf(sendSmsVerifyCodeApi, sendSmsVerifyCodeDefaultParams),
};
