import { countSegments } from '../segments.js';
import { accept } from '../verdict.js';
import { missingParameter, type SignedApi, type SignedApiRequest, type ApiOutcome } from './api.js';
import { e164Of, INTL_VERSION, intlAccepted, intlRefusal, newMessageId, numberDetail } from './intl-answers.js';

const REQUIRED = ['To', 'Message'] as const;
const TYPES: ReadonlySet<string> = new Set(['OTP', 'NOTIFY', 'MKT']);
// Letters and digits up to 11 with at least one letter, or digits only up to 15.
const SENDER_ID = /^(?:(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,11}|\d{1,15})$/;
// Far above any verification code: a runaway text is refused rather than billed as dozens of parts.
const MAX_SEGMENTS = 10;

/**
 * Dysmsapi 2018-05-01 SendMessageToGlobe (international site): free text to one number outside
 * mainland China. Checks To, Type, From against the account's sender IDs and the text's
 * length in parts, then answers Segments, NumberDetail and a MessageId.
 */
export function createSendMessageToGlobeApi(): SignedApi {
  const handle = (request: SignedApiRequest): ApiOutcome => {
    const { values, credential } = request;
    const missing = missingParameter(values, REQUIRED, true);
    if (missing !== undefined) return missing;
    const to = values.get('To') ?? '';
    const text = values.get('Message') ?? '';
    const from = values.get('From');
    const type = values.get('Type');
    const number = e164Of(to);
    if (number === undefined) return intlRefusal('MOBILE_NUMBER_ILLEGAL', `The format of the phone number is wrong (To takes country code and number, digits only)`);
    if (number.country === 'CN') return intlRefusal('NOT_SUPPORTED_COUNTRY', 'SendMessageToGlobe does not send to mainland China numbers: use SendMessageWithTemplate');
    if (type !== undefined && !TYPES.has(type)) return intlRefusal('INVALID_PARAMETERS', `Type must be OTP, NOTIFY or MKT, not "${type}"`);
    if (from !== undefined && from !== '') {
      const approved = credential.account.senderIds;
      if (!SENDER_ID.test(from) || (approved !== undefined && !approved.includes(from))) {
        return intlRefusal('INVALID_SENDERID', `The sender ID "${from}" is invalid or not approved for this account`);
      }
    }
    const { segments } = countSegments(text);
    if (segments > MAX_SEGMENTS) return intlRefusal('PARAM_LENGTH_LIMIT', `The message is ${segments} parts long: at most ${MAX_SEGMENTS} are accepted`);
    const messageId = newMessageId();
    return {
      verdict: accept(),
      body: intlAccepted(request.requestId, {
        Segments: String(segments),
        To: to,
        ...(from === undefined ? {} : { From: from }),
        MessageId: messageId,
        NumberDetail: numberDetail(to),
      }),
      message: {
        phoneNumber: to,
        e164: number.e164,
        region: 'international',
        signName: from ?? '',
        templateCode: '',
        templateParam: {},
        text,
        bizId: messageId,
        requestId: request.requestId,
        outId: undefined,
        accessKeyId: credential.accessKeyId,
        acceptedAt: request.now,
        api: 'SendMessageToGlobe',
        signatureVersion: request.signatureVersion,
      },
    };
  };
  return {
    action: 'SendMessageToGlobe',
    version: INTL_VERSION,
    product: 'DysmsapiIntl',
    auth: 'signed',
    ramAction: 'dysms:SendMessageToGlobe',
    sendOnlyAllowed: true,
    handle,
  };
}
