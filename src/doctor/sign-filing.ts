// The carriers' 2025 real-name rules for sign names (签名实名制报备): GetSmsSign lists the
// filing with each mainland carrier. A carrier may block a sign name not filed with it while
// SendSms still answers OK, so the doctor reports each carrier's status.
import { trySafe } from '@silverhand/essentials';
import { z } from 'zod';

import { finding, type Finding, type FindingStatus } from './finding.js';

const numberLike = z.union([z.number(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);

const filingGuard = z.object({
  OperatorCode: z.string(),
  RegisterStatus: numberLike,
  RegisterStatusReasons: z
    .array(z.object({ ReasonCode: z.string().optional().catch(undefined), ReasonDescList: z.array(z.string()).optional().catch(undefined) }))
    .optional()
    .catch(undefined),
});

const answerGuard = z.object({ SignIspRegisterDetailList: z.array(z.unknown()).optional().catch(undefined) });

/** The carriers as GetSmsSign names them. */
export const carrierNames: Readonly<Record<string, string>> = {
  mobile: 'China Mobile',
  unicom: 'China Unicom',
  telecom: 'China Telecom',
};

/** RegisterStatus: how the filing with one carrier stands, and what the doctor makes of it. */
export const registerStatuses: ReadonlyMap<number, { status: FindingStatus; says: string }> = new Map([
  [3, { status: 'passed', says: 'filed' }],
  [1, { status: 'note', says: 'filed and awaiting verification: send a few test codes to numbers of this carrier before relying on it' }],
  [-1, { status: 'note', says: 'still being filed: the carrier may block messages until the filing succeeds (5–10 business days)' }],
  [0, { status: 'problem', says: 'not filed: the filing failed, and the carrier may block messages while Aliyun answers OK; fix the qualification or sign name in the SMS console and file again' }],
  [2, { status: 'problem', says: 'not filed any more: the filing lapsed after six months without sends; file it again in the SMS console' }],
  [-2, { status: 'problem', says: 'not filed: the carrier may block messages while Aliyun answers OK; link a real-name qualification to the sign name and submit the filing in the SMS console' }],
]);

const reasonsOf = (reasons: z.infer<typeof filingGuard>['RegisterStatusReasons']): string => {
  const texts = (reasons ?? []).flatMap(({ ReasonCode, ReasonDescList }) => {
    const descriptions = (ReasonDescList ?? []).filter((text) => text.trim() !== '');
    if (ReasonCode === undefined || ReasonCode === '') {
      return descriptions;
    }
    return [descriptions.length === 0 ? ReasonCode : `${ReasonCode}: ${descriptions.join('; ')}`];
  });
  return texts.length === 0 ? '' : ` (${texts.join(', ')})`;
};

/**
 * One finding per carrier from GetSmsSign's answer. An answer without the list (Aliyun added it
 * in 2025) yields none: the doctor reports what Aliyun says and invents no status.
 */
export const signFilingFindings = (body: string, signName: string): Finding[] => {
  const answer = answerGuard.safeParse(trySafe((): unknown => JSON.parse(body)));
  const list = answer.success ? answer.data.SignIspRegisterDetailList : undefined;
  return (list ?? []).map((item) => {
    const parsed = filingGuard.safeParse(item);
    if (!parsed.success) {
      return finding('sign name filing', 'unchecked', 'Aliyun listed a carrier filing the doctor could not read: check it in the SMS console.', 'signName');
    }
    const { OperatorCode, RegisterStatus, RegisterStatusReasons } = parsed.data;
    const carrier = carrierNames[OperatorCode] ?? OperatorCode;
    const check = `sign name filing (${carrier})`;
    const known = registerStatuses.get(RegisterStatus);
    if (known === undefined) {
      return finding(check, 'note', `The sign name "${signName}" has a filing state (${RegisterStatus}) the doctor does not know: check it in the SMS console.`, 'signName');
    }
    const advice = `The sign name "${signName}" is ${known.says}${known.status === 'passed' ? '' : reasonsOf(RegisterStatusReasons)}.`;
    return known.status === 'passed' ? finding(check, 'passed', advice) : finding(check, known.status, advice, 'signName');
  });
};
