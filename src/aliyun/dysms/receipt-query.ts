// The QuerySendDetails call for one message, through the connector's one call path (signing,
// transport, timeouts, retries of what never reached Aliyun), and what its outcome means.
import { callAliyun, type CallRuntime } from '../rpc/call.js';

import { sendDatesOf } from '../../receipts/send-date.js';
import { lookupOfFailure, type Lookup, type ReceiptQuery, type ReceiptTarget } from '../receipt-query.js';

import { readReceipt } from './receipt.js';

export type { Lookup, ReceiptTarget } from '../receipt-query.js';

/** The RAM action QuerySendDetails needs. */
export const queryPermission = 'dysms:QuerySendDetails';

/** Asks Aliyun once (retries included) for the message's receipt filed under `sendDate`. */
export const lookUpReceipt = async (
  target: ReceiptTarget,
  sendDate: string,
  timeoutMs: number,
  runtime: Partial<CallRuntime> = {}
): Promise<Lookup> => {
  try {
    const { result } = await callAliyun(
      {
        endpoint: target.endpoint,
        action: 'QuerySendDetails',
        version: '2017-05-25',
        parameters: { PhoneNumber: target.phoneNumber, BizId: target.bizId, SendDate: sendDate, PageSize: '10', CurrentPage: '1' },
        credentials: target.credentials,
        signatureVersion: target.signatureVersion,
        regionId: target.regionId,
        timeoutMs,
        accept: (_answer, body) => readReceipt(body),
        context: { product: 'dysms', sensitive: [target.phoneNumber], maskedPhoneNumber: target.maskedPhoneNumber },
      },
      runtime
    );
    return result;
  } catch (error: unknown) {
    return lookupOfFailure(error);
  }
};

/** Short Message Service's receipt reader: QuerySendDetails, asked on every date the send may be filed under. */
export const dysmsReceiptQuery: ReceiptQuery = {
  lookUp: lookUpReceipt,
  sendDates: sendDatesOf,
  filedByDate: true,
  idName: 'BizId',
  permission: queryPermission,
};
