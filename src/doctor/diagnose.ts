// The config doctor: checks, with the config's own credentials and endpoint and within its
// timeout, what would make a send fail, before any end user meets it. Read-only: it sends no SMS.
import { ConnectorError } from '@logto/connector-kit';

import { defaultCallRuntime } from '../aliyun/rpc/call.js';
import { resolveCredentials } from '../aliyun/rpc/credentials/credentials.js';
import { credentialSettingsOf } from '../config/credential-settings.js';
import { endpointOf } from '../config/derived.js';
import { serviceHint } from '../config/hints.js';
import { parseConfig } from '../config/parse.js';
import type { AliyunSmsConfig } from '../config/schema.js';
import { senderLabel, sendersOf, type SenderRole } from '../config/senders.js';
import type { SendRuntime } from '../send-runtime.js';
import { templateCodesOfEntry } from '../templates/entry.js';
import { resolveParams, sendSmsVerifyCodeDefaultParams } from '../templates/params.js';

import { finding, verdictOf, type Finding, type Verdict } from './finding.js';
import { intlFindings } from './intl-checks.js';
import {
  clockFinding,
  credentialsFinding,
  credentialsWork,
  isReadDenied,
  readCall,
  readDeniedFinding,
  serverDateOf,
  signFinding,
  templateAnswer,
} from './remote-checks.js';
import { signFilingFindings } from './sign-filing.js';
import { vendorAuditFindings, verificationVariablesFinding } from './template-carriers.js';
import { templateFindings } from './template-checks.js';
import { regionsServedBy, templateUsesOf } from './template-uses.js';

/**
 * The doctor's verdict and every finding; `ok` only when every check was made and none found a
 * problem, so a run that could check nothing never reads as healthy.
 */
export type DoctorReport = { ok: boolean; verdict: Verdict; findings: Finding[] };

/** How the doctor runs; the defaults are the config's timeout, the real clock and network. */
export type DoctorOptions = {
  /** The whole diagnosis's budget; default: the config's timeout. */
  timeoutMs?: number;
  runtime?: SendRuntime;
};

// Below this, a read call could not even connect: the remaining checks are reported as skipped.
const minimumCallBudgetMs = 100;

/** A report of findings, with their verdict. */
export const reportOf = (findings: Finding[]): DoctorReport => {
  const verdict = verdictOf(findings);
  return { ok: verdict === 'healthy', verdict, findings };
};

const descriptionOf = (error: ConnectorError): string => {
  const value: unknown = typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, 'errorDescription') : undefined;
  return typeof value === 'string' ? value : error.message;
};

const giftTemplateCodes = new Set(['100001', '100002', '100003', '100004', '100005']);

// Aliyun has no read API for the SMS authentication service's gift signs and templates: what
// can be checked is that the config names gift templates and fills their ${min}.
const dypnsFindings = (config: AliyunSmsConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const entry of config.templates) {
    const codes = templateCodesOfEntry(entry);
    const check = `template ${codes.join('/')} (${entry.usageType}${entry.locale === undefined ? '' : ` ${entry.locale}`})`;
    const notGift = codes.filter((code) => !giftTemplateCodes.has(code));
    const params = resolveParams(entry, sendSmsVerifyCodeDefaultParams);
    if (notGift.length > 0) {
      findings.push(finding(check, 'problem', `The SMS authentication service sends only Aliyun’s gift templates 100001–100005, not ${notGift.join(', ')}.`, 'templates'));
    } else if (!('min' in params)) {
      findings.push(finding(check, 'problem', 'Aliyun’s gift templates contain ${min}: add "min" (the minutes the code is valid) to this entry’s params.', 'templates'));
    } else {
      findings.push(finding(check, 'passed', 'A gift template, with code and min filled.'));
    }
  }
  findings.push(
    // A note, not unchecked: Aliyun has no read call for it, so there was nothing to try,
    // and the verdict (exit 3) speaks only of checks that were tried and could not be made.
    finding(
      'sign name',
      'note',
      'Aliyun offers no read API for the SMS authentication service’s gift sign names: press Send in the console to test it, and copy a current one from 号码认证 → 短信认证 → 赠送签名配置 if it fails.',
      'signName'
    )
  );
  return findings;
};

