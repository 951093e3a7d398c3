import type { TemplateKind } from './accounts.js';
import type { TerminalFault } from './faults.js';
import type { Verdict } from './verdict.js';

/** How a request was signed: V1 (HMAC-SHA1 `Signature` parameter) or V3 (ACS3-HMAC-SHA256 `Authorization` header). */
export type SignatureVersion = 'v1' | 'v3';

/** The APIs that send an SMS. */
export type SendingApi = 'SendSms' | 'SendSmsVerifyCode' | 'SendMessageToGlobe' | 'SendMessageWithTemplate';

/** One request as the emulator received and judged it. */
export interface RecordedRequest {
  /** 1-based arrival number within the run (survives reset()). */
  readonly seq: number;
  /** Emulator-clock time the request arrived. */
  readonly receivedAt: Date;
  readonly method: string;
  readonly path: string;
  /** Query and form parameters as received (Signature included; the secret never travels). */
  readonly params: Readonly<Record<string, string>>;
  /** The fault that decided the outcome, if any. */
  readonly fault: TerminalFault | undefined;
  /** Injected delay before handling, in ms. */
  readonly delayMs: number;
  readonly verdict: Verdict;
  /** False when the client got no HTTP answer (hang, resets). */
  readonly answered: boolean;
  /** The RequestId decided for the answer (also when a reset then withheld it). */
  readonly requestId: string | undefined;
  /** Action and Version as sent (query/form for V1, x-acs-action/x-acs-version for V3); undefined when absent or not read (body faults). */
  readonly action: string | undefined;
  readonly version: string | undefined;
  /** How the request was framed: V3 when it carried an Authorization or x-acs-action header, else V1 (also for anonymous STS calls). */
  readonly signatureVersion: SignatureVersion;
  /** The signature as received: V1 `Signature` or V3 hex from Authorization (for leak checks). */
  readonly signature: string | undefined;
  /** The signable headers as received (host, content-type, authorization, x-acs-*), for V1 requests too. */
  readonly headers: Readonly<Record<string, string>>;
}

/** An SMS Aliyun would have accepted for delivery. */
export interface AcceptedMessage {
  /** PhoneNumbers (SendSms), PhoneNumber (SendSmsVerifyCode) or To (2018-05-01) exactly as the client sent it. */
  readonly phoneNumber: string;
  /** The same number in E.164 (`+8613800138000`). */
  readonly e164: string;
  readonly region: TemplateKind;
  readonly signName: string;
  readonly templateCode: string;
  readonly templateParam: Readonly<Record<string, string>>;
  /** Template content with its `${vars}` filled. */
  readonly text: string;
  readonly bizId: string;
  readonly requestId: string;
  readonly outId: string | undefined;
  /** The AccessKeyId that signed the request (an `STS.` key for temporary credentials). */
  readonly accessKeyId: string;
  /** Emulator-clock time of acceptance. */
  readonly acceptedAt: Date;
  /** Which API accepted it. */
  readonly api: SendingApi;
  readonly signatureVersion: SignatureVersion;
}
