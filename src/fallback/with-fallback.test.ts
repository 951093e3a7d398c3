import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { aliyunAnswerError, transportError } from '../aliyun/rpc/failures.js';

import { minimumFallbackBudgetMs, sendWithFallback, type FallbackNotice } from './with-fallback.js';

const refusedBy = (code: string) =>
  aliyunAnswerError({ Code: code, Message: 'refused', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' }, 200, {
    product: 'dysms',
    sensitive: [],
  });
const timedOut = () =>
  transportError('timeout', { destination: { host: 'dysmsapi.aliyuncs.com', port: 443 }, attempts: 1, timeoutMs: 5000 }, {
    product: 'dysms',
    sensitive: [],
  });
const notMainland = () =>
  new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, { errorDescription: 'mainland only', reason: 'not_mainland' });

/** A sender that counts its sends and either answers or throws what it is given. */
const sender = (product: 'dysms' | 'dypns', outcome: string | Error) => {
  const attempt = {
    calls: 0,
    product,
    send: async () => {
      attempt.calls += 1;
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
  };
  return attempt;
};

const runtime = (remainingMs = 5000) => {
  const notices: FallbackNotice[] = [];
  return { notices, remainingMs: () => remainingMs, notify: (notice: FallbackNotice) => notices.push(notice) };
};

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error
  );

describe('sendWithFallback', () => {
  it('sends through the main sender alone when it succeeds', async () => {
    const main = sender('dysms', 'main-id');
    const fallback = sender('dypns', 'fallback-id');
    const log = runtime();
    await expect(sendWithFallback(main, fallback, log)).resolves.toBe('main-id');
    expect([main.calls, fallback.calls, log.notices]).toEqual([1, 0, []]);
  });

  it('sends through the fallback after a refusal of the account, and says so once', async () => {
    const main = sender('dysms', refusedBy('isv.AMOUNT_NOT_ENOUGH'));
    const fallback = sender('dypns', 'fallback-id');
    const log = runtime();
    await expect(sendWithFallback(main, fallback, log)).resolves.toBe('fallback-id');
    expect(fallback.calls).toBe(1);
    expect(log.notices).toEqual([
      { reason: 'account', cause: 'isv.AMOUNT_NOT_ENOUGH', mainProduct: 'dysms', fallbackProduct: 'dypns', outcome: 'sent' },
    ]);
  });

  it('sends through the fallback when the main service cannot reach the number', async () => {
    const main = sender('dypns', notMainland());
    const fallback = sender('dysms', 'fallback-id');
    const log = runtime();
    await expect(sendWithFallback(main, fallback, log)).resolves.toBe('fallback-id');
    expect(log.notices[0]).toMatchObject({ reason: 'service-reach', cause: 'not_mainland' });
  });

  it.each([
    ['a timeout after the request may have been received', timedOut],
    ['the per-number limit', () => refusedBy('isv.BUSINESS_LIMIT_CONTROL')],
    ['a number Aliyun judged invalid', () => refusedBy('isv.MOBILE_NUMBER_ILLEGAL')],
  ])('never uses the fallback after %s', async (_what, failure) => {
    const error = failure();
    const main = sender('dysms', error);
    const fallback = sender('dypns', 'fallback-id');
    const log = runtime();
    expect(await rejectionOf(sendWithFallback(main, fallback, log))).toBe(error);
    expect([fallback.calls, log.notices]).toEqual([0, []]);
  });

  it('does not start the fallback with less than a second of the deadline left', async () => {
    const error = refusedBy('isv.AMOUNT_NOT_ENOUGH');
    const fallback = sender('dypns', 'fallback-id');
    const log = runtime(minimumFallbackBudgetMs - 1);
    expect(await rejectionOf(sendWithFallback(sender('dysms', error), fallback, log))).toBe(error);
    expect(fallback.calls).toBe(0);
  });

  it('starts the fallback with exactly a second left', async () => {
    const fallback = sender('dypns', 'fallback-id');
    const log = runtime(minimumFallbackBudgetMs);
    await expect(sendWithFallback(sender('dysms', refusedBy('isv.AMOUNT_NOT_ENOUGH')), fallback, log)).resolves.toBe(
      'fallback-id'
    );
  });

  it('throws the fallback’s own failure when it fails too, and logs the attempt', async () => {
    const fallbackError = timedOut();
    const log = runtime();
    const thrown = await rejectionOf(
      sendWithFallback(sender('dysms', refusedBy('isv.OUT_OF_SERVICE')), sender('dypns', fallbackError), log)
    );
    expect(thrown).toBe(fallbackError);
    expect(log.notices).toEqual([
      { reason: 'account', cause: 'isv.OUT_OF_SERVICE', mainProduct: 'dysms', fallbackProduct: 'dypns', outcome: 'failed' },
    ]);
  });

  it('keeps the main failure when the fallback cannot reach the number either', async () => {
    const mainError = refusedBy('isv.AMOUNT_NOT_ENOUGH');
    const log = runtime();
    const thrown = await rejectionOf(sendWithFallback(sender('dysms', mainError), sender('dypns', notMainland()), log));
    expect(thrown).toBe(mainError);
    expect(log.notices).toEqual([]);
  });

  it('passes a failure through unchanged when there is no fallback', async () => {
    const error = refusedBy('isv.AMOUNT_NOT_ENOUGH');
    expect(await rejectionOf(sendWithFallback(sender('dysms', error), undefined, runtime()))).toBe(error);
  });

  it('keeps the outcome when the log line cannot be written', async () => {
    const failingLog = {
      remainingMs: () => 5000,
      notify: () => {
        throw new Error('log unavailable');
      },
    };
    await expect(sendWithFallback(sender('dysms', refusedBy('isv.AMOUNT_NOT_ENOUGH')), sender('dypns', 'fallback-id'), failingLog)).resolves.toBe('fallback-id');
    const fallbackError = refusedBy('isv.OUT_OF_SERVICE');
    expect(await rejectionOf(sendWithFallback(sender('dysms', refusedBy('isv.AMOUNT_NOT_ENOUGH')), sender('dypns', fallbackError), failingLog))).toBe(fallbackError);
  });

  it('never hands a raw exception to the fallback', async () => {
    const error = new TypeError('bug');
    const fallback = sender('dypns', 'fallback-id');
    expect(await rejectionOf(sendWithFallback(sender('dysms', error), fallback, runtime()))).toBe(error);
    expect(fallback.calls).toBe(0);
  });
});
