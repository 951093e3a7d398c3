import type { Account, SmsSign, SmsTemplate } from './accounts.js';
import type { OidcSetup } from './oidc.js';

const TEST_SIGN = '阿里云短信测试';

const DEMO_TEMPLATES: readonly SmsTemplate[] = [
  {
    code: 'SMS_154950909',
    kind: 'mainland',
    content: '您正在使用阿里云短信测试服务，体验验证码是：${code}，如非本人操作，请忽略本短信！',
    name: '阿里云短信测试',
    tag: 4,
    relatedSignName: TEST_SIGN,
    language: 'zh-CN',
  },
  {
    code: 'SMS_465000001',
    kind: 'international',
    content: 'Your verification code is ${code}. It expires in 5 minutes.',
    name: 'International verification code',
    relatedSignName: TEST_SIGN,
    language: 'en',
  },
  {
    code: 'SMS_465000002',
    kind: 'mainland',
    content: 'Your Logto verification code is ${code}. It is valid for 5 minutes.',
    name: 'English verification code',
    variableAttribute: { code: 'numberCaptcha' },
    language: 'en',
  },
  {
    code: 'SMS_465000003',
    kind: 'mainland',
    templateType: 1,
    content: '尊敬的${name}，您的账号已于${time}完成手机绑定。',
    name: '绑定通知',
    variableAttribute: { name: 'user_nick', time: 'time' },
    language: 'zh-CN',
  },
  { code: 'SMS_465000010', kind: 'mainland', status: 'under-review', content: '您的登录验证码为${code}，5分钟内有效。', name: '审核中的验证码', language: 'zh-CN' },
  {
    code: 'SMS_465000011',
    kind: 'mainland',
    status: 'rejected',
    rejectReason: '模板内容中包含错别字。',
    content: '您的登陆验证码为${code}，5分种内有效。',
    name: '被驳回的验证码',
    language: 'zh-CN',
  },
  { code: 'SMS_465000012', kind: 'mainland', status: 'cancelled', content: 'Your code is ${code}.', name: 'Cancelled code', language: 'en' },
];

const DEMO_SIGNS: readonly SmsSign[] = [
  { name: TEST_SIGN, tag: 4, scene: 'verification-code', usage: '测试或学习' },
  { name: 'Logto审核中', status: 'under-review' },
  { name: 'Logto已驳回', status: 'rejected', rejectReason: '签名与资质信息不一致，请上传能证明签名归属的资料。' },
  { name: 'Logto已取消', status: 'cancelled' },
  { name: 'Logto不可用', usable: false },
  // Approved by Aliyun, but China Mobile refused the real-name filing and China Unicom has not answered yet.
  {
    name: 'Logto未报备',
    filing: {
      mobile: { status: 0, reasons: [{ code: 'SIGNATURE_QUALIFICATION_ERROR', descriptions: ['签名与资质关系不符'] }] },
      unicom: { status: -1, reasons: [{ code: 'REGISTERING' }] },
    },
  },
];

/**
 * The account the emulator serves when none is given; its secrets are public and worthless.
 * Besides the two sign names and two templates it always had, it holds signs and templates in
 * every review state (for a config doctor), an English and a notification template, a held STS
 * credential, and the SMS authentication service (gift signs, Dypnsapi).
 */
export const DEMO_ACCOUNT: Account = {
  accessKeyId: 'LTAI5tDemoEmulatorKey',
  accessKeySecret: 'DemoSecretForTheLocalEmulatorOnly',
  // The second name carries the characters encodeURIComponent leaves alone (! ' ( ) *) and a
  // space, so signing bugs surface as SignatureDoesNotMatch.
  signNames: [TEST_SIGN, "Logto演示 (测试)!*'~"],
  templates: DEMO_TEMPLATES,
  signs: DEMO_SIGNS,
  temporaryCredentials: [
    {
      accessKeyId: 'STS.DemoEmulatorTemporaryKey',
      accessKeySecret: 'DemoTemporarySecretForTheLocalEmulator',
      securityToken: 'CAISDemoSecurityTokenForTheLocalEmulatorOnly',
      expiration: new Date('2099-12-31T00:00:00Z'),
    },
  ],
  messageAuthService: true,
  // The international site's sender IDs (SendMessageToGlobe `From`): one alphanumeric, one numeric.
  senderIds: ['Logto', '12345'],
};

/** The same signs and templates behind a RAM user allowed to send only: GetSmsSign/GetSmsTemplate get Forbidden.RAM. */
export const DEMO_SEND_ONLY_ACCOUNT: Account = {
  accessKeyId: 'LTAI5tDemoSendOnlyKey',
  accessKeySecret: 'DemoSendOnlySecretForTheLocalEmulator',
  signNames: DEMO_ACCOUNT.signNames,
  templates: DEMO_TEMPLATES,
  signs: DEMO_SIGNS,
  ramMode: 'send-only',
};

/** Both demo accounts: what the emulator serves when started without `accounts`. */
export const DEMO_ACCOUNTS: readonly Account[] = [DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT];

const DEMO_UID = '1234567890123456';
const DEMO_PROVIDER_ARN = `acs:ram::${DEMO_UID}:oidc-provider/ack-rrsa-demo`;

/** An ACK-RRSA-like OIDC provider and two roles onto DEMO_ACCOUNT (full, send-only): the default STS setup. */
export const DEMO_OIDC: OidcSetup = {
  providers: [{ arn: DEMO_PROVIDER_ARN, issuer: 'https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/demo-cluster', clientIds: ['sts.aliyuncs.com'] }],
  roles: [
    { arn: `acs:ram::${DEMO_UID}:role/logto-sms`, accessKeyId: DEMO_ACCOUNT.accessKeyId, trustedProviderArns: [DEMO_PROVIDER_ARN] },
    {
      arn: `acs:ram::${DEMO_UID}:role/logto-sms-send-only`,
      accessKeyId: DEMO_ACCOUNT.accessKeyId,
      trustedProviderArns: [DEMO_PROVIDER_ARN],
      ramMode: 'send-only',
    },
  ],
};
