// QueryMessage: what became of one message sent through the international site. The config
// doctor asks it about a MessageId no message has, to prove the credentials without sending.
import { readIntlAnswer } from './answer.js';
import { intlVersion } from './send.js';

/** QueryMessage's action, version and answer reading. */
export const queryMessageApi = {
  action: 'QueryMessage',
  api: { product: 'intl', version: intlVersion, readAnswer: readIntlAnswer },
} as const;

/** A MessageId no message has: Aliyun's answer proves the signature without reading anyone's SMS. */
export const probeMessageId = '0';

/** Aliyun's answer for a MessageId it has no record of. */
export const noRecordCode = 'DATA_NOT_EXIST';
