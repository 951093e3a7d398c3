import {
  ConnectorConfigFormItemType,
  TemplateType,
  type ConnectorMetadata,
} from '@logto/connector-kit';

import { defaultEndpoint, defaultTimeoutMs, timeoutBoundsMs } from './config.js';

// Must differ from every official connector id (the official Aliyun one is
// 'aliyun-short-message-service'): two factories with one id break every connector listing.
const connectorId = 'aliyun-dysms';

/** Every usage type Logto sends, each with a placeholder code, as the templates form's default. */
export const defaultTemplates = Object.values(TemplateType).map((usageType) => ({
  usageType,
  templateCode: 'SMS_000000000',
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
  readme: './README.md',
  formItems: [
    {
      key: 'accessKeyId',
      label: 'AccessKey ID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'LTAI5t…',
      description:
        'Alibaba Cloud console → RAM (Resource Access Management) → Users → your SMS user → AccessKey. Give that RAM user the AliyunDysmsFullAccess (or a SendSms-only) policy.',
    },
    {
      key: 'accessKeySecret',
      label: 'AccessKey secret',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '<AccessKey secret>',
      description:
        'Shown once when the AccessKey is created in the RAM console (RAM → Users → AccessKey). Paste it exactly: surrounding spaces are removed, a wrong character gives SignatureDoesNotMatch.',
    },
    {
      key: 'signName',
      label: 'Sign name (签名)',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '阿里云短信测试',
      description:
        'An approved signature from the SMS console (Short Message Service → China/International messages → Signatures), exactly as listed, without 【】.',
    },
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultTemplates,
      placeholder: '[{ "usageType": "Generic", "templateCode": "SMS_123456789" }]',
      description:
        'One entry per usage type, each with an approved template code from the SMS console (Templates, e.g. SMS_123456789) whose text contains ${code}. A "Generic" entry covers every type without its own. Use { "china": "SMS_…", "overseas": "SMS_…" } to pick the template by the recipient’s region.',
    },
    {
      key: 'strictPhoneRegionNumberCheck',
      label: 'Strict phone region check',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'On: every stored number carries its country code, so 11-digit numbers starting with 1 are read as US/Canada. Off (default): numbers without a valid country code are tried as mainland China mobile numbers, for older data.',
    },
    {
      key: 'endpoint',
      label: 'Endpoint',
      type: ConnectorConfigFormItemType.Text,
      placeholder: defaultEndpoint,
      description:
        'Leave empty for the default Dysmsapi endpoint. Set a regional endpoint (e.g. https://dysmsapi.ap-southeast-1.aliyuncs.com/) or a proxy; must be https:// except for localhost.',
    },
    {
      key: 'timeout',
      label: 'Timeout (ms)',
      type: ConnectorConfigFormItemType.Number,
      placeholder: String(defaultTimeoutMs),
      description: `How long one send may take in total, in milliseconds (${timeoutBoundsMs.min}–${timeoutBoundsMs.max}; default ${defaultTimeoutMs}).`,
    },
  ],
};
