import { fillTemplate } from '../accounts.js';
import { findSign, findTemplate } from '../catalog.js';
import { mainlandNumber } from '../phone.js';
import { checkTemplateParam } from '../template-param.js';
import { accept } from '../verdict.js';
import { missingParameter, type ApiOutcome, type SignedApi, type SignedApiRequest } from './api.js';
import { INTL_VERSION, intlAccepted, intlRefusal, newMessageId, numberDetail } from './intl-answers.js';

const REQUIRED = ['To', 'From', 'TemplateCode'] as const;

// The 2017 API's TemplateParam codes, as the 2018 API names them (no isv. prefix, own names).
const PARAM_CODES: Readonly<Record<string, string>> = {
  'isv.TEMPLATE_MISSING_PARAMETERS': 'CONTENT_MISSING_PARAMETERS',
  'isv.INVALID_JSON_PARAM': 'INVALID_JSON_PARAM',
  'isv.PARAM_LENGTH_LIMIT': 'PARAM_LENGTH_LIMIT',
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'INVALID_PARAMETERS',
};

/**
 * Dysmsapi 2018-05-01 SendMessageWithTemplate (international site): an approved mainland
 * template to a mainland number (`86` + 11 digits), signed with the approved sign name in
 * `From`. Not offered in Jakarta (ap-southeast-5): Aliyun's answer there is undocumented, the
 * emulator says FORBIDDEN_ACTION when the request's RegionId names it.
 */
export function createSendMessageWithTemplateApi(): SignedApi {
  const handle = (request: SignedApiRequest): ApiOutcome => {
    const { values, credential } = request;
    if (values.get('RegionId') === 'ap-southeast-5') {
      return intlRefusal('FORBIDDEN_ACTION', 'SendMessageWithTemplate is not offered in ap-southeast-5 (Jakarta)');
    }
    const missing = missingParameter(values, REQUIRED, true);
    if (missing !== undefined) return missing;
    const to = values.get('To') ?? '';
    const from = values.get('From') ?? '';
    const templateCode = values.get('TemplateCode') ?? '';
    const national = /^86\d{11}$/.test(to) ? mainlandNumber(to.slice(2)) : undefined;
    if (national === undefined) return intlRefusal('MOBILE_NUMBER_ILLEGAL', 'To takes a mainland China mobile number as 86 followed by 11 digits');
    const sign = findSign(credential.account, from);
    if (sign?.status !== 'approved' || !sign.usable) return intlRefusal('SMS_SIGN_NAME_ILLEGAL', `The sign name "${from}" does not exist or is not approved`);
    const template = findTemplate(credential.account, templateCode);
    if (template?.status !== 'approved' || template.kind !== 'mainland') {
      return intlRefusal('SMS_CONTENT_CODE_ILLEGAL', `The template "${templateCode}" does not exist, is not approved or is not a mainland template`);
    }
    const param = checkTemplateParam(values.get('TemplateParam'), template);
    if (!param.ok) return intlRefusal(PARAM_CODES[param.code] ?? 'INVALID_PARAMETERS', param.message);
    const messageId = newMessageId();
    return {
      verdict: accept(),
      body: intlAccepted(request.requestId, {
        Segments: '1',
        To: to,
        MessageId: messageId,
        NumberDetail: numberDetail(to),
      }),
      message: {
        phoneNumber: to,
        e164: `+86${national}`,
        region: 'mainland',
        signName: from,
        templateCode: template.code,
        templateParam: param.values,
        text: fillTemplate(template.content, param.values),
        bizId: messageId,
        requestId: request.requestId,
        outId: undefined,
        accessKeyId: credential.accessKeyId,
        acceptedAt: request.now,
        api: 'SendMessageWithTemplate',
        signatureVersion: request.signatureVersion,
      },
    };
  };
  return {
    action: 'SendMessageWithTemplate',
    version: INTL_VERSION,
    product: 'DysmsapiIntl',
    auth: 'signed',
    ramAction: 'dysms:SendMessageWithTemplate',
    sendOnlyAllowed: true,
    handle,
  };
}
