// `connector-aliyun-dysms doctor [--json] <config.json> [--send <phone>]`: the config doctor on
// the command line, for the JSON the console stores. It sends no SMS unless given --send.
import { parseArgs } from 'node:util';

import { diagnose, reportOf, type DoctorReport } from '../doctor/diagnose.js';
import type { Verdict } from '../doctor/finding.js';
import type { ReceiptReport } from '../doctor/receipt-finding.js';
import type { SendRuntime } from '../send-runtime.js';

import { findingLine, verdictLine } from './format.js';
import { defaultWaitSeconds, lookUpSupportReceipt, testSendFollowed } from './receipt-commands.js';

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
       [--wait <seconds>] | [--receipt <BizId> --to <phone> [--date <yyyyMMdd>]]

Checks the connector config (the JSON the Logto console stores) against Aliyun with its own
credentials and endpoint, sending no SMS. --send <phone> also sends one test code, as the
console's Send button does, and waits up to --wait seconds (default ${defaultWaitSeconds}) for its
delivery receipt. --receipt looks up the receipt of a message sent earlier (BizId and number;
--date in Beijing time, default today and yesterday; for service "intl" the MessageId, and no
--date) instead of checking the config. With a
fallback sender, both senders are checked and --send sends one test code through each.
The secret may come from ${secretVariable} instead of the file.
Exit status: 0 no problem found, 1 a problem found, 2 usage error,
3 no problem found but some checks could not be made.`;

class UsageError extends Error {}

type Arguments = {
  file: string;
  json: boolean;
  send: string | undefined;
  wait: number;
  receipt: { bizId: string; to: string; date: string | undefined } | undefined;
};

const maxWaitSeconds = 600;

// --wait, --receipt, --to and --date, checked together.
const receiptArguments = (values: { wait?: string; receipt?: string; to?: string; date?: string; send?: string }): Pick<Arguments, 'wait' | 'receipt'> => {
  const wait = values.wait === undefined ? defaultWaitSeconds : Number(values.wait);
  if (!/^\d+$/.test(values.wait ?? '0') || wait > maxWaitSeconds) {
    throw new UsageError(`--wait takes whole seconds from 0 to ${maxWaitSeconds}`);
  }
  if (values.receipt === undefined) {
    if (values.to !== undefined || values.date !== undefined) {
      throw new UsageError('--to and --date go with --receipt');
    }
    return { wait, receipt: undefined };
  }
  if (values.send !== undefined || values.wait !== undefined) {
    throw new UsageError('--receipt looks up a message sent earlier: it does not go with --send or --wait');
  }
  if (values.to === undefined || values.receipt.trim() === '') {
    throw new UsageError('--receipt needs a BizId and --to <phone>, the number the message went to');
  }
  if (values.date !== undefined && !/^\d{8}$/.test(values.date)) {
    throw new UsageError('--date takes the send date as yyyyMMdd (Beijing time)');
  }
  return { wait, receipt: { bizId: values.receipt.trim(), to: values.to, date: values.date } };
};

const readArguments = (argv: readonly string[]): Arguments => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        send: { type: 'string' },
        wait: { type: 'string' },
        receipt: { type: 'string' },
        to: { type: 'string' },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
  return { file, json: parsed.values.json, send: parsed.values.send, ...receiptArguments(parsed.values) };
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

/** Runs the command; resolves with its exit status. */
export const runDoctorCommand = async (argv: readonly string[], io: CommandIo): Promise<number> => {
  let report: DoctorReport;
  let receipt: ReceiptReport | undefined;
  let json: boolean;
  try {
    const options = readArguments(argv);
    json = options.json;
    const config = await readConfig(io, options.file);
    if (options.receipt === undefined) {
      report = await diagnose(config, { runtime: io.runtime });
    } else {
      const found = await lookUpSupportReceipt(config, options.receipt, io.runtime);
      report = reportOf(found.findings);
      receipt = found.receipt;
    }
    if (options.send !== undefined) {
      const sent = await testSendFollowed(config, options.send, options.wait, io.runtime);
      report = reportOf([...report.findings, ...sent.findings]);
      receipt = sent.receipt;
    }
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message === '' ? '' : `connector-aliyun-dysms: ${error.message}\n\n`}${usage}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
  const exitStatus = exitCodeOf(report.verdict);
  const printed = { ok: report.ok, verdict: report.verdict, exitStatus, findings: report.findings, ...(receipt === undefined ? {} : { receipt }) };
  io.stdout(
    json
      ? `${JSON.stringify(printed, undefined, 2)}\n`
      : `${[...report.findings.map((item) => findingLine(item)), verdictLine(report, exitStatus)].join('\n')}\n`
  );
  return exitStatus;
};
