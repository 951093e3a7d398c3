// The doctor's read calls to Aliyun (GetSmsSign, GetSmsTemplate), and what their answers or
// failures say about the credentials, the clock, the sign name and the templates.
import { ConnectorError } from '@logto/connector-kit';

import { callAliyun, type AliyunCall, type CallRuntime } from '../aliyun/rpc/call.js';
import type { AliyunProduct } from '../aliyun/classify.js';
import type { Credentials } from '../aliyun/rpc/rpc-request.js';
import { regionIdOf } from '../config/derived.js';
import type { AliyunSmsConfig } from '../config/schema.js';

import { auditFinding } from './audit-status.js';
import { finding, type Finding } from './finding.js';
import { readAnswer, smsSignGuard, smsTemplateGuard, type SmsTemplate } from './read-answers.js';
import { readFailureAdvice } from './read-failure.js';

/** Aliyun refuses signed requests whose timestamp is further than this from its clock. */
export const clockWindowMs = 15 * 60_000;

/** What one read call came to: the answer's body and Date, or the failure. */
export type ReadOutcome =
  | { ok: true; body: string; date: string | undefined }
  | { ok: false; error: ConnectorError };

/** A read call's parameters and budget; Dysmsapi 2017-05-25 unless it names its own API. */
export type ReadCall = {
  action: string;
  parameters: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Another product's read call (the international site's QueryMessage). */
  api?: Pick<AliyunCall<string>, 'version' | 'readAnswer'> & { product: AliyunProduct };
};

/** Makes one signed Dysmsapi read call with the config's credentials, endpoint and signature version. */
export const readCall = async (
  config: AliyunSmsConfig,
  credentials: Credentials,
  endpoint: string,
  call: ReadCall,
  runtime: Partial<CallRuntime> = {}
): Promise<ReadOutcome> => {
  try {
    const { result, date } = await callAliyun(
      {
        endpoint,
        action: call.action,
        version: call.api?.version ?? '2017-05-25',
        ...(call.api?.readAnswer === undefined ? {} : { readAnswer: call.api.readAnswer }),
        parameters: call.parameters,
        credentials,
        signatureVersion: config.signatureVersion,
        regionId: regionIdOf(config),
        timeoutMs: call.timeoutMs,
        accept: (_answer, body) => body,
        context: { product: call.api?.product ?? 'dysms', sensitive: [] },
      },
      runtime
    );
    return { ok: true, body: result, date };
  } catch (error: unknown) {
    if (error instanceof ConnectorError) {
      return { ok: false, error };
    }
    throw error;
  }
};

const dataText = (error: ConnectorError, key: string): string | undefined => {
  const value: unknown = typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, key) : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** Aliyun's Code of a failed read call, if Aliyun answered. */
export const aliyunCodeOf = (error: ConnectorError): string | undefined => dataText(error, 'Code');

const ramDenials = new Set(['Forbidden.RAM', 'isp.RAM_PERMISSION_DENY', 'RAM_PERMISSION_DENY']);

/** Whether a read call was refused for lack of the read permissions (the key itself works). */
export const isReadDenied = (outcome: ReadOutcome): boolean =>
  !outcome.ok && ramDenials.has(aliyunCodeOf(outcome.error) ?? '');

// The gateway's answers to a request it could not authenticate; any other Code (a RAM denial,
// an unknown sign) comes from past authentication, so it proves the credentials work.
const authenticationFailure = /^(?:SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidSecurityToken|MissingSecurityToken|InvalidTimeStamp)/;

/** Whether the outcome proves the credentials work, so the other read checks mean something. */
export const credentialsWork = (outcome: ReadOutcome): boolean => {
  if (outcome.ok) {
    return true;
  }
  const code = aliyunCodeOf(outcome.error);
  return code !== undefined && !authenticationFailure.test(code);
};

