import {
  templateVariables,
  type Account,
  type Carrier,
  type CarrierFiling,
  type IntlType,
  type ReviewStatus,
  type SignScene,
  type SignTag,
  type SmsSign,
  type SmsTemplate,
  type TemplateTag,
  type TemplateType,
} from './accounts.js';

// Fixtures rarely care when a sign or template was created; a fixed date keeps answers reproducible.
const DEFAULT_CREATED_AT = new Date('2024-06-03T02:02:34Z');

/** A sign with every default filled in. */
export interface ResolvedSign {
  readonly name: string;
  readonly status: ReviewStatus;
  readonly rejectReason: string | undefined;
  readonly tag: SignTag;
  readonly scene: SignScene;
  readonly usage: string;
  readonly applyScene: string;
  readonly usable: boolean;
  readonly thirdParty: boolean;
  readonly createdAt: Date;
  readonly filing: Readonly<Record<Carrier, CarrierFiling>>;
}

/** The carriers in the order GetSmsSign lists them. */
export const CARRIERS: readonly Carrier[] = ['mobile', 'unicom', 'telecom'];

function filingOf(sign: SmsSign, approved: boolean): Readonly<Record<Carrier, CarrierFiling>> {
  // Aliyun files a sign name with the carriers only once it approved it.
  const fallback: CarrierFiling = approved ? { status: 3 } : { status: -2, reasons: [{ code: 'NON_REGISTER' }] };
  return {
    mobile: sign.filing?.mobile ?? fallback,
    unicom: sign.filing?.unicom ?? fallback,
    telecom: sign.filing?.telecom ?? fallback,
  };
}

/** A template with every default filled in. */
export interface ResolvedTemplate extends SmsTemplate {
  readonly status: ReviewStatus;
  readonly templateType: TemplateType;
  readonly intlType: IntlType | undefined;
  readonly variableAttribute: Readonly<Record<string, string>>;
  readonly name: string;
  readonly tag: TemplateTag;
  readonly createdAt: Date;
}

function resolveSign(sign: SmsSign): ResolvedSign {
  const status = sign.status ?? 'approved';
  return {
    name: sign.name,
    status,
    rejectReason: sign.rejectReason,
    tag: sign.tag ?? 2,
    scene: sign.scene ?? 'general',
    usage: sign.usage ?? '企事业单位名',
    applyScene: sign.applyScene ?? '',
    usable: sign.usable ?? true,
    thirdParty: sign.thirdParty ?? false,
    createdAt: sign.createdAt ?? DEFAULT_CREATED_AT,
    filing: filingOf(sign, status === 'approved'),
  };
}

/** Every sign of an account: the detailed `signs` first, then `signNames` not detailed there (approved, defaults). */
export function signsOf(account: Account): ResolvedSign[] {
  const detailed = (account.signs ?? []).map(resolveSign);
  const named = account.signNames.filter((name) => !detailed.some((sign) => sign.name === name)).map((name) => resolveSign({ name }));
  return [...detailed, ...named];
}

/** The account's sign of that name, if it has one in any state. */
export function findSign(account: Account, name: string): ResolvedSign | undefined {
  return signsOf(account).find((sign) => sign.name === name);
}

/** A template with its defaults: type from its kind, the `code` variable read as a verification code. */
export function resolveTemplate(template: SmsTemplate): ResolvedTemplate {
  const templateType = template.templateType ?? (template.kind === 'international' ? 3 : 0);
  const variables = templateVariables(template.content);
  return {
    ...template,
    status: template.status ?? 'approved',
    templateType,
    intlType: templateType === 3 ? (template.intlType ?? 0) : undefined,
    variableAttribute: template.variableAttribute ?? (variables.includes('code') ? { code: 'characterWithNumber' } : {}),
    name: template.name ?? template.code,
    tag: template.tag ?? 2,
    createdAt: template.createdAt ?? DEFAULT_CREATED_AT,
  };
}

/** The account's template with that code, if it has one in any state. */
export function findTemplate(account: Account, code: string): ResolvedTemplate | undefined {
  const template = account.templates.find((candidate) => candidate.code === code);
  return template === undefined ? undefined : resolveTemplate(template);
}

/** Whether a template sends verification codes (the only kind a verification-code sign may send). */
export function isVerificationTemplate(template: ResolvedTemplate): boolean {
  return template.templateType === 0 || (template.templateType === 3 && template.intlType === 0);
}

/** Aliyun's numeric review states: SignStatus / TemplateStatus. */
export const REVIEW_STATUS_CODE: Readonly<Record<ReviewStatus, number>> = {
  'under-review': 0,
  approved: 1,
  rejected: 2,
  cancelled: 10,
};
