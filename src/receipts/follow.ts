// The console's Send follows its message to the phone: after Aliyun accepts it, wait for the
// carrier's receipt until it is final or the wait is over. A failed receipt fails the Send with
// what the carrier said; no receipt in time, or no permission to ask, lets it succeed.
import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import type { ReceiptQuery, ReceiptTarget } from '../aliyun/receipt-query.js';
import type { CallRuntime } from '../aliyun/rpc/call.js';
import { connectorError } from '../aliyun/rpc/failures.js';

import { describeReceiptCode } from './codes.js';
import { pollIntervalMs, pollReceipt, type PollResult } from './poll.js';

/** How a Send follows its receipt; every field has a default. */
export type ReceiptOptions = {
  /** How long after the Send began the wait ends; default 15 s (Logto's console gives up at 20 s). */
  waitMs?: number;
  /** Told how the wait ended and for which message (the doctor prints it). */
  onReceipt?: (
    result: PollResult,
    message: { bizId: string; maskedPhoneNumber: string; idName: ReceiptQuery['idName']; permission: string }
  ) => void;
  /** Where one-time notes go; default Logto's log (stderr). */
  notice?: (text: string) => void;
};

/** The console's wait: 15 s from the start of the Send, leaving Logto's 20 s some room. */
export const consoleReceiptWaitMs = 15_000;

/** The note a RAM user without the receipt permission (e.g. dysms:QuerySendDetails) gets, once per process. */
export const receiptPermissionNote = (permission: string): string =>
  `The test message was sent, but its delivery receipt could not be read: grant the RAM user ${permission} (or AliyunDysmsReadOnlyAccess) so that the console's Send can tell whether the code reached the phone.`;

const noted = new Set<string>();

const noteOnce = (text: string, notice: (text: string) => void): void => {
  if (noted.has(text)) {
    return;
  }
  noted.add(text);
  notice(`Aliyun SMS connector: ${text}`);
};

const defaultNotice = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

/** The Send's error for a receipt the carrier reported as failed. */
export const receiptFailureError = (
  target: ReceiptTarget,
  code: string,
  requestId: string,
  idName: ReceiptQuery['idName'] = 'BizId'
): ConnectorError => {
  const described = describeReceiptCode(code);
  const shown = code === '' ? '(none given)' : code;
  const description = `Aliyun accepted the message to ${target.maskedPhoneNumber}, but the carrier did not deliver it: receipt code ${shown}, ${described.meaning}. ${described.advice} ${idName}: ${target.bizId}.`;
  return connectorError(
    ConnectorErrorCodes.General,
    {
      errorDescription: description,
      receiptCode: code,
      receiptMeaning: described.meaning,
      [idName]: target.bizId,
      ...(requestId === '' ? {} : { RequestId: requestId }),
      maskedPhoneNumber: target.maskedPhoneNumber,
    },
    `Aliyun SMS connector: ${description}`
  );
};

/** What following a receipt needs besides the message. */
export type FollowContext = {
  /** How the product that sent the message reads its receipt. */
  query: ReceiptQuery;
  /** When the message was handed to Aliyun (wall clock). */
  sentAt: Date;
  /** The SendSms answer's RequestId, for the admin's error. */
  requestId: string;
  /** What is left of the wait, in milliseconds. */
  budgetMs: number;
  runtime: Partial<CallRuntime>;
  options: ReceiptOptions;
  now: () => Date;
  elapsed: () => number;
  sleep: (milliseconds: number) => Promise<void>;
};

/** Waits for the receipt; throws the Send's error when the carrier reports a failure. */
export const followReceipt = async (target: ReceiptTarget, context: FollowContext): Promise<PollResult> => {
  const result = await pollReceipt({
    lookUp: async (sendDate, timeoutMs) => context.query.lookUp(target, sendDate, timeoutMs, context.runtime),
    sendDates: () => context.query.sendDates(context.sentAt, context.now()),
    budgetMs: context.budgetMs,
    intervalMs: pollIntervalMs,
    elapsed: context.elapsed,
    sleep: context.sleep,
  });
  context.options.onReceipt?.(result, {
    bizId: target.bizId,
    maskedPhoneNumber: target.maskedPhoneNumber,
    idName: context.query.idName,
    permission: context.query.permission,
  });
  if (result.state === 'denied') {
    noteOnce(receiptPermissionNote(context.query.permission), context.options.notice ?? defaultNotice);
  }
  if (result.state === 'failed') {
    throw receiptFailureError(target, result.code, context.requestId, context.query.idName);
  }
  return result;
};