/** The credentials as the first read call proves them: signed and accepted, or why not. */
export const credentialsFinding = (outcome: ReadOutcome): Finding => {
  const check = 'credentials';
  if (outcome.ok || credentialsWork(outcome)) {
    return finding(check, 'passed', 'Aliyun accepted the signed request: the AccessKey and secret work.');
  }
  const code = aliyunCodeOf(outcome.error);
  if (code === undefined) {
    return finding(check, 'unchecked', `No answer from Aliyun: ${readFailureAdvice(outcome.error, 'GetSmsSign')}`, 'endpoint');
  }
  const description = dataText(outcome.error, 'errorDescription') ?? outcome.error.message;
  const fields: unknown =
    typeof outcome.error.data === 'object' && outcome.error.data !== null ? Reflect.get(outcome.error.data, 'fields') : undefined;
  const first: unknown = Array.isArray(fields) ? fields[0] : undefined;
  const field = typeof first === 'string' ? first : undefined;
  return finding(check, 'problem', `${description} (Aliyun Code ${code})`, field);
};

/** The finding a RAM user without the read permissions gets, once, instead of failed checks. */
export const readDeniedFinding = finding(
  'sign name and templates',
  'unchecked',
  'The RAM user may send SMS but not read signs and templates: grant dysms:GetSmsSign and dysms:GetSmsTemplate (or AliyunDysmsReadOnlyAccess) to let the doctor check them.',
  'accessKeyId'
);

/** The Logto server's clock against the Date of Aliyun's answer. */
export const clockFinding = (serverDate: string | undefined, now: Date): Finding => {
  const check = 'server clock';
  const aliyunTime = serverDate === undefined ? Number.NaN : Date.parse(serverDate);
  if (Number.isNaN(aliyunTime)) {
    return finding(check, 'unchecked', 'Aliyun’s answer carried no usable Date header to compare the clock with.');
  }
  const offsetSeconds = Math.round((now.getTime() - aliyunTime) / 1000);
  const offset = `${Math.abs(offsetSeconds)} s ${offsetSeconds >= 0 ? 'ahead of' : 'behind'} Aliyun`;
  // The Date header has one-second precision, and the answer took a moment to arrive.
  return Math.abs(offsetSeconds) * 1000 > clockWindowMs
    ? finding(check, 'problem', `The Logto server’s clock is ${offset}, beyond Aliyun’s 15-minute window: synchronise it (NTP).`)
    : finding(check, 'passed', `The Logto server’s clock is within Aliyun’s window (${offset}).`);
};

/** The date a failed answer carried, for the clock check when no call succeeded. */
export const serverDateOf = (outcome: ReadOutcome): string | undefined =>
  outcome.ok ? outcome.date : dataText(outcome.error, 'serverDate');

/** The sign name as GetSmsSign describes it. */
export const signFinding = (outcome: ReadOutcome, signName: string): Finding => {
  const check = 'sign name';
  if (!outcome.ok) {
    return aliyunCodeOf(outcome.error) === 'isv.SMS_SIGNATURE_ILLEGAL'
      ? finding(check, 'problem', `The account has no sign name "${signName}": copy an approved one exactly from the SMS console.`, 'signName')
      : finding(check, 'unchecked', `Aliyun could not be asked about the sign name: ${readFailureAdvice(outcome.error, 'GetSmsSign')}`, 'signName');
  }
  const sign = readAnswer(smsSignGuard, outcome.body);
  return sign === undefined
    ? finding(check, 'unchecked', 'Aliyun’s description of the sign name could not be read.', 'signName')
    : auditFinding(check, sign.SignStatus, sign.AuditInfo?.RejectInfo, 'signName', `The sign name "${signName}"`);
};

/** The template as GetSmsTemplate describes it, or a finding saying why there is none. */
export const templateAnswer = (outcome: ReadOutcome, check: string): SmsTemplate | Finding => {
  if (!outcome.ok) {
    return aliyunCodeOf(outcome.error) === 'isv.SMS_TEMPLATE_ILLEGAL'
      ? finding(check, 'problem', 'The account has no such template: check the code against the SMS console.', 'templates')
      : finding(check, 'unchecked', `Aliyun could not be asked about the template: ${readFailureAdvice(outcome.error, 'GetSmsTemplate')}`, 'templates');
  }
  return readAnswer(smsTemplateGuard, outcome.body) ?? finding(check, 'unchecked', 'Aliyun’s description of the template could not be read.', 'templates');
};
