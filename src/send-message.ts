// Logto's sendMessage: validate, resolve the number, choose the template, sign and send. Every
// failure, whatever the input, leaves as a ConnectorError shaped for its reader.
import {
  ConnectorError,
  ConnectorErrorCodes,
  type GetConnectorConfig,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { callAliyun, defaultCallRuntime, type CallRuntime } from './aliyun/call.js';
import {
  processCredentialChain,
  resolveCredentials,
  type CredentialChain,
  type CredentialSettings,
} from './aliyun/credentials.js';
import { sendApiOf, type SendResult } from './aliyun/services.js';
import { asConnectorError, forAudience, type Audience } from './audience.js';
import { endpointOf } from './config/derived.js';
import { parseConfig } from './config/parse.js';
import type { AliyunSmsConfig } from './config/schema.js';
import { metadata } from './metadata.js';
import { resolveRecipient } from './phone.js';
import { checkRecipientAllowed } from './recipient-policy.js';
import { chooseTemplate } from './templates.js';

// Aliyun's verification codes are 4 to 6 letters or digits; shorter ones could not even be
// found by redaction, which ignores values under 4 characters.
const verificationCodePattern = /^[A-Za-z0-9]{4,6}$/;

const refuseRequest = (code: ConnectorErrorCodes, errorDescription: string): ConnectorError =>
  new ConnectorError(code, { errorDescription });

const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;

/** The parts of Logto's send data the connector reads, checked: the data is untrusted input. */
type SendRequest = { to: unknown; usageType: string; code: string; payload: unknown };

const readRequest = (data: unknown): SendRequest => {
  const usageType = fieldOf(data, 'type');
  if (typeof usageType !== 'string' || usageType.trim() === '') {
    throw refuseRequest(ConnectorErrorCodes.InvalidRequestParameters, 'The send request has no usage type (data.type).');
  }
  const payload = fieldOf(data, 'payload');
  const code = fieldOf(payload, 'code');
  if (typeof code !== 'string' || code === '') {
    throw refuseRequest(
      ConnectorErrorCodes.InsufficientRequestParameters,
      'No verification code to send: payload.code is missing or empty.'
    );
  }
  if (!verificationCodePattern.test(code)) {
    throw refuseRequest(
      ConnectorErrorCodes.InvalidRequestParameters,
      'The verification code must be 4 to 6 letters or digits, as Aliyun requires.'
    );
  }
  return { to: fieldOf(data, 'to'), usageType, code, payload };
};

const credentialSettingsOf = (config: AliyunSmsConfig): CredentialSettings => {
  if (config.credentialSource === 'environment') {
    return { credentialSource: 'environment' };
  }
  const { accessKeyId, accessKeySecret, securityToken } = config;
  if (accessKeyId === undefined || accessKeySecret === undefined) {
    // The schema already requires both for this source; this keeps the types honest.
    throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, {
      errorDescription: 'accessKeyId and accessKeySecret are required unless credentialSource is "environment".',
      fields: ['accessKeyId', 'accessKeySecret'],
    });
  }
  return {
    credentialSource: 'config',
    accessKeyId,
    accessKeySecret,
    ...(securityToken === undefined ? {} : { securityToken }),
  };
};

/** Seams for tests: the call's clocks and network, and the credential chain. */
export type SendRuntime = Partial<CallRuntime> & { credentialChain?: CredentialChain };

const send = async (config: AliyunSmsConfig, request: SendRequest, runtime: SendRuntime): Promise<SendResult> => {
  const { credentialChain = processCredentialChain, ...callRuntime } = runtime;
  const elapsed = callRuntime.elapsed ?? defaultCallRuntime.elapsed;
  const startedAt = elapsed();
  const recipient = resolveRecipient(request.to, { strict: config.strictPhoneRegionNumberCheck });
  checkRecipientAllowed(recipient, config);
  const { templateCode } = chooseTemplate(config.templates, request.usageType, recipient.region);
  const api = sendApiOf(config.service);
  // One deadline for the whole send: fetching temporary credentials spends from it too.
  const credentials = await resolveCredentials(
    credentialSettingsOf(config),
    { timeoutMs: config.timeout },
    credentialChain
  );
  const { result } = await callAliyun(
    {
      endpoint: endpointOf(config),
      action: api.action,
      version: api.version,
      parameters: api.parameters({
        phoneNumber: recipient.aliyunNumber,
        mainlandNumber: recipient.region === 'mainland' ? recipient.aliyunNumber : undefined,
        signName: config.signName,
        templateCode,
        // Only the code: locale, uiLocales, link or anything else would break Aliyun's
        // verification templates ("Params must be [a-zA-Z0-9]").
        templateParam: JSON.stringify({ code: request.code }),
      }),
      credentials,
      signatureVersion: config.signatureVersion,
      regionId: config.regionId,
      timeoutMs: config.timeout,
      startedAt,
      accept: api.accept,
      context: {
        product: api.product,
        sensitive: [request.code, ...(typeof request.to === 'string' ? [request.to] : []), recipient.aliyunNumber],
        maskedPhoneNumber: recipient.masked,
      },
    },
    callRuntime
  );
  return result;
};

/** Builds Logto's sendMessage: the console's Send button passes the config inline, runtime sends do not. */
export const createSendMessage =
  (getConfig: GetConnectorConfig, runtime: SendRuntime = {}): SendMessageFunction =>
  async (data, inputConfig): Promise<SendResult> => {
    const audience: Audience = inputConfig === undefined || inputConfig === null ? 'end-user' : 'admin';
    try {
      const config = parseConfig(audience === 'admin' ? inputConfig : await getConfig(metadata.id));
      return await send(config, readRequest(data), runtime);
    } catch (error: unknown) {
      throw forAudience(asConnectorError(error), audience);
    }
  };
