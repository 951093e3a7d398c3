// One send through the connector Logto loaded, shown as the emulator saw it: the signed request,
// its verdict and the SMS the phone would show.
import type { SmsConnector, TemplateType } from '@logto/connector-kit';

import { formatSms, type AcceptedMessage, type Emulator, type RecordedRequest } from '../emulator/index.js';
import { labelled, oneLine, requestFieldLines, type Painter } from './text.js';

/** Writes one output line. */
export type Write = (line: string) => void;

/** A send to make, and how to head it. */
export interface SendPlan {
  readonly label: string;
  readonly heading: (configRequestedFor: readonly string[]) => string;
  /** Lines about the config used, shown under the heading. */
  readonly details?: readonly string[];
  /** The Action the send calls (SendSms or SendSmsVerifyCode): other requests, such as the doctor's reads, are not its attempts. */
  readonly action: string;
  readonly to: string;
  readonly usageType: TemplateType;
  readonly code: string;
  /** Payload fields besides the code, as Logto passes them (`locale`, `uiLocales`). */
  readonly payload?: Readonly<Record<string, string>>;
  readonly connector: SmsConnector;
  /** The config the console's Send button passes; undefined for runtime sends, which use getConfig. */
  readonly inlineConfig: unknown;
  readonly configRequestedFor: readonly string[];
}

/** What happened to one accepted send. */
export interface SendReport {
  readonly label: string;
  readonly action: string;
  readonly to: string;
  readonly usageType: TemplateType;
  readonly code: string;
  readonly payload: Readonly<Record<string, string>>;
  /** The form fields of the last request the emulator received for this send, if any. */
  readonly request: Readonly<Record<string, string>> | undefined;
  /** The emulator's Code for that request (`OK` when accepted). */
  readonly verdictCode: string | undefined;
  readonly signatureVerified: boolean;
  /** The SMS as the phone would show it, when one was accepted. */
  readonly sms: string | undefined;
  /** The ids the connector asked getConfig for (empty for the test button: config passed inline). */
  readonly configRequestedFor: readonly string[];
}

/** A send as it came out: what the connector threw, and the requests it made. */
export interface Attempt {
  readonly thrown: { readonly error: unknown } | undefined;
  /** The send's own requests (retries included), oldest first. */
  readonly attempts: readonly RecordedRequest[];
  readonly last: RecordedRequest | undefined;
  /** Requests of other Actions made during the send (the console's doctor reads). */
  readonly others: readonly RecordedRequest[];
  readonly message: AcceptedMessage | undefined;
}

const signatureVerdict = "signature verified with Alibaba's SDK (@alicloud/openapi-util)";

/** A request's outcome in a few words: `200 OK`, `200 isv.…`, or why there was no answer. */
export function describeAttempt(record: RecordedRequest): string {
  if (!record.answered) {
    return `no answer (fault ${record.fault?.kind ?? 'unknown'})`;
  }
  return `${record.verdict.httpStatus} ${record.verdict.code}`;
}

/** A thrown error in one line; the host's ConnectorError (another copy of the class than ours) carries a string code. */
export function connectorErrorText(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const code: unknown = 'code' in error ? error.code : undefined;
  return oneLine(typeof code === 'string' ? `${code}: ${error.message}` : error.message);
}

/** The one-line failure of a send that should have been accepted. */
export function failureOf(label: string, last: RecordedRequest | undefined, error: unknown): string {
  if (last === undefined) {
    return `${label}: the connector refused to send, no request reached the emulator: ${connectorErrorText(error)}`;
  }
  if (last.verdict.code !== 'OK' && last.answered) {
    return `${label}: the emulator rejected the request with ${last.verdict.code} (HTTP ${last.verdict.httpStatus}): ${oneLine(last.verdict.message)}`;
  }
  return `${label}: the connector failed (${describeAttempt(last)}): ${connectorErrorText(error)}`;
}

/** Makes the send and collects what the emulator recorded for it. */
export async function attemptSend(plan: SendPlan, emulator: Emulator): Promise<Attempt> {
  const firstRequest = emulator.requests.length;
  const firstMessage = emulator.messages.length;
  let thrown: Attempt['thrown'];
  try {
    await plan.connector.sendMessage(
      { to: plan.to, type: plan.usageType, payload: { ...plan.payload, code: plan.code } },
      plan.inlineConfig
    );
  } catch (error: unknown) {
    thrown = { error };
  }
  const during = emulator.requests.slice(firstRequest);
  const attempts = during.filter((record) => record.action === plan.action || record.action === undefined);
  const last = attempts.at(-1);
  const message = emulator.messages.slice(firstMessage).find((candidate) => candidate.requestId === last?.requestId);
  return { thrown, attempts, last, others: during.filter((record) => !attempts.includes(record)), message };
}

/** Writes a send's heading, retries, signed request, verdict and the SMS shown, if any. */
export function writeAttempt(plan: SendPlan, outcome: Attempt, write: Write, paint: Painter): void {
  const { attempts, last, message } = outcome;
  write('');
  write(paint.bold(plan.heading(plan.configRequestedFor)));
  for (const line of labelled('config', plan.details ?? [], paint.dim)) write(line);
  for (const [index, attempt] of attempts.slice(0, -1).entries()) {
    for (const line of labelled(`attempt ${index + 1}`, [`${describeAttempt(attempt)}, retried by the connector`], paint.dim)) {
      write(line);
    }
  }
  if (last !== undefined) {
    for (const line of labelled('request', requestFieldLines(last), paint.dim)) write(line);
    const accepted = last.answered && last.verdict.code === 'OK';
    const outcomeText = accepted ? paint.green(describeAttempt(last)) : paint.red(describeAttempt(last));
    const signature = last.verdict.signatureVerified ? signatureVerdict : paint.red('signature NOT verified');
    const idName = message?.api === 'SendMessageToGlobe' || message?.api === 'SendMessageWithTemplate' ? 'MessageId' : 'BizId';
    const ids = accepted && message !== undefined ? `; ${idName} ${message.bizId}` : '';
    for (const line of labelled('verdict', [`${outcomeText}: ${signature}${ids}`], paint.dim)) write(line);
  }
  if (message !== undefined) {
    for (const line of labelled('phone', [`${message.e164} (${message.region}) shows  ${formatSms(message)}`], paint.dim)) {
      write(line);
    }
  }
}

/** Makes a send that must be accepted, shows it, and reports it; throws a one-line failure otherwise. */
export async function sendAccepted(plan: SendPlan, emulator: Emulator, write: Write, paint: Painter): Promise<SendReport> {
  const outcome = await attemptSend(plan, emulator);
  writeAttempt(plan, outcome, write, paint);
  const { thrown, last, message } = outcome;
  if (thrown !== undefined) {
    throw new Error(failureOf(plan.label, last, thrown.error));
  }
  if (message === undefined) {
    throw new Error(`${plan.label}: the connector reported success but the emulator accepted no SMS`);
  }
  return {
    label: plan.label,
    action: plan.action,
    to: plan.to,
    usageType: plan.usageType,
    code: plan.code,
    payload: { ...plan.payload, code: plan.code },
    request: last?.params,
    verdictCode: last?.verdict.code,
    signatureVerified: last?.verdict.signatureVerified ?? false,
    sms: formatSms(message),
    configRequestedFor: plan.configRequestedFor,
  };
}
