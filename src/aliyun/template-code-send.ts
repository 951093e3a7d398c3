// What the two Dysmsapi 2017-05-25 era products (dysms, dypns) share: a send with the account's
// approved sign name and template code, answered with a BizId. Each product's folder says its
// action, its parameter names, where its BizId is and where it is served.
import type { SenderConfig } from '../config/schema.js';
import type { Region } from '../phone.js';
import { templateOfEntry } from '../templates/choose.js';
import { templateParamFor, type TemplateParams } from '../templates/params.js';

import type { AliyunProduct } from './classify.js';
import type { ConfigIssue, SendCall, SendInput } from './product.js';
import type { AliyunAnswer } from './rpc/answer.js';

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

/** The accepted result for a BizId, or undefined when the answer lacks one. */
export const bizIdResult = (bizId: string | undefined, answer: AliyunAnswer): SendResult | undefined =>
  bizId === undefined || bizId === '' ? undefined : { BizId: bizId, RequestId: answer.RequestId ?? '' };

/** Both products take an approved template code for every entry and an approved sign name. */
export const templateCodeIssues = (config: SenderConfig): ConfigIssue[] => [
  ...(config.signName === undefined ? [{ path: ['signName'], message: 'is required' }] : []),
  ...config.templates.flatMap((entry, index) =>
    entry.templateCode === undefined ? [{ path: ['templates', index, 'templateCode'], message: 'is required' }] : []
  ),
];

/** The product's send call for one recipient, from its API and its default template params. */
export const templateCodeSendCall =
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
