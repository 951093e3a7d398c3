// Logto's sendMessage: validate, resolve the number, choose the template, sign and send. Every
// failure, whatever the input, leaves as a ConnectorError shaped for its reader.
import {
  ConnectorError,
  ConnectorErrorCodes,
  type GetConnectorConfig,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { callAliyun, defaultCallRuntime } from './aliyun/rpc/call.js';
import { processCredentialChain, resolveCredentials } from './aliyun/rpc/credentials/credentials.js';
import type { SendResult } from './aliyun/product.js';
import { productOf } from './aliyun/products.js';
import { appendAdvice, asConnectorError, forAudience, type Audience } from './audience.js';
import { consoleFindings } from './console-diagnosis.js';
import { credentialSettingsOf } from './config/credential-settings.js';
import { endpointOf, regionIdOf } from './config/derived.js';
import { serviceHint } from './config/hints.js';
import { parseConfig } from './config/parse.js';
import type { AliyunSmsConfig } from './config/schema.js';
import { enforceSendLimits } from './limits/enforce.js';
import { metadata } from './metadata.js';
import { consoleReceiptWaitMs, followReceipt } from './receipts/follow.js';
import type { ReceiptTarget } from './aliyun/dysms/receipt-query.js';
import { resolveRecipient } from './phone.js';
import { checkRecipientAllowed } from './recipient-policy.js';
import type { SendRuntime } from './send-runtime.js';
import { chooseEntry } from './templates/choose.js';
import { userLanguages } from './templates/languages.js';

// Aliyun's verification codes are 4 to 6 letters or digits; shorter ones could not even be
// found by redaction, which ignores values under 4 characters.
const verificationCodePattern = /^[A-Za-z0-9]{4,6}$/;

// Refusals of Logto's own request: the end user typed nothing wrong and can only try again.
const refuseRequest = (code: ConnectorErrorCodes, errorDescription: string): ConnectorError =>
  new ConnectorError(code, {
    errorDescription,
    userSentence: 'not-sent',
  });

const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;

/** The parts of Logto's send data the connector reads, checked: the data is untrusted input. */
type SendRequest = { to: unknown; usageType: string; code: string; payload: unknown; ip: unknown };

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
  return { to: fieldOf(data, 'to'), usageType, code, payload, ip: fieldOf(data, 'ip') };
};

/** An accepted message, and what following its receipt needs when its product has a receipt query. */
type Sent = { result: SendResult; target: ReceiptTarget | undefined; sentAt: Date };

const send = async (
  config: AliyunSmsConfig,
  request: SendRequest,
  runtime: SendRuntime,
  startedAt: number,
  audience: Audience
): Promise<Sent> => {
  const { credentialChain = processCredentialChain, limits, ...callRuntime } = runtime;
  const recipient = resolveRecipient(request.to, { strict: config.strictPhoneRegionNumberCheck });
  checkRecipientAllowed(recipient, config);
  // The console's Send is the admin testing the config: never counted, never refused.
  if (audience === 'end-user') {
    await enforceSendLimits(config.sendLimits, { recipient, ip: request.ip }, config.timeout, limits);
  }
  const entry = chooseEntry(
    config.templates,
    request.usageType,
    // Only entries with a locale need the user's languages: most configs have none.
    config.templates.some(({ locale }) => locale !== undefined) ? userLanguages(request.payload) : []
  );
  const product = productOf(config.service);
  // Built before any request: a recipient the product cannot serve is refused here.
  const sendCall = product.sendCall({ config, recipient, entry, code: request.code });
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
      action: sendCall.action,
      version: sendCall.version,
      parameters: sendCall.parameters,
      credentials,
      signatureVersion: config.signatureVersion,
      regionId: regionIdOf(config),
      timeoutMs: config.timeout,
      startedAt,
      accept: sendCall.accept,
      ...(sendCall.readAnswer === undefined ? {} : { readAnswer: sendCall.readAnswer }),
      context: {
        product: product.product,
        sensitive: [
          request.code,
          ...(typeof request.to === 'string' ? [request.to] : []),
          recipient.aliyunNumber,
          // The international site writes mainland numbers with their country code.
          recipient.countryCode + recipient.aliyunNumber,
        ],
        maskedPhoneNumber: recipient.masked,
      },
    },
    callRuntime
  );
  // Only a product with a receipt query (Short Message Service's QuerySendDetails) is followed.
  const target: ReceiptTarget | undefined =
    product.queriesReceipts && 'BizId' in result
      ? {
          endpoint,
          credentials,
          signatureVersion: config.signatureVersion,
          regionId: regionIdOf(config),
          phoneNumber: recipient.aliyunNumber,
          bizId: result.BizId,
          maskedPhoneNumber: recipient.masked,
        }
      : undefined;
  return { result, target, sentAt };
};

// The console's Send waits for the carrier's receipt; end users' sends never do (no extra call,
// no delay), and the SMS authentication service offers no receipt query.
const followInConsole = async (target: ReceiptTarget, sent: Sent, runtime: SendRuntime, startedAt: number): Promise<void> => {
  // The rest of the runtime (the credential chain) is of no use to the read calls, and no harm.
  const { receipts = {}, ...callRuntime } = runtime;
  const elapsed = callRuntime.elapsed ?? defaultCallRuntime.elapsed;
  await followReceipt(target, {
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
      const sent = await send(config, readRequest(data), runtime, startedAt, audience);
      if (audience === 'admin' && sent.target !== undefined) {
        await followInConsole(sent.target, sent, runtime, startedAt);
      }
      return sent.result;
    } catch (thrown: unknown) {
      const error = config === undefined ? asConnectorError(thrown) : withConfigHints(asConnectorError(thrown), config);
      const findings =
        audience === 'admin' && config !== undefined
          ? await consoleFindings(error, config, config.timeout - (elapsed() - startedAt), runtime)
          : [];
      // The end user's languages, as templates read them; the console's Send passes none.
      throw forAudience(error, audience, { findings, languages: userLanguages(fieldOf(data, 'payload')) });
    }
  };
