import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  describeExit,
  missedProblem,
  notHealthy,
  packedCommandLine,
  parseDoctorLines,
  runPackedDoctor,
  type DoctorRun,
} from './doctor.js';

const passed = '[passed]    credentials: Aliyun accepted the signed request: the AccessKey and secret work.';
const underReview = '[problem]   template SMS_1 (Generic) (templates): The template is still under review: sends fail until Aliyun approves it.';
const note = '[note]      template SMS_2 (SignIn) (templates): It is a mainland China template.';

const runOf = (exitCode: number | null, lines: string[], stderr = ''): DoctorRun => ({
  command: 'x doctor c.json',
  ran: 'node lib/cli.js doctor c.json',
  exitCode,
  lines,
  stderr,
  findings: parseDoctorLines(lines),
});

describe("reading the doctor's text report", () => {
  it('splits each line into status, check (with its field) and advice, keeping colons inside the advice', () => {
    expect(parseDoctorLines([passed, underReview])).toEqual([
      { status: 'passed', check: 'credentials', advice: 'Aliyun accepted the signed request: the AccessKey and secret work.' },
      {
        status: 'problem',
        check: 'template SMS_1 (Generic) (templates)',
        advice: 'The template is still under review: sends fail until Aliyun approves it.',
      },
    ]);
  });

  it('skips lines that are not findings', () => {
    expect(parseDoctorLines(['Usage: connector-aliyun-dysms doctor', '', 'passed: no brackets'])).toEqual([]);
  });
});

describe('judging a run on a misconfigured config', () => {
  it('accepts exit 1 with a problem naming the template', () => {
    expect(missedProblem(runOf(1, [passed, underReview]), 'SMS_1')).toBeUndefined();
  });

  it('refuses a clean exit, saying so', () => {
    expect(missedProblem(runOf(0, [passed]), 'SMS_1')).toBe('the doctor exited with 0 (no problem found), not 1 (a problem found)');
  });

  it('refuses a problem about something else', () => {
    expect(missedProblem(runOf(1, [underReview]), 'SMS_9')).toBe('the doctor reported no problem with template SMS_9');
  });

  it('refuses a note about the template: only a problem counts', () => {
    expect(missedProblem(runOf(1, [note]), 'SMS_2')).toBe('the doctor reported no problem with template SMS_2');
  });

  it('quotes standard error of a usage error', () => {
    expect(missedProblem(runOf(2, [], 'connector-aliyun-dysms: cannot read c.json\n\nUsage: …'), 'SMS_1')).toBe(
      'the doctor exited with 2 (usage error), not 1 (a problem found): connector-aliyun-dysms: cannot read c.json Usage: …'
    );
  });
});

describe('judging a run on a good config', () => {
  it('accepts exit 0 with every finding passed', () => {
    expect(notHealthy(runOf(0, [passed, passed]))).toBeUndefined();
  });

  it('refuses a note, naming its check', () => {
    expect(notHealthy(runOf(0, [passed, note]))).toBe(
      'the doctor did not pass template SMS_2 (SignIn) (templates): [note] It is a mainland China template.'
    );
  });

  it('refuses a non-zero exit', () => {
    expect(notHealthy(runOf(1, [passed, underReview]))).toBe('the doctor exited with 1 (a problem found), not 0');
    expect(notHealthy(runOf(null, []))).toBe('the doctor exited with none (did not finish normally), not 0');
  });

  it('refuses output that is not all findings, or none', () => {
    expect(notHealthy(runOf(0, [passed, 'something else', 'and more']))).toBe(
      'the doctor printed lines that are not findings: something else | and more'
    );
    expect(notHealthy(runOf(0, []))).toBe('the doctor printed no findings');
  });

  it('accepts the verdict as the last line, and only there', () => {
    const verdict = 'No problem found in 1 check, every one made. Exit status 0.';
    expect(notHealthy(runOf(0, [passed, verdict]))).toBeUndefined();
    expect(notHealthy(runOf(0, [verdict, passed]))).toBe(`the doctor printed lines that are not findings: ${verdict}`);
  });

  it('names each exit status', () => {
    expect([0, 1, 2, 3, 7, null].map((code) => describeExit(code))).toEqual([
      '0 (no problem found)',
      '1 (a problem found)',
      '2 (usage error)',
      '3 (incomplete: some checks could not be made)',
      '7 (did not finish normally)',
      'none (did not finish normally)',
    ]);
  });
});

