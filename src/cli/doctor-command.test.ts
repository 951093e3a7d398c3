import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT, startEmulator, type Emulator } from '../../tools/emulator/index.js';

import type { SendRuntime } from '../send-runtime.js';

import { exitCodes, runDoctorCommand, secretVariable } from './doctor-command.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
});

const config = (overrides: object = {}) => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }],
  endpoint: emulator.url,
  ...overrides,
});

/** Runs the command over an in-memory file system; returns the exit status and what it printed. */
const run = async (argv: string[], files: Record<string, string> = {}, env: Record<string, string> = {}, runtime?: SendRuntime) => {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runDoctorCommand(argv, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: async (path) => {
      const text = files[path];
      return text === undefined ? Promise.reject(new Error('ENOENT')) : Promise.resolve(text);
    },
    env,
    runtime,
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
};

describe('connector-aliyun-dysms doctor', () => {
  it('prints one line per check and exits 0 when nothing is wrong', async () => {
    const { status, stdout } = await run(['doctor', 'c.json'], { 'c.json': JSON.stringify(config()) });
    expect(status).toBe(exitCodes.healthy);
    const lines = stdout.trim().split('\n');
    // Configuration, credentials, clock, sign name, its filing with three carriers, two templates.
    expect(lines).toHaveLength(9);
    expect(lines.every((line) => line.startsWith('[passed]'))).toBe(true);
    expect(lines[3]).toContain('sign name');
    expect(emulator.messages).toEqual([]);
  });

  it('exits 1 and says why when a check finds a problem', async () => {
    const { status, stdout } = await run(['doctor', 'c.json'], {
      'c.json': JSON.stringify(config({ templates: [{ usageType: 'Generic', templateCode: 'SMS_465000011' }] })),
    });
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toMatch(/\[problem\] +template SMS_465000011 \(Generic\) \(templates\): The template was rejected \(模板内容中包含错别字。\)/);
  });

  it('exits 0 for a SendSms-only RAM user: checks it could not run are reported, not failed', async () => {
    const { status, stdout } = await run(['doctor', 'c.json'], {
      'c.json': JSON.stringify(
        config({ accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret })
      ),
    });
    expect(status).toBe(exitCodes.healthy);
    expect(stdout).toContain('[unchecked]');
  });

  it.each([
    ['before the file', ['doctor', '--json', 'c.json']],
    ['after the file', ['doctor', 'c.json', '--json']],
  ])('prints the same findings as JSON with --json %s', async (_name, argv) => {
    const { status, stdout } = await run(argv, { 'c.json': JSON.stringify(config()) });
    expect(status).toBe(exitCodes.healthy);
    const report = z
      .object({ ok: z.boolean(), findings: z.array(z.object({ check: z.string(), status: z.string(), advice: z.string() })) })
      .parse(JSON.parse(stdout));
    expect(report.ok).toBe(true);
    expect(report.findings.find(({ check }) => check === 'credentials')?.status).toBe('passed');
  });

  it(`takes the secret from ${secretVariable} when the file has none, and never prints it`, async () => {
    const withoutSecret = Object.fromEntries(Object.entries(config()).filter(([key]) => key !== 'accessKeySecret'));
    const { status, stdout } = await run(
      ['doctor', 'c.json'],
      { 'c.json': JSON.stringify(withoutSecret) },
      { [secretVariable]: DEMO_ACCOUNT.accessKeySecret }
    );
    expect(status).toBe(exitCodes.healthy);
    expect(stdout).not.toContain(DEMO_ACCOUNT.accessKeySecret);
  });

  it('keeps the file’s secret over the environment’s', async () => {
    const { status } = await run(['doctor', 'c.json'], { 'c.json': JSON.stringify(config()) }, { [secretVariable]: 'wrong' });
    expect(status).toBe(exitCodes.healthy);
  });

  it('sends one test code with --send, as the console would', async () => {
    const { status, stdout } = await run(['doctor', 'c.json', '--send', '8613800138000'], { 'c.json': JSON.stringify(config()) });
    expect(status).toBe(exitCodes.healthy);
    expect(stdout).toContain('[passed]    test send');
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.messages[0]?.text).toContain('000000');
  });

  it('reports a failed test send as a problem with the console’s advice', async () => {
    const { status, stdout } = await run(['doctor', 'c.json', '--send', '447400123456'], {
      'c.json': JSON.stringify(config({ templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }] })),
    });
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toMatch(/\[problem\] +test send: .*Aliyun Code: isv\.MOBILE_NUMBER_ILLEGAL/);
  });

  it('exits 1 for an invalid config, naming the field', async () => {
    const { status, stdout } = await run(['doctor', 'c.json'], { 'c.json': JSON.stringify(config({ signName: '' })) });
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toContain('signName');
  });

  it.each([
    ['no file', ['doctor'], 'no config file given'],
    ['an unreadable file', ['doctor', 'missing.json'], 'cannot read missing.json'],
    ['a file that is not JSON', ['doctor', 'bad.json'], 'bad.json is not JSON'],
    ['no command', [], 'no command given'],
    ['another command', ['cure', 'c.json'], 'unknown command "cure"'],
    ['two files', ['doctor', 'c.json', 'd.json'], 'only one config file'],
    ['an unknown option', ['doctor', 'c.json', '--fix'], "Unknown option '--fix'"],
  ])('exits 2 with the usage for %s', async (_name, argv, message) => {
    const { status, stderr, stdout } = await run(argv, { 'c.json': '{}', 'd.json': '{}', 'bad.json': '{' });
    expect(status).toBe(exitCodes.usage);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: connector-aliyun-dysms doctor');
    expect(stdout).toBe('');
  });

  it('prints the usage alone and exits 2 for --help or -h', async () => {
    for (const flag of ['--help', '-h']) {
      const { status, stderr, stdout } = await run(['doctor', 'c.json', flag], { 'c.json': JSON.stringify(config()) });
      expect(status).toBe(exitCodes.usage);
      expect(stderr).toMatch(/^Usage: connector-aliyun-dysms doctor \[--json\] <config\.json> \[--send <phone>\]\n/);
      expect(stderr).toContain('Exit status: 0 no problem found, 1 a problem found, 2 usage error.\n');
      expect(stderr).not.toContain('connector-aliyun-dysms:');
      expect(stdout).toBe('');
    }
    expect(emulator.requests).toEqual([]);
  });

  it('puts the reason for a usage error on its own line before the usage', async () => {
    const { stderr } = await run(['doctor']);
    expect(stderr).toMatch(/^connector-aliyun-dysms: no config file given\n\nUsage: connector-aliyun-dysms doctor /);
    expect(stderr.endsWith('usage error.\n')).toBe(true);
  });

  it('prints each finding on its own line: status column, check, key to fix, advice', async () => {
    const { stdout } = await run(['doctor', 'c.json', '--send', '8613800138000'], {
      'c.json': JSON.stringify(config({ signName: 'Logto审核中' })),
    });
    const lines = stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('[passed]    configuration: The configuration is valid.');
    expect(lines).toContain('[problem]   sign name (signName): The sign name "Logto审核中" is still under review: sends fail until Aliyun approves it.');
  });

  it('prints the test send’s success in so many words', async () => {
    const { stdout } = await run(['doctor', 'c.json', '--send', '8613800138000'], { 'c.json': JSON.stringify(config()) });
    const lines = stdout.trim().split('\n');
    expect(lines.at(-2)).toBe('[passed]    test send: Aliyun accepted the test code (000000).');
    expect(lines.at(-1)).toMatch(/^\[passed\] +delivery receipt: The message to 138\*+00 \(BizId \d+\^0\) was delivered to the phone at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(Beijing time\)\.$/);
  });

  it('prints the JSON report indented, with the key to fix, and exits 1 on a problem', async () => {
    const { status, stdout } = await run(['doctor', '--json', 'c.json'], { 'c.json': JSON.stringify(config({ signName: 'Logto审核中' })) });
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toMatch(/^\{\n {2}"ok": false,\n {2}"findings": \[\n/);
    expect(stdout.endsWith('}\n')).toBe(true);
    const report = z
      .object({ ok: z.boolean(), findings: z.array(z.object({ check: z.string(), status: z.string(), field: z.string().optional() })) })
      .parse(JSON.parse(stdout));
    expect(report.findings.find(({ check }) => check === 'sign name')).toMatchObject({ status: 'problem', field: 'signName' });
  });

  it(`takes the secret from ${secretVariable} when the file’s is not a string`, async () => {
    const { status } = await run(
      ['doctor', 'c.json'],
      { 'c.json': JSON.stringify(config({ accessKeySecret: 42 })) },
      { [secretVariable]: DEMO_ACCOUNT.accessKeySecret }
    );
    expect(status).toBe(exitCodes.healthy);
  });

  it(`ignores an empty ${secretVariable}, so the missing secret is named`, async () => {
    const withoutSecret = Object.fromEntries(Object.entries(config()).filter(([key]) => key !== 'accessKeySecret'));
    const { status, stdout } = await run(['doctor', 'c.json'], { 'c.json': JSON.stringify(withoutSecret) }, { [secretVariable]: '' });
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toMatch(/^\[problem\] +configuration: .*accessKeySecret/);
  });

  it.each([
    ['null', 'null'],
    ['a string', '"阿里云"'],
    ['a number', '7'],
  ])(`reports a config that is %s as invalid, the same with ${secretVariable} set or not`, async (_name, text) => {
    const without = await run(['doctor', 'c.json'], { 'c.json': text });
    const withSecret = await run(['doctor', 'c.json'], { 'c.json': text }, { [secretVariable]: DEMO_ACCOUNT.accessKeySecret });
    expect(without.status).toBe(exitCodes.problem);
    expect(without.stdout).toMatch(/^\[problem\] +configuration: /);
    expect(withSecret).toEqual(without);
  });

  it('diagnoses with the given runtime, and lets an unexpected failure through rather than call it a usage error', async () => {
    const broken = new TypeError('the clock broke');
    const now = () => {
      throw broken;
    };
    await expect(run(['doctor', 'c.json'], { 'c.json': JSON.stringify(config()) }, {}, { now })).rejects.toBe(broken);
  });
});
