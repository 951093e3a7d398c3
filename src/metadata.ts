import {
  ConnectorConfigFormItemType,
  TemplateType,
  type ConnectorMetadata,
} from '@logto/connector-kit';

import { products } from './aliyun/products.js';
import { defaultRegionId, supportedRegions } from './aliyun/regions.js';
import { defaultTimeoutMs, timeoutBoundsMs } from './config/fields.js';
import { fieldLabels } from './config/labels.js';
import { senderKeys } from './config/schema.js';
import { placeholderTemplateCode } from './templates/rules.js';

// Must differ from every official connector id (the official Aliyun one is
// 'aliyun-short-message-service'): two factories with one id break every connector listing.
const connectorId = 'aliyun-dysms';

/** Every usage type Logto sends, each with a placeholder code, as the templates form's default. */
export const defaultTemplates = Object.values(TemplateType).map((usageType) => ({
  usageType,
  templateCode: placeholderTemplateCode,
}));

/** Static description of the connector that Logto shows in its console. */
export const metadata: ConnectorMetadata = {
  id: connectorId,
  target: 'aliyun-sms',
  platform: null,
  name: {
    en: 'Aliyun SMS (Dysms)',
    'zh-CN': '阿里云短信服务',
    'zh-TW': '阿里雲簡訊服務',
    de: 'Aliyun SMS (Dysms)',
    ja: 'Aliyun SMS（ショートメッセージ）',
    ko: 'Aliyun SMS (문자 메시지)',
    fr: 'Aliyun SMS (Dysms)',
    es: 'Aliyun SMS (Dysms)',
    'pt-BR': 'Aliyun SMS (Dysms)',
  },
  description: {
    en: 'Sends verification codes by SMS through Alibaba Cloud Short Message Service, to mainland China and international numbers.',
    'zh-CN': '通过阿里云短信服务向中国大陆及国际手机号发送验证码。',
    'zh-TW': '透過阿里雲簡訊服務向中國大陸及國際手機號碼發送驗證碼。',
    de: 'Versendet Bestätigungscodes per SMS über den Alibaba Cloud Short Message Service, an Nummern in Festlandchina und international.',
    ja: 'Alibaba Cloud ショートメッセージサービスで、中国本土および海外の電話番号に認証コードを SMS で送信します。',
    ko: 'Alibaba Cloud 단문 메시지 서비스를 통해 중국 본토 및 해외 번호로 인증 코드를 SMS로 보냅니다.',
    fr: 'Envoie les codes de vérification par SMS via le service de messages courts d’Alibaba Cloud, vers la Chine continentale et l’international.',
    es: 'Envía códigos de verificación por SMS mediante el servicio de mensajes cortos de Alibaba Cloud, a números de China continental e internacionales.',
    'pt-BR': 'Envia códigos de verificação por SMS pelo serviço de mensagens curtas da Alibaba Cloud, para números da China continental e internacionais.',
  },
  logo: './logo.svg',
  logoDark: null,
  readme: './docs/guide.md',
  formItems: [
    {
      key: 'service',
      label: fieldLabels.service,
      type: ConnectorConfigFormItemType.Select,
      defaultValue: 'dysms',
      selectItems: Object.values(products).map(({ product, title }) => ({ value: product, title })),
      description:
        'Short Message Service (短信服务) needs a sign name approved for your company. The SMS authentication service (号码认证服务 → 短信认证) is for individuals: Aliyun provides the sign names and templates 100001–100005, for mainland China numbers only. Accounts opened on alibabacloud.com choose the international site: each template entry carries its own message text with {{code}}.',
    },
    {
      key: 'credentialSource',
      label: fieldLabels.credentialSource,
      type: ConnectorConfigFormItemType.Select,
      defaultValue: 'config',
      selectItems: [
        { value: 'config', title: 'AccessKey entered here' },
        { value: 'environment', title: 'From the Logto server: environment, Kubernetes OIDC role (RRSA) or ECS RAM role' },
      ],
      description:
        'Environment: no key is stored in Logto; Alibaba’s credential chain reads ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET/SECURITY_TOKEN, then ALIBABA_CLOUD_ROLE_ARN with ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE, then the ECS RAM role.',
    },
    {
      key: 'accessKeyId',
      label: fieldLabels.accessKeyId,
      type: ConnectorConfigFormItemType.Text,
      // Not marked required: the form must let it stay empty when the Logto server supplies
      // the credentials; the config guard still refuses it missing for the config source.
      // Nor hidden by a showCondition on credentialSource: the console compares with ===
      // and applies no default, so a stored config without that key (every official one)
      // would hide the key it sends with.
      placeholder: 'LTAI5t…',
      description:
        'Leave empty when the credentials come from the Logto server. RAM console → Identities → Users → your SMS user → AccessKey. Give that RAM user only SMS permissions: a policy allowing dysms:SendSms (dypns:SendSmsVerifyCode for the SMS authentication service).',
    },
    {
      key: 'accessKeySecret',
      label: fieldLabels.accessKeySecret,
      type: ConnectorConfigFormItemType.Text,
      // Not required in the form, for the same reason as accessKeyId.
      isConfidential: true,
      placeholder: '<AccessKey secret>',
      description:
        'Shown once when the AccessKey is created. Paste it exactly: surrounding spaces are removed, a wrong character gives SignatureDoesNotMatch.',
    },
    {
      key: 'securityToken',
      label: fieldLabels.securityToken,
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      placeholder: '<STS security token, only with an STS. AccessKey ID>',
      description:
        'Only with temporary STS credentials (an AccessKey ID starting with STS.). They expire: for credentials that renew themselves, choose the Logto server as the credential source instead.',
    },
    {
      key: 'signName',
      label: `${fieldLabels.signName} (签名)`,
      type: ConnectorConfigFormItemType.Text,
      // Not required in the form: the international site sends free text without one; the
      // config guard still requires it for the other services.
      placeholder: '阿里云短信测试',
      description:
        'Exactly as the console lists it, without 【】: an approved sign name (Short Message Service → Domestic/International Messages → Signatures), or a current gift sign name (SMS authentication service → 赠送签名配置). International site: only for mainland China numbers, with a templateCode in the entry.',
    },
    {
      key: 'senderId',
      label: fieldLabels.senderId,
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'Example',
      description:
        'International site only, optional: the sender shown on the phone (From), up to 11 letters and digits or 15 digits. Some countries require it registered in the SMS console (Go Globe → SenderID); leave empty for the default.',
    },
    {
      key: 'templates',
      label: fieldLabels.templates,
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultTemplates,
      placeholder: '[{ "usageType": "Generic", "templateCode": "SMS_123456789" }]',
      description:
        'One entry per usage type with an approved template code (e.g. SMS_123456789; 100001 for the SMS authentication service) whose text has ${code}. "Generic" covers every type without its own. { "china": "SMS_…", "overseas": "SMS_…" } picks by the recipient’s region. Add "locale": "en" for one language (keep one entry without locale), and "params": { "number": "{{code}}", "min": "10" } when the template’s variables have other names; an expiry there is literal, as Logto does not pass its code lifetime. Replace every SMS_000000000. International site: "message": "Your code is {{code}}." instead of templateCode (a templateCode there serves mainland numbers only).',
    },
    {
      key: 'strictPhoneRegionNumberCheck',
      label: fieldLabels.strictPhoneRegionNumberCheck,
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Off (default): a bare 11-digit number starting with 1 that is a valid mainland China mobile is sent as mainland; every other number is read with its country code. On: always by country code. Users in the US or Canada? Turn this on (first add 86 to stored bare mainland numbers).',
    },
    {
      key: 'allowedCountries',
      label: fieldLabels.allowedCountries,
      // Text, not Json: the console cannot submit a Json item without a default, and an
      // emptied text field is dropped, which is what "every country" needs.
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'CN HK MO TW',
      description:
        'Recommended against SMS pumping (attackers triggering codes to premium numbers abroad at your cost): the ISO country codes that may receive codes, separated by spaces or commas, e.g. CN HK MO TW. Leave empty to allow every country.',
    },
    {
      key: 'sendLimits',
      label: fieldLabels.sendLimits,
      type: ConnectorConfigFormItemType.Json,
      // {} is "no limits": the create flow needs a default to show valid JSON, and the edit flow
      // gives {} back for a stored config without the key.
      defaultValue: {},
      placeholder: '{ "perIp": { "limit": 10, "windowSeconds": 3600 } }',
      description:
        'Against SMS pumping: caps on end-user sends, checked before Aliyun is asked (the console’s Send is never limited). { "perIp": { "limit": 10, "windowSeconds": 3600 }, "perRange": { "limit": 20, "windowSeconds": 3600, "hiddenDigits": 4 }, "perCountry": { "limit": 200, "windowSeconds": 3600, "countries": { "CN": { "limit": 5000, "windowSeconds": 3600 } } } }; every part optional, {} for none. Counted per Logto process unless "redisUrl": "redis://…" shares the counts between instances. perIp needs TRUST_PROXY_HEADER=1 behind a proxy.',
    },
    {
      key: 'regionId',
      label: fieldLabels.regionId,
      type: ConnectorConfigFormItemType.Select,
      defaultValue: defaultRegionId,
      selectItems: supportedRegions.map((region) => ({ value: region, title: region })),
      description:
        'Sent as RegionId and picks the Dysmsapi endpoint: mainland regions use dysmsapi.aliyuncs.com; ap-southeast-1, ap-southeast-5 and eu-central-1 their own. The international site is served only in ap-southeast-1, ap-southeast-5 (no mainland templates) and eu-central-1.',
    },
    {
      key: 'signatureVersion',
      label: fieldLabels.signatureVersion,
      type: ConnectorConfigFormItemType.Select,
      defaultValue: 'v1',
      selectItems: [
        { value: 'v1', title: 'V1 (HMAC-SHA1), as the official connector' },
        { value: 'v3', title: 'V3 (ACS3-HMAC-SHA256), recommended by Aliyun' },
      ],
      description: 'How requests are signed. V1 is what the official connector sends; V3 is Aliyun’s current algorithm.',
    },
    {
      key: 'endpoint',
      label: fieldLabels.endpoint,
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'https://dysmsapi.aliyuncs.com/',
      description:
        'Leave empty to use the region’s endpoint. Set it for a proxy or the local Aliyun-compatible server; https:// only, except for localhost. No query string, fragment or user:password.',
    },
    {
      key: 'fallback',
      label: fieldLabels.fallback,
      // Json needs a default: without one the console's create flow refuses it as invalid JSON.
      // {} is also what the edit flow shows for a stored config without the key: no fallback.
      type: ConnectorConfigFormItemType.Json,
      defaultValue: {},
      placeholder: '{ "service": "dypns", "signName": "…", "accessKeyId": "…", "accessKeySecret": "…", "templates": [{ "usageType": "Generic", "templateCode": "100001", "params": { "min": "5" } }] }',
      description:
        `Optional second sender, used only when the first fails without sending for a reason another sender can avoid (balance, quota, sign name, template, credentials, endpoint unreachable), or cannot reach the number’s country. Same keys as above: ${senderKeys.join(', ')}; timeout, allowed countries, the phone check and send limits apply to both. Leave {} for none. With a fallback, Send sends two test messages, one through each sender, and stops at the first that fails, naming it.`,
    },
    {
      key: 'timeout',
      label: fieldLabels.timeout,
      type: ConnectorConfigFormItemType.Number,
      placeholder: String(defaultTimeoutMs),
      description: `How long one send may take in total, retries included, in milliseconds (${timeoutBoundsMs.min}–${timeoutBoundsMs.max}; default ${defaultTimeoutMs}).`,
    },
  ],
};
