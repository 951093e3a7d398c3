import type { TemplateKind } from './accounts.js';
import type { TerminalFault } from './faults.js';
import type { Verdict } from './verdict.js';

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
}

/** An SMS Aliyun would have accepted for delivery. */
export interface AcceptedMessage {
  /** PhoneNumbers exactly as the client sent it. */
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
  readonly accessKeyId: string;
  /** Emulator-clock time of acceptance. */
  readonly acceptedAt: Date;
}
