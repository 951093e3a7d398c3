// What QueryMessage says about one message, read from its answer. Aliyun's pages disagree on
// what each Status number means, so the ErrorCode decides: DELIVERED is delivered, any other
// code is the carrier's failure, no code yet is still waiting. Message (the text, which holds
// the verification code) is never read.
import { trySafe } from '@silverhand/essentials';
import { z } from 'zod';

import type { Receipt } from '../receipt-query.js';

/** The ErrorCode of a delivered message. */
export const intlDeliveredCode = 'DELIVERED';

// Both versions of Aliyun's page call Status 2 a failure; a failure may come without a code.
const failedStatus = '2';

const optionalText = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .catch(undefined);

const answerGuard = z.object({
  Status: optionalText,
  ErrorCode: optionalText,
  ReceiveDate: optionalText,
});

const nonEmpty = (text: string | undefined): string | undefined => (text === undefined || text.trim() === '' ? undefined : text.trim());

/** The receipt in a QueryMessage answer; an answer of another shape reads as not found. */
export const readMessageReceipt = (body: string): Receipt => {
  const json: unknown = trySafe((): unknown => JSON.parse(body));
  const answer = answerGuard.safeParse(json);
  if (!answer.success || typeof json !== 'object' || json === null || !('MessageId' in json || 'Status' in json)) {
    return { state: 'not-found' };
  }
  const code = nonEmpty(answer.data.ErrorCode);
  const status = nonEmpty(answer.data.Status);
  const receivedAt = nonEmpty(answer.data.ReceiveDate);
  if (code === intlDeliveredCode) {
    return { state: 'delivered', code, receivedAt };
  }
  if (code !== undefined) {
    return { state: 'failed', code, receivedAt };
  }
  return status === failedStatus ? { state: 'failed', code: '', receivedAt } : { state: 'pending' };
};
