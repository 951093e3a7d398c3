// What QuerySendDetails says about one message, read from its answer. The answer's Content
// (which holds the verification code) is never read.
import { trySafe } from '@silverhand/essentials';
import { z } from 'zod';

import type { Receipt } from '../receipt-query.js';

export type { Receipt } from '../receipt-query.js';

/** QuerySendDetails' SendStatus values. */
export const sendStatus = { waiting: 1, failed: 2, delivered: 3 } as const;

const numberLike = z.union([z.number(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
const optionalText = z.string().optional().catch(undefined);

const detailGuard = z.object({
  SendStatus: numberLike,
  ErrCode: optionalText,
  ReceiveDate: optionalText,
});

const answerGuard = z.object({
  SmsSendDetailDTOs: z
    .object({ SmsSendDetailDTO: z.array(z.unknown()).catch([]) })
    .optional()
    .catch(undefined),
});

const nonEmpty = (text: string | undefined): string | undefined => (text === undefined || text.trim() === '' ? undefined : text.trim());

/** The receipt in an answer asked with one BizId; an answer of another shape reads as not found. */
export const readReceipt = (body: string): Receipt => {
  const answer = answerGuard.safeParse(trySafe((): unknown => JSON.parse(body)));
  const first: unknown = answer.success ? answer.data.SmsSendDetailDTOs?.SmsSendDetailDTO[0] : undefined;
  const detail = detailGuard.safeParse(first);
  if (!detail.success) {
    return { state: 'not-found' };
  }
  const { SendStatus, ErrCode, ReceiveDate } = detail.data;
  const code = nonEmpty(ErrCode) ?? '';
  switch (SendStatus) {
    case sendStatus.delivered: {
      return { state: 'delivered', code, receivedAt: nonEmpty(ReceiveDate) };
    }
    case sendStatus.failed: {
      return { state: 'failed', code, receivedAt: nonEmpty(ReceiveDate) };
    }
    default: {
      // 1, or a state Aliyun has not documented: nothing final can be said.
      return { state: 'pending' };
    }
  }
};
