import { CARRIERS, findSign, REVIEW_STATUS_CODE, type ResolvedSign } from '../catalog.js';
import type { AnswerBody } from '../responses.js';
import { accept } from '../verdict.js';
import { businessRefusal, missingParameter, type ApiOutcome, type SignedApi, type SignedApiRequest } from './api.js';
import { auditInfo, beijingTime, stableDigits } from './review-fields.js';

// A day after approval: when the emulator says the carriers answered a filing.
const CARRIER_ANSWER_DELAY_MS = 24 * 3_600_000;

function filingList(sign: ResolvedSign): AnswerBody[] {
  return CARRIERS.map((carrier) => {
    const filing = sign.filing[carrier];
    // Only a carrier that answered (failed, filed, lapsed) has a completion time.
    const answered = filing.status >= 0;
    return {
      OperatorCode: carrier,
      RegisterStatus: filing.status,
      RegisterStatusReasons: (filing.reasons ?? []).map((reason) => ({ ReasonCode: reason.code, ReasonDescList: [...(reason.descriptions ?? [])] })),
      OperatorCompleteTime: answered ? beijingTime(new Date(sign.createdAt.getTime() + CARRIER_ANSWER_DELAY_MS)) : '',
    };
  });
}

function signBody(sign: ResolvedSign, requestId: string): AnswerBody {
  return {
    RequestId: requestId,
    Code: 'OK',
    Message: 'OK',
    SignName: sign.name,
    SignStatus: REVIEW_STATUS_CODE[sign.status],
    CreateDate: beijingTime(sign.createdAt),
    OrderId: stableDigits(`order:${sign.name}`, 11),
    QualificationId: Number(`1${stableDigits(`qualification:${sign.name}`, 7)}`),
    Remark: '',
    AuditInfo: auditInfo(sign.status, sign.rejectReason, sign.createdAt),
    FileUrlList: [],
    SignCode: `SIGN_${stableDigits(`sign:${sign.name}`, 15)}`,
    // GetSmsSign gives SignTag as a string ("2"), unlike TemplateTag.
    SignTag: String(sign.tag),
    ApplyScene: sign.applyScene,
    ThirdParty: sign.thirdParty,
    SignUsage: sign.usage,
    SignIspRegisterDetailList: filingList(sign),
  };
}

/**
 * Dysmsapi GetSmsSign: the details of one sign of the account, in any review state. An unknown
 * sign gets the code SendSms uses for it (Aliyun does not document GetSmsSign's own).
 */
export function createGetSmsSignApi(): SignedApi {
  const handle = (request: SignedApiRequest): ApiOutcome => {
    const missing = missingParameter(request.values, ['SignName'], true);
    if (missing !== undefined) return missing;
    const name = request.values.get('SignName') ?? '';
    const sign = findSign(request.credential.account, name);
    if (sign === undefined) return businessRefusal('isv.SMS_SIGNATURE_ILLEGAL', `该账号下找不到对应签名 (no sign named "${name}" in this account)`);
    return { verdict: accept(), body: signBody(sign, request.requestId), message: undefined };
  };
  return { action: 'GetSmsSign', version: '2017-05-25', product: 'Dysmsapi', auth: 'signed', ramAction: 'dysms:GetSmsSign', sendOnlyAllowed: false, handle };
}
