// Answers of the international site's API: business answers say ResponseCode and
// ResponseDescription (no Code), while the gateway's refusals keep Dysmsapi's Code and Message.
import { trySafe } from '@silverhand/essentials';

import { parseAnswer, type AliyunAnswer } from '../rpc/answer.js';

const textOf = (json: unknown, key: string): string | undefined => {
  const value: unknown = typeof json === 'object' && json !== null ? Reflect.get(json, key) : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** Reads a body as an answer, its ResponseCode as the Code the rest of the connector reads. */
export const readIntlAnswer = (body: string): AliyunAnswer | undefined => {
  const json = trySafe((): unknown => JSON.parse(body));
  const responseCode = textOf(json, 'ResponseCode');
  if (responseCode === undefined || textOf(json, 'Code') !== undefined) {
    return parseAnswer(body);
  }
  const answer: AliyunAnswer = { Code: responseCode };
  const description = textOf(json, 'ResponseDescription');
  const requestId = textOf(json, 'RequestId');
  if (description !== undefined) {
    answer.Message = description;
  }
  if (requestId !== undefined) {
    answer.RequestId = requestId;
  }
  return answer;
};

/** The MessageId of an accepted send's body, when it has a non-empty one. */
export const messageIdOf = (body: string): string | undefined => {
  const messageId = textOf(trySafe((): unknown => JSON.parse(body)), 'MessageId');
  return messageId === '' ? undefined : messageId;
};
