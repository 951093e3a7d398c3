// The doctor for the SMS authentication service: Aliyun has no read API for its gift signs and
// templates, so it asks nothing; what can be checked is that the config names gift templates
// and fills their ${min}.
import type { AliyunSmsConfig } from '../config/schema.js';
import { templateCodesOfEntry } from '../templates/entry.js';
import { resolveParams, sendSmsVerifyCodeDefaultParams } from '../templates/params.js';

import { finding, type Finding } from './finding.js';

const giftTemplateCodes = new Set(['100001', '100002', '100003', '100004', '100005']);

/** Each template entry's gift code and ${min}, and a note that the gift sign cannot be read. */
export const dypnsFindings = (config: AliyunSmsConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const entry of config.templates) {
    const codes = templateCodesOfEntry(entry);
    const check = `template ${codes.join('/')} (${entry.usageType}${entry.locale === undefined ? '' : ` ${entry.locale}`})`;
    const notGift = codes.filter((code) => !giftTemplateCodes.has(code));
    const params = resolveParams(entry, sendSmsVerifyCodeDefaultParams);
    if (notGift.length > 0) {
      findings.push(finding(check, 'problem', `The SMS authentication service sends only Aliyun’s gift templates 100001–100005, not ${notGift.join(', ')}.`, 'templates'));
    } else if (!('min' in params)) {
      findings.push(finding(check, 'problem', 'Aliyun’s gift templates contain ${min}: add "min" (the minutes the code is valid) to this entry’s params.', 'templates'));
    } else {
      findings.push(finding(check, 'passed', 'A gift template, with code and min filled.'));
    }
  }
  findings.push(
    // A note, not unchecked: Aliyun has no read call for it, so there was nothing to try,
    // and the verdict (exit 3) speaks only of checks that were tried and could not be made.
    finding(
      'sign name',
      'note',
      'Aliyun offers no read API for the SMS authentication service’s gift sign names: press Send in the console to test it, and copy a current one from 号码认证 → 短信认证 → 赠送签名配置 if it fails.',
      'signName'
    )
  );
  return findings;
};
