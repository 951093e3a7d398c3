import { randomUUID } from 'node:crypto';

import { type ConnectorError } from '@logto/connector-kit';
import { trySafe } from '@silverhand/essentials';
import got, { RequestError, TimeoutError } from 'got';
import { z } from 'zod';

import {
  aliyunAnswerError,
  classifyAliyunCode,
  invalidResponseError,
  transportError,
  type RedactionContext,
} from './errors.js';
import { signRpcRequest, type RpcParameters } from './signature.js';

/** One verification-code SMS, ready for Dysmsapi. */
export type SendSmsRequest = {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  phoneNumber: string;
  signName: string;
  templateCode: string;
  templateParam: string;
  /** Overall deadline for every attempt together, in milliseconds. */
  timeoutMs: number;
  /** Values that must never surface in an error (the code, the number as Logto gave it). */
  sensitive: readonly string[];
  maskedPhone: string;
};

/** What Aliyun returns for an accepted message. */
export type SendSmsResult = { BizId: string; RequestId: string };

/** Seams for tests: clock, randomness and waiting. */
export type SendSmsRuntime = {
  now: () => Date;
  nonce: () => string;
  random: () => number;
  sleep: (milliseconds: number) => Promise<void>;
};

const defaultRuntime: SendSmsRuntime = {
  now: () => new Date(),
  nonce: randomUUID,
  random: Math.random,
  sleep: async (milliseconds) =>
    new Promise((resolve) => {
      setTimeout(resolve, milliseconds);
    }),
};

/** At most this many retries after the first attempt. */
export const maxRetries = 2;
const backoffBaseMs = 200;

/** Aliyun's timestamp form: UTC, second precision, no milliseconds. */
export const aliyunTimestamp = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The signed SendSms parameters of one attempt (fresh nonce and timestamp each time). */
export const buildSignedParameters = (
  request: SendSmsRequest,
  runtime: Pick<SendSmsRuntime, 'now' | 'nonce'>
): Record<string, string> => {
  const parameters = {
    AccessKeyId: request.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: request.phoneNumber,
    RegionId: 'cn-hangzhou',
    SignName: request.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: runtime.nonce(),
    SignatureVersion: '1.0',
    TemplateCode: request.templateCode,
    TemplateParam: request.templateParam,
    Timestamp: aliyunTimestamp(runtime.now()),
    Version: '2017-05-25',
  } satisfies RpcParameters;
  return { ...parameters, Signature: signRpcRequest('POST', parameters, request.accessKeySecret) };
};

type Attempt =
  | { kind: 'accepted'; result: SendSmsResult }
  | { kind: 'failed'; error: ConnectorError; retryable: boolean };

// Aliyun's answer as far as we rely on it: a string Code, and the other fields only when they
// are strings (a malformed extra field must not hide the Code).
const optionalText = z.string().optional().catch(undefined);
const answerGuard = z.object({
  Code: z.string(),
  Message: optionalText,
  RequestId: optionalText,
  Recommend: optionalText,
  BizId: optionalText,
});

type ParsedAnswer = z.infer<typeof answerGuard>;

const parseAnswer = (body: string): ParsedAnswer | undefined => {
  const parsed = answerGuard.safeParse(trySafe((): unknown => JSON.parse(body)));
  return parsed.success ? parsed.data : undefined;
};

// Only failures that prove the request never reached Aliyun may be retried: anything later
// (a reset, a timeout while waiting) could mean the SMS went out, and a retry would send it twice.
const unsentErrorCodes: Readonly<Record<string, 'connection-refused' | 'dns'>> = {
  ECONNREFUSED: 'connection-refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
};

const classifyTransportFailure = (
  error: unknown,
  details: { host: string; timeoutMs: number; attempts: number },
  context: RedactionContext
): Attempt => {
  // Never let got's error escape: its options hold the form body (key id, number, code).
  if (error instanceof TimeoutError) {
    return { kind: 'failed', error: transportError('timeout', details, context), retryable: false };
  }
  const unsent = error instanceof RequestError ? unsentErrorCodes[error.code] : undefined;
  if (unsent) {
    return { kind: 'failed', error: transportError(unsent, details, context), retryable: true };
  }
  const reset =
    error instanceof RequestError &&
    (error.code === 'ECONNRESET' || error.code === 'EPIPE' || error.message.includes('socket hang up'));
  return {
    kind: 'failed',
    error: transportError(reset ? 'reset' : 'network', details, context),
    retryable: false,
  };
};

const interpretResponse = (
  response: { statusCode: number; body: string; contentType: string | undefined },
  context: RedactionContext
): Attempt => {
  const { statusCode, body, contentType } = response;
  const answer = parseAnswer(body);
  if (answer?.Code === 'OK' && answer.BizId !== undefined) {
    return { kind: 'accepted', result: { BizId: answer.BizId, RequestId: answer.RequestId ?? '' } };
  }
  // Without Aliyun's own Code (or an OK without BizId) nothing proves the SMS was not sent:
  // never retry these.
  if (!answer || answer.Code === 'OK') {
    return {
      kind: 'failed',
      error: invalidResponseError(statusCode, context, { contentType, body }),
      retryable: false,
    };
  }
  return {
    kind: 'failed',
    error: aliyunAnswerError(answer, statusCode, context),
    retryable: classifyAliyunCode(answer.Code).retryable,
  };
};

const attemptOnce = async (
  request: SendSmsRequest,
  runtime: SendSmsRuntime,
  budgetMs: number,
  attempts: number,
  context: RedactionContext
): Promise<Attempt> => {
  const parameters = buildSignedParameters(request, runtime);
  const sensitiveContext: RedactionContext = {
    ...context,
    sensitive: [...context.sensitive, parameters.Signature ?? ''],
  };
  try {
    const response = await got.post(request.endpoint, {
      body: new URLSearchParams(parameters).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      timeout: { request: budgetMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
    });
    return interpretResponse(
      {
        statusCode: response.statusCode,
        body: response.body,
        contentType: response.headers['content-type'],
      },
      sensitiveContext
    );
  } catch (error: unknown) {
    const { hostname } = new URL(request.endpoint);
    return classifyTransportFailure(
      error,
      { host: hostname, timeoutMs: request.timeoutMs, attempts },
      sensitiveContext
    );
  }
};

/** Sends one SendSms request with a deadline and safe retries; resolves with Aliyun's ids or throws a ConnectorError. */
export const sendSms = async (
  request: SendSmsRequest,
  runtimeOverrides: Partial<SendSmsRuntime> = {}
): Promise<SendSmsResult> => {
  const runtime = { ...defaultRuntime, ...runtimeOverrides };
  const context: RedactionContext = {
    sensitive: [request.accessKeySecret, ...request.sensitive],
    maskedPhone: request.maskedPhone,
  };
  const deadline = Date.now() + request.timeoutMs;

  for (let retry = 0; ; retry += 1) {
    const attempt = await attemptOnce(request, runtime, Math.max(1, deadline - Date.now()), retry + 1, context);
    if (attempt.kind === 'accepted') {
      return attempt.result;
    }
    // Jitter (half to all of the step) keeps Logto instances from retrying in lockstep.
    const backoffMs = Math.round(backoffBaseMs * 2 ** retry * (0.5 + runtime.random() / 2));
    if (!attempt.retryable || retry >= maxRetries || Date.now() + backoffMs >= deadline) {
      throw attempt.error;
    }
    await runtime.sleep(backoffMs);
  }
};