/** Diagnoses a validated config. */
export const diagnoseConfig = async (config: AliyunSmsConfig, options: DoctorOptions = {}): Promise<DoctorReport> => {
  const runtime = options.runtime ?? {};
  const { credentialChain, ...callRuntime } = runtime;
  const elapsed = callRuntime.elapsed ?? defaultCallRuntime.elapsed;
  const now = callRuntime.now ?? defaultCallRuntime.now;
  const timeoutMs = options.timeoutMs ?? config.timeout;
  const started = elapsed();
  const remaining = () => timeoutMs - (elapsed() - started);

  const findings: Finding[] = [finding('configuration', 'passed', 'The configuration is valid.')];
  const hint = serviceHint(config);
  if (hint !== undefined) {
    findings.push(finding('service', 'problem', hint, 'service'));
  }
  if (config.service === 'dypns') {
    return reportOf([...findings, ...dypnsFindings(config)]);
  }

  let credentials;
  try {
    credentials = await resolveCredentials(credentialSettingsOf(config), { timeoutMs }, credentialChain);
  } catch (error: unknown) {
    const description = error instanceof ConnectorError ? descriptionOf(error) : 'The credentials could not be obtained.';
    return reportOf([...findings, finding('credentials', 'problem', description, 'credentialSource')]);
  }

  const endpoint = endpointOf(config);
  if (config.service === 'intl') {
    return reportOf([
      ...findings,
      ...(await intlFindings({ config, credentials, endpoint, timeoutMs: Math.max(1, remaining()), now, runtime: callRuntime })),
    ]);
  }
  // Required for this service by the config rules (src/aliyun/products.ts).
  const signName = config.signName ?? '';
  const call = async (action: 'GetSmsSign' | 'GetSmsTemplate', parameters: Record<string, string>) =>
    readCall(config, credentials, endpoint, { action, parameters, timeoutMs: Math.max(1, remaining()) }, callRuntime);

  const signOutcome = await call('GetSmsSign', { SignName: signName });
  findings.push(credentialsFinding(signOutcome), clockFinding(serverDateOf(signOutcome), now()));
  if (!credentialsWork(signOutcome)) {
    return reportOf(findings.filter((item) => item.check !== 'server clock' || item.status !== 'unchecked'));
  }
  if (isReadDenied(signOutcome)) {
    return reportOf([...findings, readDeniedFinding]);
  }
  const sign = signFinding(signOutcome, signName);
  findings.push(sign);
  // The carriers' filing matters once Aliyun approved the sign name.
  if (signOutcome.ok && sign.status === 'passed') {
    findings.push(...signFilingFindings(signOutcome.body, signName));
  }

  const uses = templateUsesOf(config);
  if (remaining() < minimumCallBudgetMs) {
    return reportOf([...findings, finding('templates', 'unchecked', 'The timeout left no time to ask Aliyun about the templates: run the doctor with a longer timeout.', 'timeout')]);
  }
  const codes = [...new Set(uses.map(({ code }) => code))];
  // Asked concurrently: the whole diagnosis must fit the one timeout.
  const outcomes = new Map(
    await Promise.all(codes.map(async (code) => [code, await call('GetSmsTemplate', { TemplateCode: code })] as const))
  );
  if ([...outcomes.values()].some((outcome) => isReadDenied(outcome))) {
    return reportOf([...findings, readDeniedFinding]);
  }
  const regions = regionsServedBy(config);
  for (const use of uses) {
    const outcome = outcomes.get(use.code);
    const check = `template ${use.code} (${use.usedBy.join(', ')})`;
    const answer = outcome === undefined ? finding(check, 'unchecked', 'Not asked.', 'templates') : templateAnswer(outcome, check);
    if ('advice' in answer) {
      findings.push(answer);
      continue;
    }
    findings.push(...templateFindings(use, answer, regions));
    const variables = verificationVariablesFinding(use, answer, check);
    findings.push(...(variables === undefined ? [] : [variables]), ...(outcome?.ok === true ? vendorAuditFindings(outcome.body, check) : []));
  }
  return reportOf(findings);
};

/** A sender's findings, each check and field named for the sender, so the admin knows which keys to fix. */
export const labelledFindings = (findings: readonly Finding[], role: SenderRole): Finding[] =>
  findings.map(({ check, status, advice, field }) =>
    finding(`${senderLabel(role)}: ${check}`, status, advice, field === undefined || role === 'main' ? field : `fallback.${field}`)
  );

/** Diagnoses every sender of a validated config, concurrently within the one budget; with a fallback, findings are labelled by sender. */
export const diagnoseSenders = async (config: AliyunSmsConfig, options: DoctorOptions = {}): Promise<DoctorReport> => {
  const senders = sendersOf(config);
  if (senders.length === 1) {
    return diagnoseConfig(config, options);
  }
  const reports = await Promise.all(
    senders.map(async ({ role, config: sender }) => ({ role, found: (await diagnoseConfig(sender, options)).findings }))
  );
  return reportOf([
    finding('configuration', 'passed', 'The configuration is valid.'),
    ...reports.flatMap(({ role, found }) =>
      labelledFindings(found.filter(({ check, status }) => check !== 'configuration' || status !== 'passed'), role)
    ),
  ]);
};

/** Diagnoses a raw config (as the console stores it): an invalid one is a problem finding naming its fields. */
export const diagnose = async (input: unknown, options: DoctorOptions = {}): Promise<DoctorReport> => {
  let config: AliyunSmsConfig;
  try {
    config = parseConfig(input);
  } catch (error: unknown) {
    const description = error instanceof ConnectorError ? descriptionOf(error) : 'The configuration could not be read.';
    return reportOf([finding('configuration', 'problem', description)]);
  }
  return diagnoseSenders(config, options);
};
