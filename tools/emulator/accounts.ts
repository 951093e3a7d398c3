/** Where a template may be sent: mainland China numbers or everywhere else. */
export type TemplateKind = 'mainland' | 'international';

/** Where a sign or template stands in Aliyun's review. */
export type ReviewStatus = 'approved' | 'under-review' | 'rejected' | 'cancelled';

/** Aliyun's TemplateType: 0 verification code, 1 notification, 2 promotion, 3 international/HK/Macao/Taiwan. */
export type TemplateType = 0 | 1 | 2 | 3;

/** Aliyun's IntlType of an international template: 0 verification code, 1 notification, 2 promotion. */
export type IntlType = 0 | 1 | 2;

/** Aliyun's SignTag: 2 created by the user, 3 given by the system, 4 test sign, 5 trial sign. */
export type SignTag = 2 | 3 | 4 | 5;

/** Aliyun's TemplateTag: 2 created by the user, 3 given by the system, 4 test template. */
export type TemplateTag = 2 | 3 | 4;

/** What a sign may send: verification-code signs only send verification-code templates; general signs send all. */
export type SignScene = 'verification-code' | 'general';

/** What the account's RAM policy allows: everything, or SendSms/SendSmsVerifyCode only (read calls get Forbidden.RAM). */
export type RamMode = 'full' | 'send-only';

/** A template of an account, in any review state (approved unless `status` says otherwise). */
export interface SmsTemplate {
  readonly code: string;
  readonly kind: TemplateKind;
  /** Template text with Aliyun-style variables, e.g. `${code}`. */
  readonly content: string;
  /** Default `approved`. */
  readonly status?: ReviewStatus;
  /** Why review rejected it (GetSmsTemplate's AuditInfo.RejectInfo). */
  readonly rejectReason?: string;
  /** Default 0 for a mainland template, 3 for an international one (3 if and only if `kind` is international). */
  readonly templateType?: TemplateType;
  /** Only with templateType 3; default 0 (verification code). */
  readonly intlType?: IntlType;
  /** Variable rules, e.g. `{ code: 'numberCaptcha' }`; default `{ code: 'characterWithNumber' }` when the text has `${code}`. */
  readonly variableAttribute?: Readonly<Record<string, string>>;
  /** The sign the template was applied for (GetSmsTemplate's RelatedSignName). */
  readonly relatedSignName?: string;
  /** BCP 47 language of the text (`zh-CN`, `en`): emulator bookkeeping for tests, Aliyun has no such field. */
  readonly language?: string;
  /** GetSmsTemplate's TemplateName; default the code. */
  readonly name?: string;
  /** Default 2 (user template). */
  readonly tag?: TemplateTag;
  /** GetSmsTemplate's CreateDate; default a fixed date. */
  readonly createdAt?: Date;
  /**
   * GetSmsTemplate's VendorAuditStatus (each carrier's review, e.g. `{ MOBILE_VENDOR: 1 }`), which
   * Aliyun returns only for some templates (digital SMS); default absent.
   */
  readonly vendorAuditStatus?: Readonly<Record<string, number>>;
}

/** The three mainland carriers, as GetSmsSign's OperatorCode names them. */
export type Carrier = 'mobile' | 'unicom' | 'telecom';

/**
 * GetSmsSign's RegisterStatus of the real-name filing (签名实名制报备) with one carrier: 0 failed,
 * 1 filed and awaiting verification, 2 lapsed (no sends for 6 months), 3 filed, -1 filing, -2 not filed.
 */
export type RegisterStatus = 0 | 1 | 2 | 3 | -1 | -2;

/** A sign's filing with one carrier, as GetSmsSign's SignIspRegisterDetailList gives it. */
export interface CarrierFiling {
  readonly status: RegisterStatus;
  /** RegisterStatusReasons: a reason code (e.g. `SIGNATURE_ERROR`) and optional explanations. */
  readonly reasons?: readonly { readonly code: string; readonly descriptions?: readonly string[] }[];
}

/** A sign of an account, in any review state (approved unless `status` says otherwise). */
export interface SmsSign {
  readonly name: string;
  /** Default `approved`. */
  readonly status?: ReviewStatus;
  /** Why review rejected it (GetSmsSign's AuditInfo.RejectInfo). */
  readonly rejectReason?: string;
  /** Default 2 (user sign). */
  readonly tag?: SignTag;
  /** Default `general`. */
  readonly scene?: SignScene;
  /** GetSmsSign's SignUsage; default 企事业单位名. */
  readonly usage?: string;
  /** GetSmsSign's ApplyScene; default empty. */
  readonly applyScene?: string;
  /** False for an approved sign Aliyun marks unusable (不可用): SendSms answers isv.SIGN_STATE_ILLEGAL. Default true. */
  readonly usable?: boolean;
  /** GetSmsSign's ThirdParty; default false. */
  readonly thirdParty?: boolean;
  /** GetSmsSign's CreateDate; default a fixed date. */
  readonly createdAt?: Date;
  /** Filing per carrier; default filed (3) with all three for an approved sign, not filed (-2) otherwise. */
  readonly filing?: Partial<Readonly<Record<Carrier, CarrierFiling>>>;
}

/** STS temporary credentials an account holds (issued elsewhere; AssumeRoleWithOIDC issues its own at run time). */
export interface TemporaryCredential {
  /** Starts with `STS.`. */
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** On the emulator clock. */
  readonly expiration: Date;
  /** Default: the account's. */
  readonly ramMode?: RamMode;
}

/** An Aliyun account as the emulator knows it: one AccessKey pair plus its signs and templates. */
export interface Account {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Approved sign names (shorthand for `signs` entries with every default). */
  readonly signNames: readonly string[];
  readonly templates: readonly SmsTemplate[];
  /** Signs in any state, with their details; a name also in `signNames` must be approved here. */
  readonly signs?: readonly SmsSign[];
  /** Default `full`. */
  readonly ramMode?: RamMode;
  readonly temporaryCredentials?: readonly TemporaryCredential[];
  /** Whether the SMS authentication service (Dypnsapi) is on; default true, as Aliyun enables it for every account. */
  readonly messageAuthService?: boolean;
  /** Sender IDs approved for SendMessageToGlobe's `From`; undefined accepts any well-formed one. */
  readonly senderIds?: readonly string[];
}

export { DEMO_ACCOUNT } from './demo-data.js';

const VARIABLE = /\$\{([^}]*)\}/g;

/** Names of the `${var}` placeholders of a template, in order of first appearance. */
export function templateVariables(content: string): string[] {
  const names: string[] = [];
  for (const match of content.matchAll(VARIABLE)) {
    const name = match[1] ?? '';
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The template text with every `${var}` replaced by its value (unknown ones left as written). */
export function fillTemplate(content: string, values: Readonly<Record<string, string>>): string {
  return content.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] ?? whole) : whole));
}

/** Finds the account owning a permanent AccessKeyId. */
export function findAccount(accounts: readonly Account[], accessKeyId: string): Account | undefined {
  return accounts.find((account) => account.accessKeyId === accessKeyId);
}
