// The config doctor, run as the package's command line on a misconfigured and on the stored
// config, then the console's Send button with the misconfigured one: the toast carries the finding.
import { TemplateType } from '@logto/connector-kit';

import type { LogtoHostFolder } from '../logto-host.js';
import { describeTemplates, type DemoConfig } from './configs.js';
import {
  describeExit,
  missedProblem,
  notHealthy,
  problemAbout,
  runPackedDoctor,
  secretVariable,
  type DoctorFinding,
  type DoctorRun,
} from './doctor.js';
import { buildSmsConnector } from './load.js';
import { attemptSend, describeAttempt, failureOf, writeAttempt, type Write } from './send.js';
import { demoNumbers, type DemoContext } from './send-sections.js';
import { labelled, maskSecret, wrapWords, type Painter } from './text.js';
import { consoleAnswerOf, type ConsoleAnswer } from './toast.js';

/** The two doctor runs. */
export interface DoctorReports {
  readonly misconfigured: DoctorRun;
  readonly stored: DoctorRun;
  /** The misconfigured run's finding about the template under review. */
  readonly problem: DoctorFinding;
}

/** The console's Send button refused, as the administrator sees it. */
export interface RefusalReport {
  readonly to: string;
  readonly request: Readonly<Record<string, string>> | undefined;
  readonly verdictCode: string | undefined;
  readonly signatureVerified: boolean;
  /** The read calls the connector made after the refusal, with their outcome (`GetSmsTemplate 200 OK`). */
  readonly reads: readonly string[];
  readonly answer: ConsoleAnswer;
}

const statusPainter = (paint: Painter, line: string): string => {
  if (line.startsWith('[passed]')) return paint.green(line);
  if (line.startsWith('[problem]')) return paint.red(line);
  return line;
};

function writeDoctorRun(run: DoctorRun, secret: string, write: Write, paint: Painter): void {
  const command = [`$ ${secretVariable}=${maskSecret(secret)} ${run.command}`, `(ran: ${run.ran})`];
  for (const line of labelled('command', command, paint.dim)) write(line);
  const output = run.lines.length === 0 ? ['(nothing on stdout)'] : run.lines.map((line) => statusPainter(paint, line));
  for (const line of labelled('output', output, paint.dim)) write(line);
  const stderr = run.stderr.trim() === '' ? [] : run.stderr.trim().split('\n');
  for (const line of labelled('stderr', stderr, paint.dim)) write(line);
}

interface DoctorSection {
  readonly heading: string;
  readonly fileName: string;
  readonly config: DemoConfig;
  readonly templates: string;
}

function writeDoctorSection(context: DemoContext, section: DoctorSection, run: DoctorRun): void {
  const { write, paint } = context;
  write('');
  write(paint.bold(section.heading));
  const config = [`${section.fileName}: templates ${section.templates}`, `no accessKeySecret in the file: ${secretVariable} carries it`];
  for (const line of labelled('config', config, paint.dim)) write(line);
  writeDoctorRun(run, section.config.accessKeySecret ?? '', write, paint);
}

const settled = <T>(result: PromiseSettledResult<T>): T => {
  if (result.status === 'rejected') {
    throw result.reason;
  }
  return result.value;
};

