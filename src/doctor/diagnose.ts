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

import { finding, verdictOf, type Finding, type Verdict } from './finding.js';
import { productDoctors } from './product-doctors.js';

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

/** A report of findings, with their verdict. */
export const reportOf = (findings: Finding[]): DoctorReport => {
  const verdict = verdictOf(findings);
  return { ok: verdict === 'healthy', verdict, findings };
};

const descriptionOf = (error: ConnectorError): string => {
  const value: unknown = typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, 'errorDescription') : undefined;
  return typeof value === 'string' ? value : error.message;
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
  const doctor = productDoctors[config.service];
  if ('local' in doctor) {
    return reportOf([...findings, ...doctor.local(config)]);
  }

  let credentials;
  try {
    credentials = await resolveCredentials(credentialSettingsOf(config), { timeoutMs }, credentialChain);
  } catch (error: unknown) {
    const description = error instanceof ConnectorError ? descriptionOf(error) : 'The credentials could not be obtained.';
    return reportOf([...findings, finding('credentials', 'problem', description, 'credentialSource')]);
  }
  const endpoint = endpointOf(config);
  return reportOf([...findings, ...(await doctor.remote({ config, credentials, endpoint, remaining, now, runtime: callRuntime }))]);
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
