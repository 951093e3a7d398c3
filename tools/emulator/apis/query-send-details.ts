import type { Account } from '../accounts.js';
import type { ReceiptBook } from '../receipts.js';
import type { AcceptedMessage } from '../records.js';
import type { AnswerBody } from '../responses.js';
import { accept } from '../verdict.js';
import { businessRefusal, missingParameter, type ApiOutcome, type SignedApi, type SignedApiRequest } from './api.js';
import { beijingTime } from './review-fields.js';

/** What QuerySendDetails needs from the emulator. */
export interface QuerySendDetailsDeps {
  /** Every accepted message, oldest first (live view). */
  readonly messages: readonly AcceptedMessage[];
  readonly receipts: ReceiptBook;
  /** The account an AccessKeyId (permanent or STS) belongs to. */
  readonly accountOf: (accessKeyId: string) => Account | undefined;
}

const REQUIRED = ['PhoneNumber', 'SendDate', 'PageSize', 'CurrentPage'] as const;
// Aliyun keeps send records for 30 days.
const HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;

/** `yyyyMMdd` of a moment in Beijing time: the date Aliyun files a message under. */
export function beijingDate(date: Date): string {
  return beijingTime(date).slice(0, 10).replaceAll('-', '');
}

function whole(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,4}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function recentDate(text: string, now: Date): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match === null) return false;
  const [, year = '', month = '', day = ''] = match;
  // Midnight of that date in Beijing, as UTC.
  const start = Date.UTC(Number(year), Number(month) - 1, Number(day)) - 8 * 3_600_000;
  if (beijingDate(new Date(start)) !== text) return false;
  return start <= now.getTime() && now.getTime() - start < (HISTORY_DAYS + 1) * DAY_MS;
}

function detail(message: AcceptedMessage, receipts: ReceiptBook, now: Date): AnswerBody {
  const receipt = receipts.read(message, now);
  return {
    PhoneNum: message.phoneNumber,
    SendStatus: receipt.sendStatus,
    ErrCode: receipt.errCode,
    TemplateCode: message.templateCode,
    Content: `【${message.signName}】${message.text}`,
    SendDate: beijingTime(message.acceptedAt),
    ReceiveDate: receipt.receivedAt === undefined ? '' : beijingTime(receipt.receivedAt),
    ...(message.outId === undefined ? {} : { OutId: message.outId }),
  };
}

/**
 * Dysmsapi QuerySendDetails: the SendSms messages of the caller's account to one number on one
 * Beijing date (optionally one BizId), newest first, a page at a time, each with its receipt
 * as the emulator's ReceiptBook says it stands now.
 */
export function createQuerySendDetailsApi(deps: QuerySendDetailsDeps): SignedApi {
  const handle = (request: SignedApiRequest): ApiOutcome => {
    const { values } = request;
    const missing = missingParameter(values, REQUIRED, true);
    if (missing !== undefined) return missing;
    const phoneNumber = values.get('PhoneNumber') ?? '';
    const sendDate = values.get('SendDate') ?? '';
    const bizId = values.get('BizId') ?? '';
    const pageSize = whole(values.get('PageSize') ?? '', 1, 50);
    const currentPage = whole(values.get('CurrentPage') ?? '', 1, 9999);
    if (pageSize === undefined || currentPage === undefined) {
      return businessRefusal('isv.INVALID_PARAMETERS', 'PageSize must be 1-50 and CurrentPage at least 1.');
    }
    if (!recentDate(sendDate, request.now)) {
      return businessRefusal('isv.INVALID_PARAMETERS', `SendDate "${sendDate}" is not a yyyyMMdd date of the last ${HISTORY_DAYS} days.`);
    }
    const account = request.credential.account;
    const matching = deps.messages
      .filter(
        (message) =>
          message.api === 'SendSms' &&
          message.phoneNumber === phoneNumber &&
          beijingDate(message.acceptedAt) === sendDate &&
          (bizId === '' || message.bizId === bizId) &&
          deps.accountOf(message.accessKeyId) === account,
      )
      .reverse();
    const page = matching.slice((currentPage - 1) * pageSize, currentPage * pageSize);
    return {
      verdict: accept(),
      body: {
        // A string, as Alibaba's SDK types it.
        TotalCount: String(matching.length),
        Message: 'OK',
        RequestId: request.requestId,
        Code: 'OK',
        SmsSendDetailDTOs: { SmsSendDetailDTO: page.map((message) => detail(message, deps.receipts, request.now)) },
      },
      message: undefined,
    };
  };
  return {
    action: 'QuerySendDetails',
    version: '2017-05-25',
    product: 'Dysmsapi',
    auth: 'signed',
    ramAction: 'dysms:QuerySendDetails',
    sendOnlyAllowed: false,
    handle,
  };
}
