// What a template must be for the way the config uses it: approved, of the kind the recipient's
// region needs, and with exactly the variables the connector fills.
import { auditFinding } from './audit-status.js';
import { finding, type Finding } from './finding.js';
import type { SmsTemplate } from './read-answers.js';

/** How the config uses one template code. */
export type TemplateUse = {
  code: string;
  /** The usage types (and locales) whose entries name it, for the reader. */
  usedBy: readonly string[];
  /** `china`/`overseas` when named in { china, overseas }, `any` when it is a plain code. */
  role: 'china' | 'overseas' | 'any';
  /** The variable names the connector sends for it. */
  variables: readonly string[];
};

/** Which regions the config may send to: from allowedCountries, or both when it is not set. */
export type RegionsServed = {
  mainland: boolean;
  international: boolean;
  /** Whether allowedCountries is set, so the regions are the administrator's choice. */
  restricted: boolean;
};

const internationalType = 3;

const variablePattern = /\$\{([^}]*)\}/g;

/** The `${variables}` of a template text, each once, in order. */
export const templateVariables = (content: string): string[] => [
  ...new Set([...content.matchAll(variablePattern)].map((match) => match[1] ?? '')),
];

const kindFinding = (check: string, use: TemplateUse, template: SmsTemplate, regions: RegionsServed): Finding | undefined => {
  const international = template.TemplateType === internationalType;
  const kind = international ? 'an international template' : 'a mainland China template';
  if (use.role === 'china' && international) {
    return finding(check, 'problem', `It is the china code but ${kind}: mainland numbers need a mainland template.`, 'templates');
  }
  if (use.role === 'overseas' && !international) {
    return finding(check, 'problem', `It is the overseas code but ${kind}: international numbers need an international template.`, 'templates');
  }
  if (use.role !== 'any') {
    return undefined;
  }
  const otherRegionServed = international ? regions.mainland : regions.international;
  if (!otherRegionServed) {
    return undefined;
  }
  const other = international ? 'mainland China numbers' : 'numbers outside mainland China';
  // A plain code serves every number, but each Aliyun template serves one region: only
  // allowedCountries says whether the other region's users exist.
  return regions.restricted
    ? finding(check, 'problem', `It is ${kind}, but allowedCountries lets ${other} sign in: give them their own template with { "china": …, "overseas": … }.`, 'templates')
    : finding(check, 'note', `It is ${kind}, so ${other} cannot receive it: use { "china": …, "overseas": … } if you have such users, or set allowedCountries.`, 'templates');
};

const variableFindings = (check: string, use: TemplateUse, template: SmsTemplate): Finding[] => {
  const needed = templateVariables(template.TemplateContent);
  const missing = needed.filter((name) => !use.variables.includes(name));
  const unused = use.variables.filter((name) => !needed.includes(name));
  return [
    ...(missing.length > 0
      ? [finding(check, 'problem', `Its text needs ${missing.map((name) => `\${${name}}`).join(', ')}, which the connector does not fill: set the entry’s params to fill them.`, 'templates')]
      : []),
    ...(unused.length > 0
      ? [finding(check, 'note', `The connector sends ${unused.join(', ')}, which its text does not use.`, 'templates')]
      : []),
  ];
};

/** Findings for one template code as the config uses it. */
export const templateFindings = (use: TemplateUse, template: SmsTemplate, regions: RegionsServed): Finding[] => {
  const check = `template ${use.code} (${use.usedBy.join(', ')})`;
  const audit = auditFinding(check, template.TemplateStatus, template.AuditInfo?.RejectInfo, 'templates', 'The template');
  if (audit.status !== 'passed') {
    return [audit];
  }
  const kind = kindFinding(check, use, template, regions);
  const variables = variableFindings(check, use, template);
  const issues = [...(kind === undefined ? [] : [kind]), ...variables];
  return issues.length > 0 ? issues : [finding(check, 'passed', 'Approved, of the right kind, with the variables the connector fills.')];
};
