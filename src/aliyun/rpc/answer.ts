import { trySafe } from '@silverhand/essentials';
import { z } from 'zod';

// Only a string Code is required; every other field is kept only when it is text, so a
// malformed extra field cannot hide the Code.
const optionalText = z.string().optional().catch(undefined);

const answerGuard = z.object({
  Code: z.string(),
  Message: optionalText,
  RequestId: optionalText,
  Recommend: optionalText,
  BizId: optionalText,
  // Dypnsapi answers carry the BizId inside Model.
  Model: z.object({ BizId: optionalText }).optional().catch(undefined),
});

/** An Aliyun RPC answer as far as the connector relies on it. */
export type AliyunAnswer = z.infer<typeof answerGuard>;

/** Reads parsed JSON through the schema: the definition of what counts as an answer. */
export const answerFromJson = (json: unknown): AliyunAnswer | undefined => {
  const parsed = answerGuard.safeParse(json);
  return parsed.success ? parsed.data : undefined;
};

const isTextOrAbsent = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

/**
 * The schema's reading of the answer every send gets (Code, Message, RequestId, BizId as text,
 * no Model), without the schema: a zod parse allocates several kilobytes per answer, and each
 * kilobyte a send allocates costs time in every garbage collection while sends are in flight.
 * Any other shape returns undefined and goes through the schema.
 */
export const readPlainAnswer = (json: unknown): AliyunAnswer | undefined => {
  if (typeof json !== 'object' || json === null) {
    return undefined;
  }
  const code: unknown = Reflect.get(json, 'Code');
  const message: unknown = Reflect.get(json, 'Message');
  const requestId: unknown = Reflect.get(json, 'RequestId');
  const recommend: unknown = Reflect.get(json, 'Recommend');
  const bizId: unknown = Reflect.get(json, 'BizId');
  if (
    typeof code !== 'string' ||
    !isTextOrAbsent(message) ||
    !isTextOrAbsent(requestId) ||
    !isTextOrAbsent(recommend) ||
    !isTextOrAbsent(bizId) ||
    Reflect.get(json, 'Model') !== undefined
  ) {
    return undefined;
  }
  // Keys only for the fields present, as the schema writes its result.
  const answer: AliyunAnswer = { Code: code };
  if (message !== undefined) {
    answer.Message = message;
  }
  if (requestId !== undefined) {
    answer.RequestId = requestId;
  }
  if (recommend !== undefined) {
    answer.Recommend = recommend;
  }
  if (bizId !== undefined) {
    answer.BizId = bizId;
  }
  return answer;
};

/** Reads a body as an Aliyun JSON answer, or undefined when it is not one. */
export const parseAnswer = (body: string): AliyunAnswer | undefined => {
  const json = trySafe((): unknown => JSON.parse(body));
  return readPlainAnswer(json) ?? answerFromJson(json);
};

/** Whether an HTTP status is 2xx. */
export const isSuccessStatus = (statusCode: number): boolean => statusCode >= 200 && statusCode < 300;
