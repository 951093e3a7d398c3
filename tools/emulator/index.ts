import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Account } from './accounts.js';
import { createApis } from './apis/registry.js';
import { createClock, type Clock } from './clock.js';
import { CredentialStore, type IssuedCredential } from './credentials.js';
import { DEMO_ACCOUNTS, DEMO_OIDC } from './demo-data.js';
import { FaultSchedule, type Fault } from './faults.js';
import { TIMESTAMP_WINDOW_MS } from './gateway/timestamp.js';
import { DEFAULT_GIFT_SIGNS, type GiftSign } from './gift-catalog.js';
import { listen, origin, stop } from './listen.js';
import { NonceStore } from './nonces.js';
import { OidcKeys, type OidcSetup, type OidcTokenOptions } from './oidc.js';
import { MESSAGE_AUTH_RULES, RateLimiter } from './rate-limit.js';
import { ReceiptBook, type ReceiptOutcome } from './receipts.js';
import type { AcceptedMessage, RecordedRequest } from './records.js';
import { createRequestHandler, type EmulatorState } from './server.js';
import { generateLoopbackCertificate } from './tls.js';
import { validateSetup } from './validate-setup.js';

export { fillTemplate, templateVariables } from './accounts.js';
export type {
  Account,
  Carrier,
  CarrierFiling,
  IntlType,
  RamMode,
  RegisterStatus,
  ReviewStatus,
  SignScene,
  SignTag,
  SmsSign,
  SmsTemplate,
  TemplateKind,
  TemplateTag,
  TemplateType,
  TemporaryCredential,
} from './accounts.js';
export type { Clock } from './clock.js';
export type { IssuedCredential } from './credentials.js';
export { DEMO_ACCOUNT, DEMO_ACCOUNTS, DEMO_OIDC, DEMO_SEND_ONLY_ACCOUNT } from './demo-data.js';
export type { Fault, TerminalFault } from './faults.js';
export { describeRequest, formatSms } from './format.js';
export { DEFAULT_GIFT_SIGNS, GIFT_TEMPLATES, giftSignState } from './gift-catalog.js';
export type { GiftSign, GiftSignState, GiftTemplate } from './gift-catalog.js';
export type { OidcProvider, OidcSetup, OidcTokenOptions, RamRole } from './oidc.js';
export type { AcceptedMessage, RecordedRequest, SendingApi, SignatureVersion } from './records.js';
export { MESSAGE_AUTH_RULES, VERIFICATION_CODE_RULES } from './rate-limit.js';
export { DEFAULT_RECEIPT } from './receipts.js';
export type { ReceiptOutcome } from './receipts.js';
export { expectedSignature, percentEncode, stringToSign } from './signature.js';
export { expectedV3Signature, hashPayload, v3CanonicalRequest, v3StringToSign } from './signature-v3.js';
export { MAX_VARIABLE_LENGTH } from './template-param.js';
export type { Verdict } from './verdict.js';

/** How to start an emulator. */
export interface EmulatorOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** HTTP port; default 0 (a free port). */
  readonly port?: number;
  /** Also listen with TLS, on a self-signed certificate generated at start. */
  readonly https?: boolean;
  /** HTTPS port when `https` is on; default 0 (a free port). */
  readonly httpsPort?: number;
  /** Extra DNS names for the certificate (e.g. `sts.aliyuncs.com` when a hosts file points it here). */
  readonly tlsHostNames?: readonly string[];
  /** Accounts the emulator knows; default: DEMO_ACCOUNTS. */
  readonly accounts?: readonly Account[];
  /** STS's OIDC providers and roles; default DEMO_OIDC when `accounts` is not given, else none. */
  readonly oidc?: OidcSetup;
  /** Dypnsapi's gift signs; default DEFAULT_GIFT_SIGNS (the 2026 rotation). */
  readonly giftSigns?: readonly GiftSign[];
  /** Initial reading of the emulator clock; default: real time. */
  readonly now?: Date;
  /** Enforce Aliyun's per-number limits (SendSms 1/min, 5/h, 10/day; SendSmsVerifyCode Interval, 5/h, 10/day); default true. Turn off for load tests. */
  readonly rateLimits?: boolean;
  /** Faults applied to every request whose fault queue is empty. */
  readonly faults?: readonly Fault[];
  /** Called with each judged request (the command line logs these). */
  readonly onRequest?: (request: RecordedRequest) => void;
  /** Called with each accepted SMS. */
  readonly onMessage?: (message: AcceptedMessage) => void;
  /** What the carrier reports for numbers no test chose an outcome for; default DEFAULT_RECEIPT (delivered at once). */
  readonly receipt?: ReceiptOutcome;
}

