import { describe, expect, it } from 'vitest';

import { auditFinding, auditStatus } from './audit-status.js';

describe('auditFinding', () => {
  it.each([
    [auditStatus.approved, { check: 'sign name', status: 'passed', advice: 'The sign name "Logto" is approved.' }],
    [
      auditStatus.underReview,
      { check: 'sign name', status: 'problem', advice: 'The sign name "Logto" is still under review: sends fail until Aliyun approves it.', field: 'signName' },
    ],
    [
      auditStatus.cancelled,
      { check: 'sign name', status: 'problem', advice: 'The sign name "Logto" was withdrawn from review: apply for it again, or use another one.', field: 'signName' },
    ],
    [
      7,
      { check: 'sign name', status: 'note', advice: 'The sign name "Logto" has a review state (7) the doctor does not know: check it in the console.', field: 'signName' },
    ],
  ])('reads review state %s as the administrator needs it', (status, expected) => {
    expect(auditFinding('sign name', status, undefined, 'signName', 'The sign name "Logto"')).toEqual(expected);
  });

  it('quotes Aliyun’s reject reason, trimmed, and names the key to fix', () => {
    expect(auditFinding('template SMS_1 (Generic)', auditStatus.rejected, '  模板内容中包含错别字。 \n', 'templates', 'The template')).toEqual({
      check: 'template SMS_1 (Generic)',
      status: 'problem',
      advice: 'The template was rejected (模板内容中包含错别字。): fix it and apply again, or use another one.',
      field: 'templates',
    });
  });

  it.each([
    ['no reason', undefined],
    ['an empty reason', ''],
    ['a blank reason', ' \t '],
  ])('says no reason was given for a rejection with %s', (_name, reason) => {
    expect(auditFinding('sign name', auditStatus.rejected, reason, 'signName', 'The sign name').advice).toBe(
      'The sign name was rejected (no reason given): fix it and apply again, or use another one.'
    );
  });
});
