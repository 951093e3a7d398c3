// Logto's sendMessage: validate, resolve the number, choose the template, sign and send. Every
// failure, whatever the input, leaves as a ConnectorError shaped for its reader.
import {
  ConnectorError,
  ConnectorErrorCodes,
  type GetConnectorConfig,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { callAliyun, defaultCallRuntime } from './aliyun/call.js';
import { processCredentialChain, resolveCredentials } from './aliyun/credentials.js';
import { sendApiOf, type SendResult } from './aliyun/services.js';
import { appendAdvice, asConnectorError, forAudience, type Audience } from './audience.js';
import { consoleFindings } from './console-diagnosis.js';
import { credentialSettingsOf } from './config/credential-settings.js';
import { endpointOf } from './config/derived.js';
import { serviceHint } from './config/hints.js';
import { parseConfig } from './config/parse.js';
import type { AliyunSmsConfig } from './config/schema.js';
import { metadata } from './metadata.js';
import { consoleReceiptWaitMs, followReceipt } from './receipts/follow.js';
import type { ReceiptTarget } from './receipts/query.js';
import { resolveRecipient } from './phone.js';
import { checkRecipientAllowed } from './recipient-policy.js';
import type { SendRuntime } from './send-runtime.js';
import { chooseTemplate } from './templates/choose.js';
import { userLanguages } from './templates/languages.js';
import { sendSmsDefaultParams, sendSmsVerifyCodeDefaultParams, templateParamFor } from './templates/params.js';

// Aliyun's verification codes are 4 to 6 letters or digits; shorter ones could not even be
// found by redaction, which ignores values under 4 characters.
const verificationCodePattern = /^[A-Za-z0-9]{4,6}$/;

// Refusals of Logto's own request: the end user typed nothing wrong and can only try again.
const refuseRequest = (code: ConnectorErrorCodes, errorDescription: string): ConnectorError =>
  new ConnectorError(code, {
    errorDescription,
    userMessage: 'The verification code could not be sent. Please try again later.',
  });

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

/** An accepted message, and what following its receipt needs. */
type Sent = { result: SendResult; target: ReceiptTarget; sentAt: Date };

const send = async (
  config: AliyunSmsConfig,
  request: SendRequest,
  runtime: SendRuntime,
  startedAt: number
): Promise<Sent> => {
  const { credentialChain = processCredentialChain, ...callRuntime } = runtime;
  const recipient = resolveRecipient(request.to, { strict: config.strictPhoneRegionNumberCheck });
  checkRecipientAllowed(recipient, config);
  const { templateCode, params } = chooseTemplate(
    config.templates,
    request.usageType,
    recipient.region,
    // Only entries with a locale need the user's languages: most configs have none.
    config.templates.some(({ locale }) => locale !== undefined) ? userLanguages(request.payload) : [],
    config.service === 'dypns' ? sendSmsVerifyCodeDefaultParams : sendSmsDefaultParams
  );
  const api = sendApiOf(config.service);
  // One deadline for the whole send: fetching temporary credentials spends from it too.
  const credentials = await resolveCredentials(
    credentialSettingsOf(config),
    { timeoutMs: config.timeout },
    credentialChain
  );
  const sentAt = (callRuntime.now ?? defaultCallRuntime.now)();
  const endpoint = endpointOf(config);
  const { result } = await callAliyun(
    {
      endpoint,
      action: api.action,
      version: api.version,
      parameters: api.parameters({
        phoneNumber: recipient.aliyunNumber,
        mainlandNumber: recipient.region === 'mainland' ? recipient.aliyunNumber : undefined,
        signName: config.signName,
        templateCode,
        // Exactly the entry's params: never locale, uiLocales, link or anything else of the
        // payload, which would break Aliyun's verification templates ("Params must be [a-zA-Z0-9]").
        templateParam: templateParamFor(params, request.code),
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
  const target: ReceiptTarget = {
    endpoint,
    credentials,
    signatureVersion: config.signatureVersion,
    regionId: config.regionId,
    phoneNumber: recipient.aliyunNumber,
    bizId: result.BizId,
    maskedPhoneNumber: recipient.masked,
  };
  return { result, target, sentAt };
};

// The console's Send waits for the carrier's receipt; end users' sends never do (no extra call,
// no delay), and the SMS authentication service offers no receipt query.
const followInConsole = async (sent: Sent, runtime: SendRuntime, startedAt: number): Promise<void> => {
  // The rest of the runtime (the credential chain) is of no use to the read calls, and no harm.
  const { receipts = {}, ...callRuntime } = runtime;
  const elapsed = callRuntime.elapsed ?? defaultCallRuntime.elapsed;
  await followReceipt(sent.target, {
    sentAt: sent.sentAt,
    requestId: sent.result.RequestId,
    budgetMs: (receipts.waitMs ?? consoleReceiptWaitMs) - (elapsed() - startedAt),
    runtime: callRuntime,
    options: receipts,
    now: callRuntime.now ?? defaultCallRuntime.now,
    elapsed,
    sleep: callRuntime.sleep ?? defaultCallRuntime.sleep,
  });
};

// A config mistake that Aliyun answers only with a generic template error, said where the
// administrator reads: the logs and the console's advice.
const withConfigHints = (error: ConnectorError, config: AliyunSmsConfig): ConnectorError => {
  const hint = serviceHint(config);
  return hint !== undefined && error.code === ConnectorErrorCodes.InvalidConfig ? appendAdvice(error, hint) : error;
};

/** Builds Logto's sendMessage: the console's Send button passes the config inline, runtime sends do not. */
export const createSendMessage =
  (getConfig: GetConnectorConfig, runtime: SendRuntime = {}): SendMessageFunction =>
  async (data, inputConfig): Promise<SendResult> => {
    const audience: Audience = inputConfig === undefined || inputConfig === null ? 'end-user' : 'admin';
    const elapsed = runtime.elapsed ?? defaultCallRuntime.elapsed;
    const startedAt = elapsed();
    let config: AliyunSmsConfig | undefined;
    try {
      config = parseConfig(audience === 'admin' ? inputConfig : await getConfig(metadata.id));
      const sent = await send(config, readRequest(data), runtime, startedAt);
      if (audience === 'admin' && config.service === 'dysms') {
        await followInConsole(sent, runtime, startedAt);
      }
      return sent.result;
    } catch (thrown: unknown) {
      const error = config === undefined ? asConnectorError(thrown) : withConfigHints(asConnectorError(thrown), config);
      const findings =
        audience === 'admin' && config !== undefined
          ? await consoleFindings(error, config, config.timeout - (elapsed() - startedAt), runtime)
          : [];
      throw forAudience(error, audience, findings);
    }
  };
