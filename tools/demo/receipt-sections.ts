// Sections 9 and 10: the console's Send follows its message to the phone. Aliyun accepts both sends;
// the carrier delivers one and blocks the other (as carriers block sign names not filed with
// them since 2025), and the toast says so.
import { TemplateType } from '@logto/connector-kit';

import type { RecordedRequest } from '../emulator/index.js';
import type { DemoConfig } from './configs.js';
import { buildSmsConnector } from './load.js';
import type { DemoContext } from './send-sections.js';
import { attemptSend, failureOf, writeAttempt, type SendPlan } from './send.js';
import { consoleAnswerOf, type ConsoleAnswer } from './toast.js';
import { labelled, wrapWords } from './text.js';

/** Logto stores numbers as E.164 without the plus; each send has its own number, so each its own receipt. */
export const receiptNumbers = { delivered: '8613600136000', blocked: '8613500135000' } as const;

/** The carrier code the demo's blocked message gets: the gateway's block, which unfiled sign names often meet. */
export const blockedCode = 'MK:0000';

/** What the two followed sends came to. */
export interface ReceiptReports {
  /** QuerySendDetails requests of the delivered send, and the receipt state of the last. */
  readonly delivered: { readonly queries: number; readonly errCode: string | undefined };
  readonly blocked: { readonly queries: number; readonly answer: ConsoleAnswer };
}

const toastWidth = 100;

const receiptLines = (queries: readonly RecordedRequest[]): string[] => [
  `QuerySendDetails asked ${queries.length} time${queries.length === 1 ? '' : 's'}, about once a second (BizId, number, Beijing send date): ${queries.map((record) => record.verdict.code).join(', ')}`,
];

const plan = async (context: DemoContext, config: DemoConfig, to: string, heading: string): Promise<SendPlan> => ({
  label: heading,
  heading: () => heading,
  action: 'SendSms',
  to,
  usageType: TemplateType.Generic,
  code: '000000',
  connector: await buildSmsConnector(context.loaded.factory),
  inlineConfig: config,
  configRequestedFor: [],
});

/** Two console Sends: one the carrier delivers after about 2 s, one it blocks. */
export async function showReceipts(context: DemoContext, config: DemoConfig): Promise<ReceiptReports> {
  const { emulator, write, paint } = context;
  // The emulator matches numbers as sent to Aliyun or in E.164.
  emulator.chooseReceipt(`+${receiptNumbers.delivered}`, { kind: 'delivered', afterMs: 1800 });
  emulator.chooseReceipt(`+${receiptNumbers.blocked}`, { kind: 'failed', code: blockedCode, afterMs: 900 });

  const deliveredPlan = await plan(
    context,
    config,
    receiptNumbers.delivered,
    `9. Console "Send" waits for the delivery receipt: Generic to ${receiptNumbers.delivered}, the carrier delivers it after about 2 s`
  );
  const delivered = await attemptSend(deliveredPlan, emulator);
  writeAttempt(deliveredPlan, delivered, write, paint);
  if (delivered.thrown !== undefined) {
    throw new Error(failureOf('receipt send', delivered.last, delivered.thrown.error));
  }
  const deliveredQueries = delivered.others.filter((record) => record.action === 'QuerySendDetails');
  for (const line of labelled('receipt', [...receiptLines(deliveredQueries), paint.green('delivered (DELIVRD): the console says "Test message sent"')], paint.dim)) {
    write(line);
  }

  const blockedPlan = await plan(
    context,
    config,
    receiptNumbers.blocked,
    `10. Console "Send" with a message the carrier blocks: Generic to ${receiptNumbers.blocked}, Aliyun answers OK, the receipt says ${blockedCode}`
  );
  const blocked = await attemptSend(blockedPlan, emulator);
  writeAttempt(blockedPlan, blocked, write, paint);
  if (blocked.thrown === undefined) {
    throw new Error(`blocked receipt send: the console's Send succeeded although the carrier reported ${blockedCode}`);
  }
  if (blocked.last?.verdict.code !== 'OK') {
    throw new Error(failureOf('blocked receipt send', blocked.last, blocked.thrown.error));
  }
  const blockedQueries = blocked.others.filter((record) => record.action === 'QuerySendDetails');
  for (const line of labelled('receipt', receiptLines(blockedQueries), paint.dim)) write(line);
  const answer = consoleAnswerOf(blocked.thrown.error);
  if (answer.toast === undefined || !answer.toast.includes(blockedCode)) {
    throw new Error(`blocked receipt send: the toast does not name the carrier's code ${blockedCode}`);
  }
  for (const line of labelled('toast', wrapWords(answer.toast, toastWidth), paint.dim)) write(line);
  return {
    delivered: { queries: deliveredQueries.length, errCode: deliveredQueries.at(-1)?.verdict.code },
    blocked: { queries: blockedQueries.length, answer },
  };
}
