// When the administrator's Send fails for a reason of configuration, Aliyun's send error alone
// cannot say why (an unknown and an unapproved template fail alike): the doctor's read calls
// can, and their findings go into the advice the console's toast shows. Never for end users.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { AliyunSmsConfig } from './config/schema.js';
import { diagnoseConfig } from './doctor/diagnose.js';
import type { Finding } from './doctor/finding.js';
import type { SendRuntime } from './send-runtime.js';

// Below this, the read calls would time out before Aliyun could answer.
const minimumDoctorBudgetMs = 300;

const aliyunCode = (error: ConnectorError): unknown =>
  typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, 'Code') : undefined;

/** Whether a failed send is one the doctor can explain: a config problem, or Aliyun refusing the number for the template's kind. */
export const isConfigurationFailure = (error: ConnectorError): boolean =>
  error.code === ConnectorErrorCodes.InvalidConfig ||
  (error.code === ConnectorErrorCodes.InvalidRequestParameters && typeof aliyunCode(error) === 'string');

/** A finding as one sentence of the toast. */
export const findingSentence = ({ check, status, advice }: Finding): string => `Doctor, ${check} (${status}): ${advice}`;

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
  try {
    const report = await diagnoseConfig(config, { timeoutMs: remainingMs, runtime });
    return report.findings.filter(({ status }) => status !== 'passed').map((item) => findingSentence(item));
  } catch {
    // The doctor only adds to the advice: its own failure must not replace the send's error.
    return [];
  }
};
