// `connector-aliyun-dysms doctor [--json] <config.json> [--send <phone>]`: the config doctor on
// the command line, for the JSON the console stores. It sends no SMS unless given --send.
import { parseArgs } from 'node:util';

import { TemplateType } from '@logto/connector-kit';

import { asConnectorError } from '../audience.js';
import { diagnose, reportOf, type DoctorReport } from '../doctor/diagnose.js';
import { finding, type Finding, type Verdict } from '../doctor/finding.js';
import { createSendMessage } from '../send-message.js';
import type { SendRuntime } from '../send-runtime.js';

import { findingLine, verdictLine } from './format.js';

/** What the command reads and writes: the process's, or a test's. */
export type CommandIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  runtime?: SendRuntime;
};

/** The command's exit codes: one per verdict, and one for a command it could not run. */
export const exitCodes = { healthy: 0, problem: 1, usage: 2, incomplete: 3 } as const;

/** The exit status of each verdict. */
export const exitCodeOf = (verdict: Verdict): number => exitCodes[verdict];

/** Where the secret may come from instead of the file, so it need not be written down. */
export const secretVariable = 'ALIYUN_ACCESS_KEY_SECRET';

const usage = `Usage: connector-aliyun-dysms doctor [--json] <config.json> [--send <phone>]

Checks the connector config (the JSON the Logto console stores) against Aliyun with its own
credentials and endpoint, sending no SMS. --send <phone> also sends one test code, as the
console's Send button does. The secret may come from ${secretVariable} instead of the file.
Exit status: 0 no problem found, 1 a problem found, 2 usage error,
3 no problem found but some checks could not be made.`;

class UsageError extends Error {}

const readArguments = (argv: readonly string[]): { file: string; json: boolean; send: string | undefined } => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean', default: false }, send: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : 'unreadable arguments');
  }
  const [command, file, ...rest] = parsed.positionals;
  if (parsed.values.help === true) {
    throw new UsageError('');
  }
  if (command !== 'doctor') {
    throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  }
  if (file === undefined || rest.length > 0) {
    throw new UsageError(file === undefined ? 'no config file given' : 'only one config file may be given');
  }
  return { file, json: parsed.values.json, send: parsed.values.send };
};

const readConfig = async (io: CommandIo, file: string): Promise<unknown> => {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
  const secret = io.env[secretVariable];
  // An empty string is no secret: the console stores one when the field was left blank.
  const fileSecret: unknown = typeof config === 'object' && config !== null ? Reflect.get(config, 'accessKeySecret') : undefined;
  const hasSecret = typeof fileSecret === 'string' && fileSecret !== '';
  return typeof config === 'object' && config !== null && !hasSecret && secret !== undefined && secret !== ''
    ? { ...config, accessKeySecret: secret }
    : config;
};

// The test send: what the console's Send button does, read as the administrator reads it.
const testSend = async (config: unknown, phone: string, runtime: SendRuntime | undefined): Promise<Finding> => {
  const sendMessage = createSendMessage(async () => Promise.reject(new Error('the doctor passes the config inline')), runtime);
  try {
    await sendMessage({ to: phone, type: TemplateType.Generic, payload: { code: '000000' } }, config);
    return finding('test send', 'passed', 'Aliyun accepted the test code (000000).');
  } catch (error: unknown) {
    // Passed the config inline, sendMessage already shaped its error for the administrator.
    const shaped = asConnectorError(error);
    const description: unknown = typeof shaped.data === 'object' && shaped.data !== null ? Reflect.get(shaped.data, 'errorDescription') : undefined;
    return finding('test send', 'problem', typeof description === 'string' ? description : shaped.message);
  }
};

/** Runs the command; resolves with its exit status. */
export const runDoctorCommand = async (argv: readonly string[], io: CommandIo): Promise<number> => {
  let report: DoctorReport;
  let json: boolean;
  try {
    const options = readArguments(argv);
    json = options.json;
    const config = await readConfig(io, options.file);
    report = await diagnose(config, { runtime: io.runtime });
    if (options.send !== undefined) {
      const sent = await testSend(config, options.send, io.runtime);
      report = reportOf([...report.findings, sent]);
    }
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message === '' ? '' : `connector-aliyun-dysms: ${error.message}\n\n`}${usage}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
  const exitStatus = exitCodeOf(report.verdict);
  io.stdout(
    json
      ? `${JSON.stringify({ ok: report.ok, verdict: report.verdict, exitStatus, findings: report.findings }, undefined, 2)}\n`
      : `${[...report.findings.map((item) => findingLine(item)), verdictLine(report, exitStatus)].join('\n')}\n`
  );
  return exitStatus;
};
