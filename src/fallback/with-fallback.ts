// One end-user send through the main sender and, when it provably failed without sending for a
// reason another sender can avoid, through the fallback sender, within the one deadline.
import { ConnectorError } from '@logto/connector-kit';

import type { AliyunProduct } from '../aliyun/classify.js';

import { fallbackReasonOf, type FallbackReason } from './eligibility.js';

/** The fallback starts only with at least this much of the deadline left. */
export const minimumFallbackBudgetMs = 1000;

/** One sender as the orchestration sees it: its product and a send that spends from the deadline. */
export type SenderAttempt<Result> = {
  product: AliyunProduct;
  send: () => Promise<Result>;
};

/** What the server's log learns of a fallback send: nothing secret, the number masked. */
export type FallbackNotice = {
  reason: FallbackReason;
  /** Aliyun's Code or the transport failure that passed the main sender over. */
  cause: string;
  mainProduct: AliyunProduct;
  fallbackProduct: AliyunProduct;
  outcome: 'sent' | 'failed';
};

/** Seams: the deadline's clock and the log line. */
export type FallbackRuntime = {
  /** Milliseconds left before the send's deadline. */
  remainingMs: () => number;
  notify: (notice: FallbackNotice) => void;
};

const causeOf = (error: ConnectorError): string => {
  const { data } = error;
  const read = (key: string): unknown =>
    typeof data === 'object' && data !== null ? Reflect.get(data, key) : undefined;
  const code = read('Code');
  const failure = read('failure');
  const reason = read('reason');
  return [code, failure, reason].find((value): value is string => typeof value === 'string') ?? error.code;
};

// The log line only reports: a log that throws must neither turn a sent code into a failure
// nor replace the error that says why none was sent.
const notifySafely = (runtime: FallbackRuntime, notice: FallbackNotice): void => {
  try {
    runtime.notify(notice);
  } catch {
    // Nothing to do: the send's outcome stands.
  }
};

/** Sends through main, then through fallback when the main failure allows it; throws the error that stands. */
export const sendWithFallback = async <Result>(
  main: SenderAttempt<Result>,
  fallback: SenderAttempt<Result> | undefined,
  runtime: FallbackRuntime
): Promise<Result> => {
  try {
    return await main.send();
  } catch (thrown: unknown) {
    if (fallback === undefined || !(thrown instanceof ConnectorError)) {
      throw thrown;
    }
    const reason = fallbackReasonOf(thrown, main.product);
    if (reason === undefined || runtime.remainingMs() < minimumFallbackBudgetMs) {
      throw thrown;
    }
    const notice = { reason, cause: causeOf(thrown), mainProduct: main.product, fallbackProduct: fallback.product };
    try {
      const result = await fallback.send();
      notifySafely(runtime, { ...notice, outcome: 'sent' });
      return result;
    } catch (fallbackError: unknown) {
      // A fallback that cannot reach the number either sent nothing: the main failure says why.
      if (fallbackError instanceof ConnectorError && fallbackReasonOf(fallbackError, fallback.product) === 'service-reach') {
        throw thrown;
      }
      notifySafely(runtime, { ...notice, outcome: 'failed' });
      throw fallbackError;
    }
  }
};
