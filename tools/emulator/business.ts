import { fillTemplate, type Account, type SmsTemplate, type TemplateKind } from './accounts.js';
import { checkPhoneNumber, refuseSeveralNumbers } from './phone.js';
import type { RateLimiter } from './rate-limit.js';
import { checkTemplateParam } from './template-param.js';
import { refuse, type Verdict } from './verdict.js';

/** A SendSms that passed every check. */
export interface AcceptedSend {
  /** PhoneNumbers exactly as the client sent it. */
  readonly phoneNumber: string;
  readonly region: TemplateKind;
  readonly e164: string;
  readonly signName: string;
  readonly template: SmsTemplate;
  readonly templateParam: Readonly<Record<string, string>>;
  readonly text: string;
  readonly outId: string | undefined;
}

/** SendSms's own checks, after the gateway let the request through. */
export interface BusinessInput {
  readonly account: Account;
  readonly values: ReadonlyMap<string, string>;
  readonly now: Date;
  /** Undefined when the run disabled rate limits. */
  readonly limiter: RateLimiter | undefined;
}

/** Either the send to record, or Aliyun's refusal. */
export type BusinessResult = { readonly ok: true; readonly send: AcceptedSend } | { readonly ok: false; readonly verdict: Verdict };

const REQUIRED = ['PhoneNumbers', 'SignName', 'TemplateCode'] as const;

function business(code: string, message: string): BusinessResult {
  return { ok: false, verdict: refuse(code, 200, message, true) };
}

/**
 * Checks a SendSms the way Aliyun does after authentication: required parameters, one valid
 * number, sign name and template known to the account, number region against template kind,
 * TemplateParam, then the per-number frequency limits. Only an accepted send counts towards
 * the limits.
 */
export function checkSendSms(input: BusinessInput): BusinessResult {
  const { values, account } = input;
  for (const name of REQUIRED) {
    if ((values.get(name) ?? '') === '') {
      return { ok: false, verdict: refuse(`Missing${name}`, 400, `${name} is mandatory for this action.`, true) };
    }
  }
  const phoneNumber = values.get('PhoneNumbers') ?? '';
  const signName = values.get('SignName') ?? '';
  const templateCode = values.get('TemplateCode') ?? '';
  const several = refuseSeveralNumbers(phoneNumber);
  if (several !== undefined) return business(several.code, several.message);
  if (!account.signNames.includes(signName)) {
    return business('isv.SMS_SIGNATURE_ILLEGAL', `该账号下找不到对应签名 (sign name "${signName}" is not approved for this account)`);
  }
  const template = account.templates.find((candidate) => candidate.code === templateCode);
  if (template === undefined) {
    return business('isv.SMS_TEMPLATE_ILLEGAL', `该账号下找不到对应模板 (template "${templateCode}" is not approved for this account)`);
  }
  const number = checkPhoneNumber(phoneNumber, template.kind);
  if (!number.ok) return business(number.code, number.message);
  const param = checkTemplateParam(values.get('TemplateParam'), template);
  if (!param.ok) return business(param.code, param.message);

  const nowMs = input.now.getTime();
  const limitKey = `${number.e164}\n${signName}`;
  const breached = input.limiter?.breached(limitKey, nowMs);
  if (breached !== undefined) return business('isv.BUSINESS_LIMIT_CONTROL', breached.message);
  input.limiter?.record(limitKey, nowMs);

  return {
    ok: true,
    send: {
      phoneNumber,
      region: number.region,
      e164: number.e164,
      signName,
      template,
      templateParam: param.values,
      text: fillTemplate(template.content, param.values),
      outId: values.get('OutId'),
    },
  };
}