/** Sections 5 and 6: the doctor's command line finds the template under review, and passes the stored config. */
export async function showDoctor(
  context: DemoContext,
  host: LogtoHostFolder,
  configs: { readonly stored: DemoConfig; readonly misconfigured: DemoConfig; readonly underReview: string }
): Promise<DoctorReports> {
  const { write, paint } = context;
  const sections = {
    misconfigured: {
      heading: `5. Config doctor, the package's own command line, on a misconfigured config: a template under review`,
      fileName: 'misconfigured.json',
      config: configs.misconfigured,
      templates: `${describeTemplates(configs.misconfigured)} (under review in the demo account), otherwise the stored config`,
    },
    stored: {
      heading: '6. Config doctor on the stored config of sends 1 and 2',
      fileName: 'stored.json',
      config: configs.stored,
      templates: describeTemplates(configs.stored),
    },
  } satisfies Record<string, DoctorSection>;
  const run = (section: DoctorSection) =>
    runPackedDoctor({ host, fileName: section.fileName, config: section.config, secret: section.config.accessKeySecret ?? '' });
  // Two processes at once save a Node start-up; each run's output is shown whole, in order.
  const [misconfiguredResult, storedResult] = await Promise.allSettled([run(sections.misconfigured), run(sections.stored)]);

  const misconfigured = settled(misconfiguredResult);
  writeDoctorSection(context, sections.misconfigured, misconfigured);
  const missed = missedProblem(misconfigured, configs.underReview);
  const problem = problemAbout(misconfigured, configs.underReview);
  if (missed !== undefined || problem === undefined) {
    throw new Error(`doctor on the misconfigured config: ${missed ?? 'no problem finding'}`);
  }
  for (const line of labelled('exit', [paint.red(describeExit(misconfigured.exitCode))], paint.dim)) write(line);

  const stored = settled(storedResult);
  writeDoctorSection(context, sections.stored, stored);
  const unhealthy = notHealthy(stored);
  if (unhealthy !== undefined) {
    throw new Error(`doctor on the stored config: ${unhealthy}`);
  }
  const verdict = `${describeExit(stored.exitCode)}: all ${stored.findings.length} checks passed`;
  for (const line of labelled('exit', [paint.green(verdict)], paint.dim)) write(line);
  return { misconfigured, stored, problem };
}

// The toast is one long line in the console; wrapped here only to stay readable in a terminal.
const toastWidth = 100;

/** Section 7: the console's Send button with the misconfigured config; the toast Logto shows carries the doctor's finding. */
export async function showRefusedTestButton(
  context: DemoContext,
  misconfigured: DemoConfig,
  problem: DoctorFinding
): Promise<RefusalReport> {
  const { emulator, write, paint } = context;
  const label = 'misconfigured test button send';
  const plan = {
    label,
    heading: () =>
      `7. Console "Send" test button with the misconfigured config: Generic to ${demoNumbers.mainlandMisconfigured}, code 000000, config passed inline`,
    details: [`templates: ${describeTemplates(misconfigured)}`],
    action: 'SendSms',
    to: demoNumbers.mainlandMisconfigured,
    usageType: TemplateType.Generic,
    code: '000000',
    connector: await buildSmsConnector(context.loaded.factory),
    inlineConfig: misconfigured,
    configRequestedFor: [],
  };
  const outcome = await attemptSend(plan, emulator);
  writeAttempt(plan, outcome, write, paint);
  if (outcome.thrown === undefined) {
    throw new Error(`${label}: the emulator accepted a send with a template under review`);
  }
  if (outcome.last?.verdict.code !== 'isv.SMS_TEMPLATE_ILLEGAL') {
    throw new Error(failureOf(label, outcome.last, outcome.thrown.error));
  }
  const reads = outcome.others.map((record) => `${record.action ?? 'unknown Action'} ${describeAttempt(record)}`);
  const readLine = reads.length === 0 ? ['none'] : [`${reads.join(', ')}: the connector's doctor, asked because the refusal is one of configuration`];
  for (const line of labelled('reads', readLine, paint.dim)) write(line);

  const answer = consoleAnswerOf(outcome.thrown.error);
  const errorLine = `ConnectorError ${answer.code ?? '(no code)'}${answer.connectorCode === undefined ? '' : ` (connectorCode ${answer.connectorCode})`}`;
  for (const line of labelled('error', [errorLine], paint.dim)) write(line);
  if (answer.toast === undefined) {
    throw new Error(`${label}: the connector answered ${answer.code ?? 'no code'}, whose toast is Logto's fixed phrase: the advice would not show`);
  }
  for (const line of labelled('toast', wrapWords(answer.toast, toastWidth), paint.dim)) write(line);
  if (!answer.toast.includes(problem.advice)) {
    throw new Error(`${label}: the toast does not carry the doctor's finding "${problem.advice}"`);
  }
  return {
    to: plan.to,
    request: outcome.last.params,
    verdictCode: outcome.last.verdict.code,
    signatureVerified: outcome.last.verdict.signatureVerified,
    reads,
    answer,
  };
}
