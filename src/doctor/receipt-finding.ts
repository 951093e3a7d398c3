// What the doctor says of a message's delivery receipt: delivered (when), failed (the carrier's
// code, what it means, what to do), still pending, or why it could not be read, as a finding
// and as data for --json.
import { describeReceiptCode } from '../receipts/codes.js';
import type { PollResult } from '../receipts/poll.js';
import { queryPermission } from '../aliyun/dysms/receipt-query.js';

import { finding, type Finding } from './finding.js';

/** The receipt as --json carries it. */
export type ReceiptReport = {
  state: 'delivered' | 'failed' | 'pending' | 'denied' | 'not-found' | 'not-offered';
  bizId?: string;
  code?: string;
  meaning?: string;
  advice?: string;
  /** Aliyun's ReceiveDate, Beijing time. */
  receivedAt?: string;
};

/** A finding with its receipt data. */
export type ReceiptCheck = { finding: Finding; receipt: ReceiptReport };

/** Which message a receipt is for, as the report may show it. */
export type ReceiptSubject = {
  bizId: string;
  maskedPhoneNumber: string;
  /** What the product calls the id (default BizId), and the RAM action its query needs (default QuerySendDetails'). */
  idName?: string;
  permission?: string;
};

const check = 'delivery receipt';

const deniedAdvice = (permission: string): string =>
  `The RAM user may not read delivery receipts: grant ${permission} (or AliyunDysmsReadOnlyAccess) to let the doctor and the console's Send follow messages to the phone.`;

/** The finding for how a wait for (or a lookup of) a receipt ended. */
export const receiptCheck = (result: PollResult | { state: 'not-found' }, subject: ReceiptSubject, waitedSeconds?: number): ReceiptCheck => {
  const idName = subject.idName ?? 'BizId';
  const about = `The message to ${subject.maskedPhoneNumber} (${idName} ${subject.bizId})`;
  switch (result.state) {
    case 'delivered': {
      const when = result.receivedAt === undefined ? '' : ` at ${result.receivedAt} (Beijing time)`;
      return {
        finding: finding(check, 'passed', `${about} was delivered to the phone${when}.`),
        receipt: { state: 'delivered', bizId: subject.bizId, code: result.code, ...(result.receivedAt === undefined ? {} : { receivedAt: result.receivedAt }) },
      };
    }
    case 'failed': {
      const described = describeReceiptCode(result.code);
      return {
        finding: finding(check, 'problem', `${about} was not delivered: receipt code ${result.code === '' ? '(none given)' : result.code}, ${described.meaning}. ${described.advice}`),
        receipt: {
          state: 'failed',
          bizId: subject.bizId,
          code: result.code,
          meaning: described.meaning,
          advice: described.advice,
          ...(result.receivedAt === undefined ? {} : { receivedAt: result.receivedAt }),
        },
      };
    }
    case 'denied': {
      return { finding: finding(check, 'unchecked', deniedAdvice(subject.permission ?? queryPermission), 'accessKeyId'), receipt: { state: 'denied', bizId: subject.bizId } };
    }
    case 'not-found': {
      return {
        finding: finding(check, 'unchecked', `Aliyun has no record of ${about.charAt(0).toLowerCase()}${about.slice(1)} on the dates asked: check the ${idName}, the number and --date (Beijing time, within the last 30 days).`),
        receipt: { state: 'not-found', bizId: subject.bizId },
      };
    }
    case 'pending': {
      const waited = waitedSeconds === undefined ? '' : ` within ${waitedSeconds} s`;
      const problem = result.problem === undefined ? '' : ` The last query failed: ${result.problem}`;
      return {
        finding: finding(check, 'unchecked', `${about} has no final receipt yet${waited}: the carrier has not reported; look again later with --receipt ${subject.bizId} --to <number>.${problem}`),
        receipt: { state: 'pending', bizId: subject.bizId },
      };
    }
  }
};

/** The SMS authentication service: Aliyun offers no receipt query, so the doctor says so rather than guess. */
export const dypnsReceiptCheck: ReceiptCheck = {
  finding: finding(
    check,
    'unchecked',
    'The SMS authentication service (dypns) has no API to query a receipt: Aliyun only pushes its receipts to an HTTP address or message queue set in the Phone Number Verification console, which a Logto connector cannot receive. Check delivery in that console.',
    'service'
  ),
  receipt: { state: 'not-offered' },
};
