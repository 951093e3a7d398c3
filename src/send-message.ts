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
import { fallbackConfigOf, sendersOf, type Sender } from './config/senders.js';
import { fallbackLogLine } from './fallback/log-line.js';
import { inFallbackTerms, withSenderLabel } from './fallback/sender-label.js';
import { sendWithFallback, type SenderAttempt } from './fallback/with-fallback.js';
import { metadata } from './metadata.js';
import { consoleReceiptWaitMs, followReceipt } from './receipts/follow.js';
import type { ReceiptQuery, ReceiptTarget } from './aliyun/receipt-query.js';
import { resolveRecipient, type Recipient } from './phone.js';
import { checkCountryAllowed, checkServiceReach, serviceReaches } from './recipient-policy.js';
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

/** What every sender of one send shares: the request, the recipient (resolved once), the one deadline. */
type SendContext = {
  request: SendRequest;
  recipient: Recipient;
  runtime: SendRuntime;
  startedAt: number;
  elapsed: () => number;
};

// One sender's attempt: its service's reach, its template entry, its credentials and its call,
// all within the deadline the context started.
/** An accepted send: Aliyun's ids, and what the console needs to follow its receipt. */
type Sent = { result: SendResult; follow: Follow | undefined; sentAt: Date };

/** The accepted message and its product's receipt reader. */
type Follow = { query: ReceiptQuery; target: ReceiptTarget };

