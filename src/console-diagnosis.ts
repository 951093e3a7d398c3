// When the administrator's Send fails for a reason of configuration, Aliyun's send error alone
// cannot say why (an unknown and an unapproved template fail alike): the doctor's read calls
// can, and their findings go into the advice the console's toast shows. Never for end users.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { AliyunSmsConfig } from './config/schema.js';
import { diagnoseConfig } from './doctor/diagnose.js';
import type { DoctorReport } from './doctor/diagnose.js';
import type { Finding } from './doctor/finding.js';
import type { SendRuntime } from './send-runtime.js';

// Below this, the read calls would time out before Aliyun could answer.
const minimumDoctorBudgetMs = 300;

const aliyunCode = (error: ConnectorError): unknown =>
  typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, 'Code') : undefined;

/**
 * Whether a failed send is one the doctor can explain: Aliyun refused it for a reason of
 * configuration, or refused the number for the template's kind. A failure before Aliyun
 * answered (credentials that could not be obtained, say) gains nothing from asking again.
 */
export const isConfigurationFailure = (error: ConnectorError): boolean =>
  typeof aliyunCode(error) === 'string' &&
  (error.code === ConnectorErrorCodes.InvalidConfig || error.code === ConnectorErrorCodes.InvalidRequestParameters);

/** Findings as sentences of the toast; findings with the same advice share one sentence. */
export const findingSentences = (findings: readonly Finding[]): string[] => {
  const grouped = new Map<string, { checks: string[]; status: Finding['status']; advice: string }>();
  for (const { check, status, advice } of findings) {
    const key = `${status}\n${advice}`;
    const group = grouped.get(key) ?? { checks: [], status, advice };
    group.checks.push(check);
    grouped.set(key, group);
  }
  return [...grouped.values()].map(({ checks, status, advice }) => `Doctor, ${checks.join(', ')} (${status}): ${advice}`);
};

const checks = (count: number): string => (count === 1 ? '1 check' : `${count} checks`);

/**
 * The verdict, when checks could not be made: what the doctor did not find is not shown to be
 * right, which the findings alone leave the administrator to work out.
 */
export const incompleteSentence = ({ verdict, findings }: DoctorReport): string | undefined => {
  const unchecked = findings.filter(({ status }) => status === 'unchecked').length;
  if (unchecked === 0) {
    return undefined;
  }
  return verdict === 'problem'
    ? `Doctor: besides, ${checks(unchecked)} could not be made, so there may be more to fix than it says.`
    : `Doctor: no problem found, but ${checks(unchecked)} could not be made, so the cause may lie there.`;
};

/** The doctor's findings that are not plain passes, as sentences, within the remaining budget; none when it cannot help. */
export const consoleFindings = async (
  error: ConnectorError,
  config: AliyunSmsConfig,
  remainingMs: number,
  runtime: SendRuntime
): Promise<string[]> => {
  if (!isConfigurationFailure(error) || remainingMs < minimumDoctorBudgetMs) {
    return [];
  }
  const said: unknown = typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, 'errorDescription') : undefined;
  try {
    const report = await diagnoseConfig(config, { timeoutMs: remainingMs, runtime });
    // A finding that only repeats the send's own advice (a wrong secret, say) adds nothing.
    const sentences = findingSentences(
      report.findings.filter(({ status, advice }) => status !== 'passed' && !(typeof said === 'string' && advice.startsWith(said)))
    );
    const incomplete = incompleteSentence(report);
    return incomplete === undefined ? sentences : [...sentences, incomplete];
  } catch {
    // The doctor only adds to the advice: its own failure must not replace the send's error.
    return [];
  }
};
