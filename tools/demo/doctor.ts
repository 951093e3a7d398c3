// The config doctor as an administrator runs it: the packed package's own command line (its
// `bin`), in a child process, on a config file that does not hold the secret.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { LogtoHostFolder } from '../logto-host.js';
import { oneLine } from './text.js';

/** The variable the doctor reads the secret from, so the config file need not hold it. */
export const secretVariable = 'ALIYUN_ACCESS_KEY_SECRET';

/** One line of the doctor's report, read back. */
export interface DoctorFinding {
  readonly status: string;
  /** What was checked, with the config key to fix in brackets when one is named. */
  readonly check: string;
  readonly advice: string;
}

/** One run of the doctor's command line. */
export interface DoctorRun {
  /** The command as an administrator types it. */
  readonly command: string;
  /** What actually ran, in the host folder. */
  readonly ran: string;
  readonly exitCode: number | null;
  /** Its standard output, line by line, as printed. */
  readonly lines: readonly string[];
  readonly stderr: string;
  readonly findings: readonly DoctorFinding[];
}

const findingPattern = /^\[(\w+)\]\s+(.+?): (.*)$/;

/** The findings of the doctor's text report (`[status]   check (field): advice` per line). */
export function parseDoctorLines(lines: readonly string[]): DoctorFinding[] {
  return lines.flatMap((line) => {
    const match = findingPattern.exec(line);
    const [, status, check, advice] = match ?? [];
    return status === undefined || check === undefined || advice === undefined ? [] : [{ status, check, advice }];
  });
}

const binOf = (manifest: unknown, name: unknown): string | undefined => {
  const bin: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'bin') : undefined;
  if (typeof bin === 'string') {
    return bin;
  }
  const named: unknown = typeof bin === 'object' && bin !== null && typeof name === 'string' ? Reflect.get(bin, name) : undefined;
  return typeof named === 'string' ? named : undefined;
};

/** The packed package's command line: the file its package.json `bin` names, and that command's name. */
export function packedCommandLine(connectorDirectory: string): { name: string; file: string } {
  const manifest: unknown = JSON.parse(readFileSync(path.join(connectorDirectory, 'package.json'), 'utf8'));
  const name: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'name') : undefined;
  const bin = binOf(manifest, name);
  if (bin === undefined || typeof name !== 'string') {
    throw new Error("the packed connector's package.json names no bin: the doctor's command line is not shipped");
  }
  return { name, file: path.join(connectorDirectory, bin) };
}

interface Finished {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Asynchronous on purpose: the emulator answering the doctor runs in this very process.
function runNode(file: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the doctor's command line did not finish within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** What to diagnose: a config written (without its secret) to a file at the host folder's root. */
export interface DoctorInput {
  readonly host: Pick<LogtoHostFolder, 'root' | 'connectorDirectory'>;
  readonly fileName: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly secret: string;
  readonly timeoutMs?: number;
}

/** Runs `<bin> doctor <file>` with node, the secret in the environment; resolves with what it printed and its exit status. */
export async function runPackedDoctor({ host, fileName, config, secret, timeoutMs = 20_000 }: DoctorInput): Promise<DoctorRun> {
  const commandLine = packedCommandLine(host.connectorDirectory);
  const withoutSecret = Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'accessKeySecret'));
  // In the host folder, so the file goes with it.
  writeFileSync(path.join(host.root, fileName), `${JSON.stringify(withoutSecret, undefined, 2)}\n`);
  // Only PATH and the secret: a proxy or NODE_OPTIONS of the caller's shell must not change the run.
  const env = { PATH: process.env.PATH, [secretVariable]: secret };
  const finished = await runNode(commandLine.file, ['doctor', fileName], { cwd: host.root, env, timeoutMs });
  const lines = finished.stdout.split('\n').filter((line) => line !== '');
  return {
    command: `${commandLine.name} doctor ${fileName}`,
    ran: `node ${path.relative(host.root, commandLine.file)} doctor ${fileName}`,
    exitCode: finished.exitCode,
    lines,
    stderr: finished.stderr,
    findings: parseDoctorLines(lines),
  };
}

const exitMeanings: ReadonlyMap<number, string> = new Map([
  [0, 'no problem found'],
  [1, 'a problem found'],
  [2, 'usage error'],
  [3, 'incomplete: some checks could not be made'],
]);

const exitMeaning = (exitCode: number | null): string => (exitCode === null ? undefined : exitMeanings.get(exitCode)) ?? 'did not finish normally';

// The doctor's last line: its verdict in words, ending with the exit status.
const verdictPattern = / Exit status \d+\.$/;

/** The exit status with the doctor's meaning for it. */
export function describeExit(exitCode: number | null): string {
  return `${exitCode === null ? 'none' : exitCode} (${exitMeaning(exitCode)})`;
}

const errorOutput = (run: DoctorRun): string => (run.stderr.trim() === '' ? '' : `: ${oneLine(run.stderr)}`);

/** Why a run on a misconfigured config did not show the problem with `templateCode`; undefined when it did. */
export function missedProblem(run: DoctorRun, templateCode: string): string | undefined {
  if (run.exitCode !== 1) {
    return `the doctor exited with ${describeExit(run.exitCode)}, not 1 (a problem found)${errorOutput(run)}`;
  }
  return problemAbout(run, templateCode) === undefined ? `the doctor reported no problem with template ${templateCode}` : undefined;
}

/** The doctor's problem finding about a template, if it reported one. */
export function problemAbout(run: DoctorRun, templateCode: string): DoctorFinding | undefined {
  return run.findings.find(({ status, check }) => status === 'problem' && check.includes(templateCode));
}

/** Why a run on a good config was not a clean bill of health; undefined when every check passed. */
export function notHealthy(run: DoctorRun): string | undefined {
  if (run.exitCode !== 0) {
    return `the doctor exited with ${describeExit(run.exitCode)}, not 0${errorOutput(run)}`;
  }
  const last = run.lines.at(-1);
  const body = last !== undefined && verdictPattern.test(last) ? run.lines.slice(0, -1) : run.lines;
  const strays = body.filter((line) => parseDoctorLines([line]).length === 0);
  if (strays.length > 0) {
    return `the doctor printed lines that are not findings: ${oneLine(strays.join(' | '))}`;
  }
  if (run.findings.length === 0) {
    return 'the doctor printed no findings';
  }
  const other = run.findings.find(({ status }) => status !== 'passed');
  return other === undefined ? undefined : `the doctor did not pass ${other.check}: [${other.status}] ${other.advice}`;
}
