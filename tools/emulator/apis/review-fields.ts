import { createHash } from 'node:crypto';
import type { ReviewStatus } from '../accounts.js';
import type { AnswerBody } from '../responses.js';

const BEIJING_OFFSET_MS = 8 * 3_600_000;
// Aliyun reviews within about two hours; the audit date follows the creation date by that much.
const REVIEW_DELAY_MS = 2 * 3_600_000;

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, as the console and the read APIs write dates. */
export function beijingTime(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/** `length` digits derived from `seed`: order numbers and ids that stay the same across calls. */
export function stableDigits(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from({ length }, (_, index) => String((digest[index % digest.length] ?? 0) % 10)).join('');
}

/** AuditInfo as GetSmsSign/GetSmsTemplate give it: the rejection reason, and when review ended. */
export function auditInfo(status: ReviewStatus, rejectReason: string | undefined, createdAt: Date): AnswerBody {
  const reviewed = status === 'approved' || status === 'rejected';
  return {
    RejectInfo: status === 'rejected' ? (rejectReason ?? '审核未通过') : '无审核备注',
    AuditDate: reviewed ? beijingTime(new Date(createdAt.getTime() + REVIEW_DELAY_MS)) : '',
  };
}
