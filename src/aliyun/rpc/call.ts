// One Aliyun RPC call from start to verdict: sign each attempt afresh, post it, read the answer,
// and retry only what the retry policy allows, all within one deadline.
import { randomUUID } from 'node:crypto';

import type { ConnectorError } from '@logto/connector-kit';

import { isSuccessStatus, parseAnswer, type AliyunAnswer } from './answer.js';
import { classifyCode } from '../classify.js';
import {
  aliyunAnswerError,
  invalidAnswerError,
  transportError,
  type FailureContext,
} from './failures.js';
import { decideRetry } from './retry-policy.js';
import { signRequest, type RpcCallSpec } from './rpc-request.js';
import { destinationOfUrl, postForm, type AttemptOutcome, type AttemptRequest } from './transport/transport.js';

/** Seams for tests: clocks, randomness, waiting and the network. */
export type CallRuntime = {
  /** Wall clock, for the signed timestamp. */
  now: () => Date;
  /** Monotonic milliseconds, for the deadline. */
  elapsed: () => number;
  nonce: () => string;
  random: () => number;
  sleep: (milliseconds: number) => Promise<void>;
  post: (request: AttemptRequest) => Promise<AttemptOutcome>;
};

/** The real clocks, randomness and network. */
export const defaultCallRuntime: CallRuntime = {
  now: () => new Date(),
  elapsed: () => performance.now(),
  nonce: randomUUID,
  random: Math.random,
  sleep: async (milliseconds) =>
    new Promise((resolve) => {
      setTimeout(resolve, milliseconds);
    }),
  post: postForm,
};

/** A call and what counts as its success. */
export type AliyunCall<Result> = RpcCallSpec & {
  /** The whole call's deadline, retries included, in milliseconds. */
  timeoutMs: number;
  /** When the deadline started, on the runtime's `elapsed` clock; default: now. */
  startedAt?: number;
  /** The accepted result of an OK answer (and its raw body), or undefined when it lacks what success needs. */
  accept: (answer: AliyunAnswer, body: string) => Result | undefined;
  /** How the product's answers are read (the international site names its Code ResponseCode); default parseAnswer. */
  readAnswer?: (body: string) => AliyunAnswer | undefined;
  context: FailureContext;
};

/** A successful call: the result and the answer's Date header (Aliyun's clock). */
export type CallSuccess<Result> = { result: Result; date: string | undefined };

type Verdict<Result> =
  | { kind: 'accepted'; success: CallSuccess<Result> }
  | { kind: 'failed'; error: ConnectorError; neverProcessed: boolean };

const judge = <Result>(
  outcome: AttemptOutcome,
  call: AliyunCall<Result>,
  context: FailureContext,
  attempts: number
): Verdict<Result> => {
  switch (outcome.kind) {
    case 'answered': {
      const answer = (call.readAnswer ?? parseAnswer)(outcome.body);
      const details = { contentType: outcome.contentType, body: outcome.body, answer };
      if (answer === undefined) {
        return { kind: 'failed', error: invalidAnswerError('not-an-answer', outcome.statusCode, context, details), neverProcessed: false };
      }
      if (answer.Code !== 'OK') {
        return {
          kind: 'failed',
          error: aliyunAnswerError(answer, outcome.statusCode, context, outcome.date),
          // Throttling is refused at the gateway before the request is processed.
          neverProcessed: classifyCode(context.product, answer.Code).kind === 'throttled',
        };
      }
      if (!isSuccessStatus(outcome.statusCode)) {
        return { kind: 'failed', error: invalidAnswerError('ok-with-error-status', outcome.statusCode, context, details), neverProcessed: false };
      }
      const result = call.accept(answer, outcome.body);
      return result === undefined
        ? { kind: 'failed', error: invalidAnswerError('ok-without-id', outcome.statusCode, context, details), neverProcessed: false }
        : { kind: 'accepted', success: { result, date: outcome.date } };
    }
    case 'too-large': {
      return {
        kind: 'failed',
        error: invalidAnswerError('too-large', outcome.statusCode, context, { contentType: outcome.contentType }),
        neverProcessed: false,
      };
    }
    case 'never-sent':
    case 'maybe-sent': {
      return {
        kind: 'failed',
        error: transportError(outcome.failure, { destination: outcome.destination, attempts, timeoutMs: call.timeoutMs }, context),
        // A TLS failure never sent anything, but retrying an untrusted certificate cannot help.
        neverProcessed: outcome.kind === 'never-sent' && outcome.failure !== 'tls',
      };
    }
  }
};

/** Makes the call: resolves with the accepted result, or throws the last failure as a ConnectorError. */
export const callAliyun = async <Result>(
  call: AliyunCall<Result>,
  runtimeOverrides: Partial<CallRuntime> = {}
): Promise<CallSuccess<Result>> => {
  const runtime: CallRuntime = { ...defaultCallRuntime, ...runtimeOverrides };
  const deadline = (call.startedAt ?? runtime.elapsed()) + call.timeoutMs;
  const sensitive = [call.credentials.accessKeySecret, ...(call.credentials.securityToken === undefined ? [] : [call.credentials.securityToken]), ...call.context.sensitive];

  for (let retriesDone = 0; ; retriesDone += 1) {
    const signed = signRequest(call, { now: runtime.now(), nonce: runtime.nonce() });
    const context: FailureContext = { ...call.context, sensitive: [...sensitive, ...signed.secrets] };
    const budgetMs = Math.round(deadline - runtime.elapsed());
    // Only the first attempt can find the deadline gone (a retry needs a second left): posting
    // with no time would turn "never sent" into a timeout that "may have been sent".
    if (budgetMs < 1) {
      throw transportError(
        'no-time-left',
        { destination: destinationOfUrl(signed.url), attempts: retriesDone, timeoutMs: call.timeoutMs },
        context
      );
    }
    const outcome = await runtime.post({
      url: signed.url,
      headers: signed.headers,
      body: signed.body,
      // Each attempt gets only what is left of the one deadline.
      timeoutMs: budgetMs,
    });
    const verdict = judge(outcome, call, context, retriesDone + 1);
    if (verdict.kind === 'accepted') {
      return verdict.success;
    }
    const decision = decideRetry({
      neverProcessed: verdict.neverProcessed,
      retriesDone,
      remainingMs: deadline - runtime.elapsed(),
      random: runtime.random(),
    });
    if (!decision.retry) {
      throw verdict.error;
    }
    await runtime.sleep(decision.delayMs);
  }
};
