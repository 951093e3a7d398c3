import { randomUUID } from 'node:crypto';
import { fillTemplate } from '../accounts.js';
import { GIFT_TEMPLATES, giftSignState, type GiftSign } from '../gift-catalog.js';
import { mainlandNumber } from '../phone.js';
import type { RateLimiter } from '../rate-limit.js';
import { newBizId } from '../responses.js';
import { accept } from '../verdict.js';
import { businessRefusal, missingParameter, type ApiOutcome, type SignedApi, type SignedApiRequest } from './api.js';
import { checkVerifyCodeParam } from './verify-code-param.js';

/** What SendSmsVerifyCode needs from the emulator. */
export interface SendSmsVerifyCodeDeps {
  readonly giftSigns: readonly GiftSign[];
  /** Per-number hour/day counters (undefined when the run disabled rate limits). */
  readonly limiter: RateLimiter | undefined;
}

const REQUIRED = ['PhoneNumber', 'SignName', 'TemplateCode', 'TemplateParam'] as const;
const NATIONAL_NUMBER = /^[0-9]{11}$/;

function integerParam(raw: string | undefined, fallback: number, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

function signRefusal(giftSigns: readonly GiftSign[], name: string, now: Date): ApiOutcome | undefined {
  const sign = giftSigns.find((candidate) => candidate.name === name);
  if (sign === undefined) {
    return businessRefusal('SMS_SIGNATURE_ILLEGAL', `签名不合法 ("${name}" is not a gift sign; custom signs are not allowed for SMS authentication)`);
  }
  const state = giftSignState(sign, now);
  if (state === 'withdrawn') return businessRefusal('SMS_SIGNATURE_ILLEGAL', `签名不合法 (gift sign "${name}" was withdrawn on ${sign.validUntil?.toISOString() ?? ''})`);
  if (state === 'not-yet') return businessRefusal('SMS_SIGNATURE_ILLEGAL', `签名不合法 (gift sign "${name}" is valid from ${sign.validFrom?.toISOString() ?? ''})`);
  return undefined;
}

/**
 * Dypnsapi SendSmsVerifyCode, as a delivery channel for the caller's code: required
 * parameters, the service enabled, CountryCode 86, an 11-digit mainland number, a gift sign
 * valid now, a gift template, TemplateParam, then Interval (FREQUENCY_FAIL) and the hour/day
 * limits (BUSINESS_LIMIT_CONTROL). Codes carry no `isv.` prefix here.
 */
export function createSendSmsVerifyCodeApi(deps: SendSmsVerifyCodeDeps): SignedApi {
  const handle = (request: SignedApiRequest): ApiOutcome => {
    const { values, now } = request;
    const missing = missingParameter(values, REQUIRED, true);
    if (missing !== undefined) return missing;
    if (request.credential.account.messageAuthService === false) {
      return businessRefusal('BIZ_NOT_OPEN_STATUS', '服务没开通 (the SMS authentication service is not enabled for this account)');
    }
    if ((values.get('CountryCode') ?? '86') !== '86') return businessRefusal('INVALID_PARAMETERS', '参数异常 (CountryCode only supports 86)');
    const phoneNumber = values.get('PhoneNumber') ?? '';
    if (!NATIONAL_NUMBER.test(phoneNumber) || mainlandNumber(phoneNumber) !== phoneNumber) {
      return businessRefusal('MOBILE_NUMBER_ILLEGAL', '手机号码格式错误 (PhoneNumber takes an 11-digit mainland mobile number, without country code)');
    }
    const signName = values.get('SignName') ?? '';
    const badSign = signRefusal(deps.giftSigns, signName, now);
    if (badSign !== undefined) return badSign;
    const templateCode = values.get('TemplateCode') ?? '';
    const template = GIFT_TEMPLATES.find((candidate) => candidate.code === templateCode);
    if (template === undefined) return businessRefusal('SMS_TEMPLATE_ILLEGAL', `模板不合法 ("${templateCode}" is not a gift template: use 100001 to 100005)`);
    const interval = integerParam(values.get('Interval'), 60, 1, 86_400);
    const codeLength = integerParam(values.get('CodeLength'), 4, 4, 8);
    if (interval === undefined || codeLength === undefined) return businessRefusal('INVALID_PARAMETERS', '参数异常 (Interval or CodeLength out of range)');
    const param = checkVerifyCodeParam(values.get('TemplateParam') ?? '', template.content, codeLength);
    if (!param.ok) return businessRefusal('INVALID_PARAMETERS', param.message);

    const nowMs = now.getTime();
    const last = deps.limiter?.lastAt(phoneNumber, nowMs);
    if (last !== undefined && nowMs - last < interval * 1000) {
      return businessRefusal('FREQUENCY_FAIL', `频率检查失败 (a code went to this number less than ${interval} s ago)`);
    }
    const breached = deps.limiter?.breached(phoneNumber, nowMs);
    if (breached !== undefined) return businessRefusal('BUSINESS_LIMIT_CONTROL', breached.message);
    deps.limiter?.record(phoneNumber, nowMs);

    const bizId = newBizId();
    const outId = values.get('OutId');
    const model = {
      BizId: bizId,
      RequestId: randomUUID(),
      ...(outId === undefined ? {} : { OutId: outId }),
      ...(values.get('ReturnVerifyCode') === 'true' ? { VerifyCode: param.code } : {}),
    };
    return {
      verdict: accept(),
      body: { Code: 'OK', Message: '成功', RequestId: request.requestId, Success: true, Model: model },
      message: {
        phoneNumber,
        e164: `+86${phoneNumber}`,
        region: 'mainland',
        signName,
        templateCode,
        templateParam: param.values,
        text: fillTemplate(template.content, param.values),
        bizId,
        requestId: request.requestId,
        outId,
        accessKeyId: request.credential.accessKeyId,
        acceptedAt: now,
        api: 'SendSmsVerifyCode',
        signatureVersion: request.signatureVersion,
      },
    };
  };
  return {
    action: 'SendSmsVerifyCode',
    version: '2017-05-25',
    product: 'Dypnsapi',
    auth: 'signed',
    ramAction: 'dypns:SendSmsVerifyCode',
    sendOnlyAllowed: true,
    handle,
  };
}