const sendThrough = async (sender: AliyunSmsConfig, context: SendContext): Promise<Sent> => {
  const { request, recipient, runtime, startedAt, elapsed } = context;
  const { credentialChain = processCredentialChain, ...callRuntime } = runtime;
  checkServiceReach(recipient, sender.service);
  const entry = chooseEntry(
    sender.templates,
    request.usageType,
    // Only entries with a locale need the user's languages: most configs have none.
    sender.templates.some(({ locale }) => locale !== undefined) ? userLanguages(request.payload) : []
  );
  const product = productOf(sender.service);
  // Built before any request: a recipient the product cannot serve is refused here.
  const sendCall = product.sendCall({ config: sender, recipient, entry, code: request.code });
  // One deadline for the whole send: fetching temporary credentials spends from it too.
  const credentials = await resolveCredentials(
    credentialSettingsOf(sender),
    // Whole milliseconds: the advice quotes it ("no credentials arrived within 1000 ms").
    { timeoutMs: Math.max(1, Math.round(sender.timeout - (elapsed() - startedAt))) },
    credentialChain
  );
  const sentAt = (callRuntime.now ?? defaultCallRuntime.now)();
  const endpoint = endpointOf(sender);
  const { result } = await callAliyun(
    {
      endpoint,
      action: sendCall.action,
      version: sendCall.version,
      parameters: sendCall.parameters,
      credentials,
      signatureVersion: sender.signatureVersion,
      regionId: regionIdOf(sender),
      timeoutMs: sender.timeout,
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
  // Only a product with a receipt query (QuerySendDetails, QueryMessage) is followed.
  const query = product.receiptQuery;
  const follow: Follow | undefined =
    query === undefined
      ? undefined
      : {
          query,
          target: {
            endpoint,
            credentials,
            signatureVersion: sender.signatureVersion,
            regionId: regionIdOf(sender),
            phoneNumber: recipient.aliyunNumber,
            bizId: 'BizId' in result ? result.BizId : result.MessageId,
            maskedPhoneNumber: recipient.masked,
          },
        };
  return { result, follow, sentAt };
};

// The console's Send waits for the carrier's receipt; end users' sends never do (no extra call,
// no delay), and the SMS authentication service offers no receipt query.
const followInConsole = async ({ query, target }: Follow, sent: Sent, runtime: SendRuntime, startedAt: number): Promise<void> => {
  // The rest of the runtime (the credential chain) is of no use to the read calls, and no harm.
  const { receipts = {}, ...callRuntime } = runtime;
  const elapsed = callRuntime.elapsed ?? defaultCallRuntime.elapsed;
  await followReceipt(target, {
    query,
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

/** A sender's failure as a ConnectorError, with the hints its own config earns. */
const attemptOf = (sender: AliyunSmsConfig, context: SendContext): SenderAttempt<Sent> => ({
  product: productOf(sender.service).product,
  send: async () => {
    try {
      return await sendThrough(sender, context);
    } catch (thrown: unknown) {
      throw withConfigHints(asConnectorError(thrown), sender);
    }
  },
});

// An end user's send: the main sender, and the fallback only when the main one provably sent
// nothing for a reason the fallback can avoid. The log learns of every fallback send.
const sendForEndUser = async (config: AliyunSmsConfig, context: SendContext): Promise<Sent> => {
  const fallback = fallbackConfigOf(config);
  const warn = context.runtime.warn ?? ((line: string) => {
    console.warn(line);
  });
  return sendWithFallback(attemptOf(config, context), fallback === undefined ? undefined : attemptOf(fallback, context), {
    remainingMs: () => config.timeout - (context.elapsed() - context.startedAt),
    notify: (notice) => {
      warn(fallbackLogLine(notice, context.recipient.masked));
    },
  });
};

/** Builds Logto's sendMessage: the console's Send button passes the config inline, runtime sends do not. */
export const createSendMessage =
  (getConfig: GetConnectorConfig, runtime: SendRuntime = {}): SendMessageFunction =>
  async (data, inputConfig): Promise<SendResult> => {
    const audience: Audience = inputConfig === undefined || inputConfig === null ? 'end-user' : 'admin';
    const elapsed = runtime.elapsed ?? defaultCallRuntime.elapsed;
    const startedAt = elapsed();
    // The sender whose failure is being reported, and when it started: for the console's
    // findings and for naming the sender when the config has two.
    let failed: Sender | undefined;
    let failedStartedAt = startedAt;
    let labelled = false;
    try {
      const config = parseConfig(audience === 'admin' ? inputConfig : await getConfig(metadata.id));
      failed = { role: 'main', config };
      const request = readRequest(data);
      // The number and the countries allowed are the config's, not a sender's: checked once.
      const recipient = resolveRecipient(request.to, { strict: config.strictPhoneRegionNumberCheck });
      checkCountryAllowed(recipient, config.allowedCountries);
      if (audience === 'end-user') {
        // A number no sender can reach is refused before the send limits count it.
        if (!sendersOf(config).some(({ config: sender }) => serviceReaches(recipient, sender.service))) {
          checkServiceReach(recipient, config.service);
        }
        // Counted once per end-user send, whichever sender sends it; the console's Send is the
        // admin testing the config: never counted, never refused.
        await enforceSendLimits(config.sendLimits, { recipient, ip: request.ip }, config.timeout, runtime.limits);
        return (await sendForEndUser(config, { request, recipient, runtime, startedAt, elapsed })).result;
      }
      // The console's Send tests every sender: one test message through each, each with the
      // whole timeout, stopping at the first that fails. The receipt waits share the one 15 s
      // from the Send's start, so that two senders still answer within the console's 20 s.
      const senders = sendersOf(config);
      labelled = senders.length > 1;
      let result: SendResult | undefined;
      for (const sender of senders) {
        failed = sender;
        failedStartedAt = elapsed();
        const sent = await attemptOf(sender.config, { request, recipient, runtime, startedAt: failedStartedAt, elapsed }).send();
        if (sent.follow !== undefined) {
          await followInConsole(sent.follow, sent, runtime, startedAt);
        }
        result = sent.result;
      }
      if (result === undefined) {
        throw new TypeError('a config has at least its main sender');
      }
      return result;
    } catch (thrown: unknown) {
      const error = failed?.role === 'fallback' ? inFallbackTerms(asConnectorError(thrown)) : asConnectorError(thrown);
      const sender = failed?.config;
      const findings =
        audience === 'admin' && sender !== undefined
          ? await consoleFindings(error, sender, sender.timeout - (elapsed() - failedStartedAt), runtime)
          : [];
      // The end user's languages, as templates read them; the console's Send passes none.
      const shaped = forAudience(error, audience, { findings, languages: userLanguages(fieldOf(data, 'payload')) });
      throw labelled && failed !== undefined ? withSenderLabel(shaped, failed.role) : shaped;
    }
  };
