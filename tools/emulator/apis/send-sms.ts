import { fillTemplate, type Account } from '../accounts.js';
import { findSign, findTemplate, isVerificationTemplate, type ResolvedSign, type ResolvedTemplate } from '../catalog.js';
import { checkPhoneNumber, refuseSeveralNumbers } from '../phone.js';
import type { RateLimiter } from '../rate-limit.js';
import { newBizId } from '../responses.js';
import { checkTemplateParam } from '../template-param.js';
import { accept } from '../verdict.js';
import { businessRefusal, isOutcome, missingParameter, type ApiOutcome, type SignedApi, type SignedApiRequest } from './api.js';

/** What SendSms needs from the emulator. */
export interface SendSmsDeps {
  /** Undefined when the run disabled rate limits. */
  readonly limiter: RateLimiter | undefined;
}

const REQUIRED = ['PhoneNumbers', 'SignName', 'TemplateCode'] as const;

function signOf(account: Account, signName: string): ResolvedSign | ApiOutcome {
  const sign = findSign(account, signName);
  // Aliyun answers a sign under review, rejected or cancelled as it answers a missing one: it is not among the usable signs.
  if (sign?.status !== 'approved') {
    return businessRefusal('isv.SMS_SIGNATURE_ILLEGAL', `该账号下找不到对应签名 (sign name "${signName}" is not approved for this account)`);
  }
  if (!sign.usable) return businessRefusal('isv.SIGN_STATE_ILLEGAL', `签名状态为"不可用" (sign name "${signName}" is approved but marked unusable)`);
  return sign;
}

function templateOf(account: Account, templateCode: string): ResolvedTemplate | ApiOutcome {
  // Likewise a template under review, rejected or cancelled is answered as a missing one.
  const template = findTemplate(account, templateCode);
  if (template?.status !== 'approved') {
    return businessRefusal('isv.SMS_TEMPLATE_ILLEGAL', `该账号下找不到对应模板 (template "${templateCode}" is not approved for this account)`);
  }
  return template;
}

/**
 * Dysmsapi SendSms: required parameters, one number, an approved usable sign, an approved
 * template, sign scene against template type, number region against template kind,
 * TemplateParam, then the per-number limits. Only an accepted send counts towards the limits.
 */
export function createSendSmsApi(deps: SendSmsDeps): SignedApi {
  const handle = (request: SignedApiRequest): ApiOutcome => {
    const { values } = request;
    const { account } = request.credential;
    const missing = missingParameter(values, REQUIRED, true);
    if (missing !== undefined) return missing;
    const phoneNumber = values.get('PhoneNumbers') ?? '';
    const signName = values.get('SignName') ?? '';
    const templateCode = values.get('TemplateCode') ?? '';
    const several = refuseSeveralNumbers(phoneNumber);
    if (several !== undefined) return businessRefusal(several.code, several.message);
    const sign = signOf(account, signName);
    if (isOutcome(sign)) return sign;
    const template = templateOf(account, templateCode);
    if (isOutcome(template)) return template;
    if (sign.scene === 'verification-code' && !isVerificationTemplate(template)) {
      return businessRefusal('isv.SMS_SIGNATURE_SCENE_ILLEGAL', '签名和模板类型不一致 (a verification-code sign only sends verification-code templates)');
    }
    const number = checkPhoneNumber(phoneNumber, template.kind);
    if (!number.ok) return businessRefusal(number.code, number.message);
    const param = checkTemplateParam(values.get('TemplateParam'), template);
    if (!param.ok) return businessRefusal(param.code, param.message);

    const nowMs = request.now.getTime();
    const limitKey = `${number.e164}\n${signName}`;
    const breached = deps.limiter?.breached(limitKey, nowMs);
    if (breached !== undefined) return businessRefusal('isv.BUSINESS_LIMIT_CONTROL', breached.message);
    deps.limiter?.record(limitKey, nowMs);

    const bizId = newBizId();
    return {
      verdict: accept(),
      body: { Message: 'OK', RequestId: request.requestId, BizId: bizId, Code: 'OK' },
      message: {
        phoneNumber,
        e164: number.e164,
        region: number.region,
        signName,
        templateCode: template.code,
        templateParam: param.values,
        text: fillTemplate(template.content, param.values),
        bizId,
        requestId: request.requestId,
        outId: values.get('OutId'),
        accessKeyId: request.credential.accessKeyId,
        acceptedAt: request.now,
        api: 'SendSms',
        signatureVersion: request.signatureVersion,
      },
    };
  };
  return { action: 'SendSms', version: '2017-05-25', product: 'Dysmsapi', auth: 'signed', ramAction: 'dysms:SendSms', sendOnlyAllowed: true, handle };
}
