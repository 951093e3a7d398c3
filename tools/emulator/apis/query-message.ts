import type { CredentialStore } from '../credentials.js';
import type { ReceiptBook } from '../receipts.js';
import type { AcceptedMessage } from '../records.js';
import { accept } from '../verdict.js';
import { missingParameter, type ApiOutcome, type SignedApi, type SignedApiRequest } from './api.js';
import { INTL_VERSION, intlAccepted, intlRefusal, numberDetail } from './intl-answers.js';

/** What QueryMessage reads from the emulator. */
export interface QueryMessageDeps {
  /** Every message accepted so far in the run (since the last reset). */
  readonly messages: () => readonly AcceptedMessage[];
  /** To tell whose message it was: the key that sent it may be another of the same account's. */
  readonly credentials: CredentialStore;
  /** What the carrier reports, as chosen per number (the same book QuerySendDetails reads). */
  readonly receipts: ReceiptBook;
}

// Aliyun's pages disagree on Status numbers; both call 2 a failure. Clients decide by ErrorCode.
const STATUS = { waiting: '3', failed: '2', delivered: '1' } as const;

function receiptFields(message: AcceptedMessage, receipts: ReceiptBook, now: Date): { Status: string; ErrorCode: string; ErrorDescription: string; ReceiveDate: string } {
  const receipt = receipts.read(message, now);
  if (receipt.sendStatus === 1) return { Status: STATUS.waiting, ErrorCode: '', ErrorDescription: '', ReceiveDate: '' };
  const receiveDate = receipt.receivedAt === undefined ? '' : answerDate(receipt.receivedAt);
  return receipt.sendStatus === 3
    ? { Status: STATUS.delivered, ErrorCode: 'DELIVERED', ErrorDescription: 'success', ReceiveDate: receiveDate }
    : { Status: STATUS.failed, ErrorCode: receipt.errCode, ErrorDescription: 'the carrier did not deliver the message', ReceiveDate: receiveDate };
}

const INTL_APIS: ReadonlySet<string> = new Set(['SendMessageToGlobe', 'SendMessageWithTemplate']);

// yyyy-MM-dd HH:mm:ss, the form the 2018-05-01 answers use for dates.
function answerDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/**
 * Dysmsapi 2018-05-01 QueryMessage: what became of one message sent through this API by the
 * same account, with the receipt the ReceiptBook chose for its number (by default delivered at
 * once: ErrorCode DELIVERED; waiting: no ErrorCode; failed: the chosen code). An unknown
 * MessageId gets DATA_NOT_EXIST.
 */
export function createQueryMessageApi(deps: QueryMessageDeps): SignedApi {
  const handle = (request: SignedApiRequest): ApiOutcome => {
    const { values, credential } = request;
    const missing = missingParameter(values, ['MessageId'], true);
    if (missing !== undefined) return missing;
    const messageId = values.get('MessageId') ?? '';
    const found = deps
      .messages()
      .find(
        (message) =>
          message.bizId === messageId &&
          INTL_APIS.has(message.api) &&
          deps.credentials.find(message.accessKeyId)?.account === credential.account,
      );
    if (found === undefined) return intlRefusal('DATA_NOT_EXIST', `No message ${messageId} was sent by this account`);
    return {
      verdict: accept(),
      body: intlAccepted(request.requestId, {
        MessageId: messageId,
        ...receiptFields(found, deps.receipts, request.now),
        SendDate: answerDate(found.acceptedAt),
        Message: found.text,
        To: found.phoneNumber,
        NumberDetail: numberDetail(found.phoneNumber),
      }),
      message: undefined,
    };
  };
  return {
    action: 'QueryMessage',
    version: INTL_VERSION,
    product: 'DysmsapiIntl',
    auth: 'signed',
    ramAction: 'dysms:QueryMessage',
    sendOnlyAllowed: false,
    handle,
  };
}