/** A running emulator. */
export interface Emulator {
  /** `http://HOST:PORT/`. */
  readonly url: string;
  /** `https://HOST:PORT/` when started with `https`. */
  readonly httpsUrl: string | undefined;
  /** PEM certificate to trust for `httpsUrl`. */
  readonly ca: string | undefined;
  readonly accounts: readonly Account[];
  readonly oidc: OidcSetup;
  readonly giftSigns: readonly GiftSign[];
  /** Accepted SMS (SendSms and SendSmsVerifyCode), oldest first (live view). */
  readonly messages: readonly AcceptedMessage[];
  /** Every request with its verdict, in the order verdicts were reached (live view). */
  readonly requests: readonly RecordedRequest[];
  /** Temporary credentials STS issued, oldest first (live view; kept across reset()). */
  readonly issuedCredentials: readonly IssuedCredential[];
  readonly clock: Clock;
  /** A token signed as the provider would sign it (RS256), for AssumeRoleWithOIDC. */
  issueOidcToken(options: OidcTokenOptions): string;
  /** Queues a fault for the next request (or the next `times` requests), after those already queued. */
  injectFault(fault: Fault, options?: { readonly times?: number }): void;
  /** Drops queued faults and the run's `faults`. */
  clearFaults(): void;
  /** Chooses the delivery receipt QuerySendDetails reports for SendSms messages to a number (as sent, or E.164); kept across reset(). */
  chooseReceipt(phoneNumber: string, outcome: ReceiptOutcome): void;
  /** Forgets every chosen receipt outcome. */
  clearReceipts(): void;
  /** Forgets messages, requests, used nonces, rate-limit history and queued faults; keeps the clock, run faults and issued credentials. */
  reset(): void;
  /** Stops listening and drops open connections, hanging ones included. */
  close(): Promise<void>;
}

// Node's default requestTimeout (5 min) would answer 408 by itself; only the emulator decides when, and whether, to answer.
const SERVER_OPTIONS = { requestTimeout: 0 } as const;

const NO_OIDC: OidcSetup = { providers: [], roles: [] };

/**
 * Starts a local Aliyun-compatible server for SendSms, QuerySendDetails, GetSmsSign,
 * GetSmsTemplate, SendSmsVerifyCode, the international site's SendMessageToGlobe,
 * SendMessageWithTemplate and QueryMessage, and STS (HTTP, plus HTTPS on request).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const accounts = [...(options.accounts ?? DEMO_ACCOUNTS)];
  const oidc = options.oidc ?? (options.accounts === undefined ? DEMO_OIDC : NO_OIDC);
  const giftSigns = options.giftSigns ?? DEFAULT_GIFT_SIGNS;
  validateSetup(accounts, oidc, giftSigns);
  const clock = createClock(options.now);
  const faults = new FaultSchedule(options.faults);
  const keys = new OidcKeys();
  const credentials = new CredentialStore(accounts);
  const limits = options.rateLimits !== false;
  const sendLimiter = limits ? new RateLimiter() : undefined;
  const verifyLimiter = limits ? new RateLimiter(MESSAGE_AUTH_RULES) : undefined;
  const receipts = new ReceiptBook(options.receipt);
  const messages: AcceptedMessage[] = [];
  const state: EmulatorState = {
    clock,
    // Twice the window: a nonce must stay remembered while a request carrying it could still pass the timestamp check from either side.
    nonces: new NonceStore(2 * TIMESTAMP_WINDOW_MS),
    credentials,
    apis: createApis({
      sendSms: { limiter: sendLimiter },
      sendSmsVerifyCode: { giftSigns, limiter: verifyLimiter },
      sts: { oidc, keys, credentials, accounts },
      queryMessage: { messages: () => messages, credentials, receipts },
      querySendDetails: { messages, receipts, accountOf: (accessKeyId) => credentials.find(accessKeyId)?.account },
    }),
    faults,
    requests: [],
    messages,
    onRequest: options.onRequest,
    onMessage: options.onMessage,
  };
  const handler = createRequestHandler(state);
  const servers: Server[] = [];
  const closeAll = async (): Promise<void> => {
    handler.shutdown();
    await Promise.all(servers.map(stop));
  };

  try {
    const http = createHttpServer(SERVER_OPTIONS, handler.listener);
    servers.push(http);
    const port = await listen(http, options.port ?? 0, host);
    let httpsUrl: string | undefined;
    let ca: string | undefined;
    if (options.https === true) {
      const tls = generateLoopbackCertificate(options.tlsHostNames);
      const secure = createHttpsServer({ ...SERVER_OPTIONS, key: tls.key, cert: tls.cert }, handler.listener);
      servers.push(secure);
      httpsUrl = origin('https', host, await listen(secure, options.httpsPort ?? 0, host));
      ca = tls.cert;
    }
    let closing: Promise<void> | undefined;
    return {
      url: origin('http', host, port),
      httpsUrl,
      ca,
      accounts,
      oidc,
      giftSigns,
      messages: state.messages,
      requests: state.requests,
      issuedCredentials: credentials.issued,
      clock,
      issueOidcToken: (tokenOptions) => {
        const provider = oidc.providers.find((candidate) => candidate.arn === tokenOptions.providerArn);
        if (provider === undefined) throw new Error(`no OIDC provider ${tokenOptions.providerArn}`);
        return keys.issue(provider, tokenOptions, clock.now());
      },
      injectFault: (fault, injectOptions) => {
        faults.inject(fault, injectOptions?.times ?? 1);
      },
      clearFaults: () => {
        faults.clearAll();
      },
      chooseReceipt: (phoneNumber, outcome) => {
        receipts.choose(phoneNumber, outcome);
      },
      clearReceipts: () => {
        receipts.clear();
      },
      reset: () => {
        // Cleared in place so arrays a test already holds stay live.
        state.messages.length = 0;
        state.requests.length = 0;
        state.nonces.clear();
        sendLimiter?.clear();
        verifyLimiter?.clear();
        faults.clearQueue();
      },
      close: () => {
        closing ??= closeAll();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
