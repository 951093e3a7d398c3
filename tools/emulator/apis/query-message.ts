import type { CredentialStore } from '../credentials.js';
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
}

const INTL_APIS: ReadonlySet<string> = new Set(['SendMessageToGlobe', 'SendMessageWithTemplate']);

// yyyy-MM-dd HH:mm:ss, the form the 2018-05-01 answers use for dates.
function answerDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/**
 * Dysmsapi 2018-05-01 QueryMessage: what became of one message sent through this API by the
 * same account. The emulator delivers every accepted message at once (ErrorCode DELIVERED);
 * an unknown MessageId gets DATA_NOT_EXIST.
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
        Status: '1',
        ErrorCode: 'DELIVERED',
        ErrorDescription: 'success',
        SendDate: answerDate(found.acceptedAt),
        ReceiveDate: answerDate(found.acceptedAt),
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
