import { finding, type Finding } from './finding.js';

/** Aliyun's review states of signs and templates: 0 under review, 1 approved, 2 rejected, 10 cancelled. */
export const auditStatus = { underReview: 0, approved: 1, rejected: 2, cancelled: 10 } as const;

/** A finding for the review state of a sign or template. */
export const auditFinding = (
  check: string,
  status: number,
  rejectReason: string | undefined,
  field: string,
  what: string
): Finding => {
  switch (status) {
    case auditStatus.approved: {
      return finding(check, 'passed', `${what} is approved.`);
    }
    case auditStatus.underReview: {
      return finding(check, 'problem', `${what} is still under review: sends fail until Aliyun approves it.`, field);
    }
    case auditStatus.rejected: {
      const reason = rejectReason === undefined || rejectReason.trim() === '' ? 'no reason given' : rejectReason.trim();
      return finding(check, 'problem', `${what} was rejected (${reason}): fix it and apply again, or use another one.`, field);
    }
    case auditStatus.cancelled: {
      return finding(check, 'problem', `${what} was withdrawn from review: apply for it again, or use another one.`, field);
    }
    default: {
      return finding(check, 'note', `${what} has a review state (${status}) the doctor does not know: check it in the console.`, field);
    }
  }
};