describe("the packed package's command line", () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  const fakeHost = (manifest: object, script?: string): { root: string; connectorDirectory: string } => {
    const root = mkdtempSync(path.join(tmpdir(), 'demo-doctor-'));
    folders.push(root);
    const connectorDirectory = path.join(root, 'packages', 'core', 'connectors', 'connector-fake');
    mkdirSync(path.join(connectorDirectory, 'lib'), { recursive: true });
    writeFileSync(path.join(connectorDirectory, 'package.json'), JSON.stringify(manifest));
    if (script !== undefined) writeFileSync(path.join(connectorDirectory, 'lib', 'cli.js'), script);
    return { root, connectorDirectory };
  };

  it('is the file package.json names in bin, as a string or under the package name', () => {
    const plain = fakeHost({ name: 'connector-fake', bin: './lib/cli.js' });
    expect(packedCommandLine(plain.connectorDirectory)).toEqual({ name: 'connector-fake', file: path.join(plain.connectorDirectory, 'lib', 'cli.js') });
    const named = fakeHost({ name: 'connector-fake', bin: { 'connector-fake': 'lib/other.js' } });
    expect(packedCommandLine(named.connectorDirectory).file).toBe(path.join(named.connectorDirectory, 'lib', 'other.js'));
  });

  it('is missing when package.json names no bin', () => {
    const host = fakeHost({ name: 'connector-fake' });
    expect(() => packedCommandLine(host.connectorDirectory)).toThrow('names no bin');
  });

  // Prints what it was given as findings: the file's keys, the secret's presence, a variable of the caller.
  const echoScript = `
const { readFileSync } = require('node:fs');
const [, , command, file] = process.argv;
const config = JSON.parse(readFileSync(file, 'utf8'));
console.log('[passed]    command: ' + command);
console.log('[passed]    file keys: ' + Object.keys(config).sort().join(','));
console.log('[passed]    secret: ' + (process.env.ALIYUN_ACCESS_KEY_SECRET === 'TheSecretOfThisTestOnly1234' ? 'from the environment' : 'absent'));
console.log('[note]      caller variable: ' + (process.env.DEMO_DOCTOR_TEST_LEAK ?? 'not passed'));
process.exitCode = 1;
`;

  it('runs with node, the config file free of the secret, the secret in the environment, and nothing else of the caller', async () => {
    const host = fakeHost({ name: 'connector-fake', bin: './lib/cli.js' }, echoScript);
    process.env.DEMO_DOCTOR_TEST_LEAK = 'leaked';
    let run: DoctorRun;
    try {
      run = await runPackedDoctor({
        host,
        fileName: 'c.json',
        config: { accessKeyId: 'id', accessKeySecret: 'TheSecretOfThisTestOnly1234', signName: 's' },
        secret: 'TheSecretOfThisTestOnly1234',
      });
    } finally {
      delete process.env.DEMO_DOCTOR_TEST_LEAK;
    }
    expect(run.exitCode).toBe(1);
    expect(run.command).toBe('connector-fake doctor c.json');
    expect(run.ran).toBe('node packages/core/connectors/connector-fake/lib/cli.js doctor c.json');
    expect(run.findings.map(({ check, advice }) => `${check}: ${advice}`)).toEqual([
      'command: doctor',
      'file keys: accessKeyId,signName',
      'secret: from the environment',
      'caller variable: not passed',
    ]);
    expect(run.lines).toHaveLength(4);
  });

  it('gives up on a command line that does not finish in time', async () => {
    const host = fakeHost({ name: 'connector-fake', bin: './lib/cli.js' }, 'setTimeout(() => {}, 60_000);');
    await expect(runPackedDoctor({ host, fileName: 'c.json', config: {}, secret: '', timeoutMs: 300 })).rejects.toThrow(
      "the doctor's command line did not finish within 300 ms"
    );
  });
});
