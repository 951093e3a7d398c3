// The QueryMessage call for one message, through the connector's one call path, and what its
// outcome means. A MessageId names one message for good: there is no date to ask under.
import { callAliyun, type CallRuntime } from '../rpc/call.js';
import { lookupOfFailure, type Lookup, type ReceiptQuery, type ReceiptTarget } from '../receipt-query.js';

import { noRecordCode, queryMessageApi } from './query.js';
import { readMessageReceipt } from './receipt.js';

/** The RAM action QueryMessage needs. */
export const messageQueryPermission = 'dysms:QueryMessage';

/** Asks Aliyun once (retries included) for the receipt of the message `target.bizId` names. */
export const lookUpMessage = async (target: ReceiptTarget, _sendDate: string, timeoutMs: number, runtime: Partial<CallRuntime> = {}): Promise<Lookup> => {
  try {
    const { result } = await callAliyun(
      {
        endpoint: target.endpoint,
        action: queryMessageApi.action,
        version: queryMessageApi.api.version,
        readAnswer: queryMessageApi.api.readAnswer,
        parameters: { MessageId: target.bizId },
        credentials: target.credentials,
        signatureVersion: target.signatureVersion,
        regionId: target.regionId,
        timeoutMs,
        accept: (_answer, body) => readMessageReceipt(body),
        context: { product: 'intl', sensitive: [target.phoneNumber], maskedPhoneNumber: target.maskedPhoneNumber },
      },
      runtime
    );
    return result;
  } catch (error: unknown) {
    const lookup = lookupOfFailure(error);
    // Aliyun has not filed the message yet (or never will): nothing final to say.
    return lookup.state === 'unavailable' && codeOf(error) === noRecordCode ? { state: 'not-found' } : lookup;
  }
};

const codeOf = (error: unknown): string | undefined => {
  const data: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'data') : undefined;
  const code: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, 'Code') : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** The international site's receipt reader: QueryMessage, once per round, no date. */
export const intlReceiptQuery: ReceiptQuery = {
  lookUp: lookUpMessage,
  sendDates: () => [''],
  filedByDate: false,
  idName: 'MessageId',
  permission: messageQueryPermission,
};
