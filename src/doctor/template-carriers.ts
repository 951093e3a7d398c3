// What the carriers and Aliyun's rules say of a template beyond its approval: the carriers' own
// review (VendorAuditStatus, which Aliyun returns only for some kinds of template, so nothing is
// said when it is absent) and the one-variable rule of verification-code templates.
import { trySafe } from '@silverhand/essentials';
import { z } from 'zod';

import { finding, type Finding, type FindingStatus } from './finding.js';
import type { SmsTemplate } from './read-answers.js';
import type { TemplateUse } from './template-checks.js';

const vendorGuard = z.object({
  VendorAuditStatus: z.record(z.string(), z.union([z.number(), z.string()])).optional().catch(undefined),
});

/** VendorAuditStatus's carrier keys (Aliyun spells China Telecom's two ways). */
export const vendorNames: Readonly<Record<string, string>> = {
  MOBILE_VENDOR: 'China Mobile',
  UNICOM_VENDOR: 'China Unicom',
  TELECOM_VENDOR: 'China Telecom',
  TELCOM_VENDOR: 'China Telecom',
};

/** VendorAuditStatus values: a carrier's review of the template. */
export const vendorStatuses: ReadonlyMap<number, { status: FindingStatus; says: string }> = new Map([
  [1, { status: 'passed', says: 'approved by' }],
  [0, { status: 'note', says: 'still under review by' }],
  [2, { status: 'problem', says: 'rejected by' }],
  [15, { status: 'problem', says: 'no longer valid with' }],
]);

/** One finding per carrier where GetSmsTemplate's answer carries VendorAuditStatus; none otherwise. */
export const vendorAuditFindings = (body: string, check: string): Finding[] => {
  const parsed = vendorGuard.safeParse(trySafe((): unknown => JSON.parse(body)));
  const statuses = parsed.success ? parsed.data.VendorAuditStatus : undefined;
  return Object.entries(statuses ?? {}).map(([key, value]) => {
    const carrier = vendorNames[key] ?? key;
    const known = typeof value === 'number' || /^-?\d+$/.test(value) ? vendorStatuses.get(Number(value)) : undefined;
    if (known === undefined) {
      return finding(`${check}, ${carrier}`, 'note', `The carrier’s review state (${String(value)}) is one the doctor does not know: check it in the SMS console.`, 'templates');
    }
    const advice = `The template is ${known.says} ${carrier}${known.status === 'problem' ? ': messages with it may be blocked; revise it in the SMS console' : ''}.`;
    return known.status === 'passed' ? finding(`${check}, ${carrier}`, 'passed', advice) : finding(`${check}, ${carrier}`, known.status, advice, 'templates');
  });
};

const verificationType = 0;
const internationalType = 3;

/** A warning when a verification-code template is given more than the one variable Aliyun allows it. */
export const verificationVariablesFinding = (use: TemplateUse, template: SmsTemplate, check: string): Finding | undefined => {
  const verification =
    template.TemplateType === verificationType || (template.TemplateType === internationalType && template.IntlType === verificationType);
  if (!verification || use.variables.length <= 1) {
    return undefined;
  }
  return finding(
    check,
    'note',
    `Warning: a verification-code template may have only one variable (the code, 4–6 characters), but params give it ${use.variables.length} (${use.variables.join(', ')}): Aliyun approves such templates only as its own samples; use a template with \${code} alone.`,
    'templates'
  );
};
