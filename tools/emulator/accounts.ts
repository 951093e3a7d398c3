/** Where a template may be sent: mainland China numbers or everywhere else. */
export type TemplateKind = 'mainland' | 'international';

/** An approved SMS template of an account. */
export interface SmsTemplate {
  readonly code: string;
  readonly kind: TemplateKind;
  /** Template text with Aliyun-style variables, e.g. `${code}`. */
  readonly content: string;
}

/** An Aliyun account as the emulator knows it: one AccessKey pair plus approved sign names and templates. */
export interface Account {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signNames: readonly string[];
  readonly templates: readonly SmsTemplate[];
}

/** The account the emulator serves when none is given; its secret is public and worthless. */
export const DEMO_ACCOUNT: Account = {
  accessKeyId: 'LTAI5tDemoEmulatorKey',
  accessKeySecret: 'DemoSecretForTheLocalEmulatorOnly',
  // The second name carries the characters encodeURIComponent leaves alone (! ' ( ) *) and a
  // space, so signing bugs surface as SignatureDoesNotMatch.
  signNames: ['阿里云短信测试', "Logto演示 (测试)!*'~"],
  templates: [
    {
      code: 'SMS_154950909',
      kind: 'mainland',
      content: '您正在使用阿里云短信测试服务，体验验证码是：${code}，如非本人操作，请忽略本短信！',
    },
    {
      code: 'SMS_465000001',
      kind: 'international',
      content: 'Your verification code is ${code}. It expires in 5 minutes.',
    },
  ],
};

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

/** Finds the account owning an AccessKeyId. */
export function findAccount(accounts: readonly Account[], accessKeyId: string): Account | undefined {
  return accounts.find((account) => account.accessKeyId === accessKeyId);
}
