import {
  ConnectorError,
  ConnectorErrorCodes,
  type GetConnectorConfig,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { sendSms, type SendSmsResult, type SendSmsRuntime } from './aliyun/send-sms.js';
import { parseConfig } from './config.js';
import { metadata } from './metadata.js';
import { resolveRecipient } from './phone.js';
import { chooseTemplate } from './templates.js';

// Aliyun accepts only letters and digits in verification-code variables, and Logto's codes
// are digits: anything else is a caller bug better refused here than at Aliyun.
const verificationCodePattern = /^[A-Za-z0-9]{1,20}$/;

const readCode = (payload: Record<string, unknown>): string => {
  const { code } = payload;
  if (typeof code !== 'string' || code === '') {
    throw new ConnectorError(ConnectorErrorCodes.InsufficientRequestParameters, {
      errorDescription: 'No verification code to send: payload.code is missing or empty.',
    });
  }
  if (!verificationCodePattern.test(code)) {
    throw new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
      errorDescription: 'The verification code must be 1 to 20 letters or digits, as Aliyun requires.',
    });
  }
  return code;
};

/** Builds Logto's sendMessage: validate, resolve the number, choose the template, send. */
export const createSendMessage =
  (getConfig: GetConnectorConfig, runtime: Partial<SendSmsRuntime> = {}): SendMessageFunction =>
  async (data, inputConfig): Promise<SendSmsResult> => {
    // The console's test button passes the config inline while getConfig is unavailable.
    const config = parseConfig(inputConfig ?? (await getConfig(metadata.id)));
    const code = readCode(data.payload);
    const recipient = resolveRecipient(data.to, { strict: config.strictPhoneRegionNumberCheck });
    const { templateCode } = chooseTemplate(config.templates, data.type, recipient.region);

    return sendSms(
      {
        endpoint: config.endpoint,
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        phoneNumber: recipient.aliyunNumber,
        signName: config.signName,
        templateCode,
        // Only the code: locale, uiLocales, link or anything else would break Aliyun's
        // verification templates ("Params must be [a-zA-Z0-9]").
        templateParam: JSON.stringify({ code }),
        timeoutMs: config.timeout,
        sensitive: [code, data.to, recipient.aliyunNumber],
        maskedPhone: recipient.masked,
      },
      runtime
    );
  };
