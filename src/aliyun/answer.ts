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

/** Reads a body as an Aliyun JSON answer, or undefined when it is not one. */
export const parseAnswer = (body: string): AliyunAnswer | undefined => {
  const parsed = answerGuard.safeParse(trySafe((): unknown => JSON.parse(body)));
  return parsed.success ? parsed.data : undefined;
};

/** Whether an HTTP status is 2xx. */
export const isSuccessStatus = (statusCode: number): boolean => statusCode >= 200 && statusCode < 300;
