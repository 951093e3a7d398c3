// The doctor's receipt checks: `--send` follows its test message to the phone for up to
// `--wait` seconds, and `--receipt BIZID --to NUMBER [--date]` looks up a message an end user
// says never arrived, so an admin can answer with the carrier's verdict.
import { ConnectorError, TemplateType } from '@logto/connector-kit';

import { resolveCredentials } from '../aliyun/rpc/credentials/credentials.js';
import { asConnectorError } from '../audience.js';
import { credentialSettingsOf } from '../config/credential-settings.js';
import { endpointOf } from '../config/derived.js';
import { parseConfig } from '../config/parse.js';
import type { AliyunSmsConfig } from '../config/schema.js';
import { finding, type Finding } from '../doctor/finding.js';
import { dypnsReceiptCheck, receiptCheck, type ReceiptReport, type ReceiptSubject } from '../doctor/receipt-finding.js';
import { resolveRecipient } from '../phone.js';
import type { PollResult } from '../receipts/poll.js';
import { productOf } from '../aliyun/products.js';
import type { ReceiptTarget } from '../aliyun/receipt-query.js';
import { createSendMessage } from '../send-message.js';
import type { SendRuntime } from '../send-runtime.js';

/** What a receipt check adds to the report. */
export type ReceiptOutcome = { findings: Finding[]; receipt: ReceiptReport | undefined };

/** How long `--send` waits for the receipt unless told otherwise. */
export const defaultWaitSeconds = 60;

const descriptionOf = (error: unknown): string => {
  const shaped = asConnectorError(error);
  const description: unknown = typeof shaped.data === 'object' && shaped.data !== null ? Reflect.get(shaped.data, 'errorDescription') : undefined;
  return typeof description === 'string' ? description : shaped.message;
};

/** The test send, as the console's Send does it, then its receipt within the wait. */
export const testSendFollowed = async (config: unknown, phone: string, waitSeconds: number, runtime: SendRuntime = {}): Promise<ReceiptOutcome> => {
  let followed: { result: PollResult; subject: ReceiptSubject } | undefined;
  const sendMessage = createSendMessage(async () => Promise.reject(new Error('the doctor passes the config inline')), {
    ...runtime,
    receipts: {
      waitMs: waitSeconds * 1000,
      onReceipt: (result, subject) => {
        followed = { result, subject };
      },
      // The doctor reports a missing permission as a finding, not in the log.
      notice: () => undefined,
    },
  });
  let sent: Finding;
  try {
    await sendMessage({ to: phone, type: TemplateType.Generic, payload: { code: '000000' } }, config);
    sent = finding('test send', 'passed', 'Aliyun accepted the test code (000000).');
  } catch (error: unknown) {
    // A failed receipt fails the console's Send, but Aliyun did accept the message.
    sent =
      followed?.result.state === 'failed'
        ? finding('test send', 'passed', 'Aliyun accepted the test code (000000).')
        : finding('test send', 'problem', descriptionOf(error));
  }
  if (sent.status === 'problem') {
    return { findings: [sent], receipt: undefined };
  }
  // Only the SMS authentication service sends without following a receipt.
  const check = followed === undefined ? dypnsReceiptCheck : receiptCheck(followed.result, followed.subject, waitSeconds);
  return { findings: [sent, check.finding], receipt: check.receipt };
};

const readConfig = (input: unknown): AliyunSmsConfig | Finding => {
  try {
    return parseConfig(input);
  } catch (error: unknown) {
    return finding('configuration', 'problem', descriptionOf(error));
  }
};

const dayMs = 86_400_000;

/** Looks up one message's receipt: under `date`, or today's and yesterday's Beijing dates. */
export const lookUpSupportReceipt = async (
  input: unknown,
  request: { bizId: string; to: string; date: string | undefined },
  runtime: SendRuntime = {}
): Promise<ReceiptOutcome> => {
  const config = readConfig(input);
  if ('advice' in config) {
    return { findings: [config], receipt: undefined };
  }
  const query = productOf(config.service).receiptQuery;
  if (query === undefined) {
    return { findings: [dypnsReceiptCheck.finding], receipt: dypnsReceiptCheck.receipt };
  }
  const { credentialChain, ...callRuntime } = runtime;
  let target: ReceiptTarget;
  try {
    const recipient = resolveRecipient(request.to, { strict: config.strictPhoneRegionNumberCheck });
    const credentials = await resolveCredentials(credentialSettingsOf(config), { timeoutMs: config.timeout }, credentialChain);
    target = {
      endpoint: endpointOf(config),
      credentials,
      signatureVersion: config.signatureVersion,
      regionId: config.regionId,
      phoneNumber: recipient.aliyunNumber,
      bizId: request.bizId,
      maskedPhoneNumber: recipient.masked,
    };
  } catch (error: unknown) {
    if (!(error instanceof ConnectorError)) {
      throw error;
    }
    return { findings: [finding('delivery receipt', 'problem', descriptionOf(error))], receipt: undefined };
  }
  const now = (callRuntime.now ?? (() => new Date()))();
  // Newest first; a query without dates (QueryMessage) asks once, whatever --date says.
  const dates = query.sendDates(new Date(now.getTime() - dayMs), now).reverse();
  const asked = request.date === undefined || !query.filedByDate ? dates : [request.date];
  const subject = { bizId: request.bizId, maskedPhoneNumber: target.maskedPhoneNumber, idName: query.idName, permission: query.permission };
  let unavailable: string | undefined;
  for (const date of asked) {
    const found = await query.lookUp(target, date, config.timeout, callRuntime);
    if (found.state === 'unavailable') {
      unavailable = found.detail;
      continue;
    }
    if (found.state !== 'not-found') {
      const result: PollResult = found.state === 'pending' ? { state: 'pending', lookups: 1, problem: undefined } : { ...found, lookups: 1 };
      const check = receiptCheck(result, subject);
      return { findings: [check.finding], receipt: check.receipt };
    }
  }
  if (unavailable !== undefined) {
    return { findings: [finding('delivery receipt', 'unchecked', `Aliyun could not be asked for the receipt: ${unavailable}`, 'endpoint')], receipt: undefined };
  }
  const check = receiptCheck({ state: 'not-found' }, subject);
  return { findings: [check.finding], receipt: check.receipt };
};
