import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT } from '../../tools/emulator/index.js';
import { emulatorPerFile } from '../../test/support/emulator-per-file.js';

import type { SendRuntime } from '../send-runtime.js';

import { exitCodes, runDoctorCommand, secretVariable } from './doctor-command.js';

const emulator = emulatorPerFile({}, { faults: true });

const config = (overrides: object = {}) => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }],
  endpoint: emulator().url,
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
    // Configuration, credentials, clock, sign name, its filing with three carriers, two templates, the verdict.
    expect(lines).toHaveLength(10);
    expect(lines.slice(0, 9).every((line) => line.startsWith('[passed]'))).toBe(true);
    expect(lines[3]).toContain('sign name');
    expect(lines[9]).toBe('No problem found in 9 checks, every one made. Exit status 0.');
    expect(emulator().messages).toEqual([]);
  });

  it('exits 1 and says why when a check finds a problem', async () => {
    const { status, stdout } = await run(['doctor', 'c.json'], {
      'c.json': JSON.stringify(config({ templates: [{ usageType: 'Generic', templateCode: 'SMS_465000011' }] })),
    });
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toMatch(/\[problem\] +template SMS_465000011 \(Generic\) \(templates\): The template was rejected \(模板内容中包含错别字。\)/);
  });

  it('exits 3 for a SendSms-only RAM user: checks it could not make are reported, neither passed nor failed', async () => {
    const { status, stdout } = await run(['doctor', 'c.json'], {
      'c.json': JSON.stringify(
        config({ accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret })
      ),
    });
    expect(status).toBe(exitCodes.incomplete);
    expect(status).toBe(3);
    expect(stdout).toContain('[unchecked] sign name and templates');
    expect(stdout.trim().split('\n').at(-1)).toBe('Incomplete: 1 of 4 checks could not be made; the others found no problem. Exit status 3.');
  });

  it('exits 1 when a problem is found, even beside checks it could not make', async () => {
    const { status, stdout } = await run(['doctor', '--json', 'c.json', '--send', '447400123456'], {
      'c.json': JSON.stringify(
        config({
          accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId,
          accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret,
          templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }],
        })
      ),
    });
    expect(status).toBe(exitCodes.problem);
    const report = z
      .object({ ok: z.boolean(), verdict: z.string(), exitStatus: z.number(), findings: z.array(z.object({ status: z.string() })) })
      .parse(JSON.parse(stdout));
    expect(report).toMatchObject({ ok: false, verdict: 'problem', exitStatus: 1 });
    expect(report.findings.map(({ status }) => status)).toEqual(expect.arrayContaining(['unchecked', 'problem']));
  });

  it.each([
    ['before the file', ['doctor', '--json', 'c.json']],
    ['after the file', ['doctor', 'c.json', '--json']],
  ])('prints the same findings as JSON with --json %s', async (_name, argv) => {
    const { status, stdout } = await run(argv, { 'c.json': JSON.stringify(config()) });
    expect(status).toBe(exitCodes.healthy);
    const report = z
      .object({
        ok: z.boolean(),
        verdict: z.string(),
        exitStatus: z.number(),
        findings: z.array(z.object({ check: z.string(), status: z.string(), advice: z.string() })),
      })
      .parse(JSON.parse(stdout));
    expect(report).toMatchObject({ ok: true, verdict: 'healthy', exitStatus: 0 });
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

  it(`takes the secret from ${secretVariable} when the file’s is empty, as the console stores a blank field`, async () => {
    const { status, stdout } = await run(
      ['doctor', 'c.json'],
      { 'c.json': JSON.stringify(config({ accessKeySecret: '' })) },
      { [secretVariable]: DEMO_ACCOUNT.accessKeySecret }
    );
    expect(status).toBe(exitCodes.healthy);
    expect(stdout).toContain('[passed]    credentials');
  });

  it('keeps the file’s secret over the environment’s', async () => {
    const { status } = await run(['doctor', 'c.json'], { 'c.json': JSON.stringify(config()) }, { [secretVariable]: 'wrong' });
    expect(status).toBe(exitCodes.healthy);
  });

  it('sends one test code with --send, as the console would', async () => {
    const { status, stdout } = await run(['doctor', 'c.json', '--send', '8613800138000'], { 'c.json': JSON.stringify(config()) });
    expect(status).toBe(exitCodes.healthy);
    expect(stdout).toContain('[passed]    test send');
    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]?.text).toContain('000000');
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
      expect(stderr).toContain(
        'Exit status: 0 no problem found, 1 a problem found, 2 usage error,\n3 no problem found but some checks could not be made.\n'
      );
      expect(stderr).not.toContain('connector-aliyun-dysms:');
      expect(stdout).toBe('');
    }
    expect(emulator().requests).toEqual([]);
  });

  it('puts the reason for a usage error on its own line before the usage', async () => {
    const { stderr } = await run(['doctor']);
    expect(stderr).toMatch(/^connector-aliyun-dysms: no config file given\n\nUsage: connector-aliyun-dysms doctor /);
    expect(stderr.endsWith('some checks could not be made.\n')).toBe(true);
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
    expect(lines.at(-3)).toBe('[passed]    test send: Aliyun accepted the test code (000000).');
    expect(lines.at(-2)).toMatch(/^\[passed\] +delivery receipt: The message to 138\*+00 \(BizId \d+\^0\) was delivered to the phone at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(Beijing time\)\.$/);
  });

  it('prints the JSON report indented, with the key to fix, and exits 1 on a problem', async () => {
    const { status, stdout } = await run(['doctor', '--json', 'c.json'], { 'c.json': JSON.stringify(config({ signName: 'Logto审核中' })) });
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toMatch(/^\{\n {2}"ok": false,\n {2}"verdict": "problem",\n {2}"exitStatus": 1,\n {2}"findings": \[\n/);
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

// Endpoints that never give an answer to read: each run could check nothing beyond the config.
describe('connector-aliyun-dysms doctor when Aliyun cannot be asked', () => {
  const listen = async (server: Server): Promise<number> =>
    new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const address: AddressInfo | string | null = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  const close = async (server: Server): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => {
        resolve();
      });
    });

  const expectIncomplete = (result: { status: number; stdout: string }, advice: string) => {
    expect(result.status).toBe(exitCodes.incomplete);
    // A busy machine may leave no time for every retry of a refused connection.
    const lines = result.stdout.replace(/\(\d attempts?\)/, '(n attempts)').split('\n');
    expect(lines).toEqual([
      '[passed]    configuration: The configuration is valid.',
      `[unchecked] credentials (endpoint): No answer from Aliyun: ${advice}`,
      'Incomplete: 1 of 2 checks could not be made; the others found no problem. Exit status 3.',
      '',
    ]);
    expect(result.stdout).not.toMatch(/SMS may|SMS was|no SMS/);
  };

  it('exits 3 when the endpoint refuses the connection, saying so of the read call', async () => {
    const server = createServer();
    const port = await listen(server);
    await close(server);
    const result = await run(['doctor', 'c.json'], { 'c.json': JSON.stringify(config({ endpoint: `http://127.0.0.1:${port}` })) });
    expectIncomplete(
      result,
      `127.0.0.1:${port} refused the connection for the GetSmsSign read call (n attempts): check endpoint and any firewall or proxy between Logto and Aliyun.`
    );
  });

  it('exits 3 when the endpoint never answers, with the timeout in whole milliseconds', async () => {
    emulator().injectFault({ kind: 'hang' }, { times: 5 });
    const { port } = new URL(emulator().url);
    const result = await run(['doctor', 'c.json'], { 'c.json': JSON.stringify(config({ timeout: 1000 })) });
    expectIncomplete(
      result,
      `The GetSmsSign read call to 127.0.0.1:${port} timed out after 1000 ms (n attempts): check the network path from Logto to Aliyun, or raise timeout.`
    );
  });

  it('exits 3 when the endpoint answers HTTP 413 with an HTML page, in text and in JSON', async () => {
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(413, { 'content-type': 'text/html' }).end('<html><body><h1>413 Request Entity Too Large</h1></body></html>');
    });
    const port = await listen(server);
    try {
      const file = { 'c.json': JSON.stringify(config({ endpoint: `http://127.0.0.1:${port}` })) };
      const advice =
        'The endpoint answered the GetSmsSign read call with HTTP 413 and a body that is not a JSON Aliyun answer (text/html): check that endpoint points at Aliyun and that no proxy rewrites or redirects its answers.';
      expectIncomplete(await run(['doctor', 'c.json'], file), advice);
      const json = await run(['doctor', '--json', 'c.json'], file);
      expect(json.status).toBe(exitCodes.incomplete);
      expect(JSON.parse(json.stdout)).toEqual({
        ok: false,
        verdict: 'incomplete',
        exitStatus: 3,
        findings: [
          { check: 'configuration', status: 'passed', advice: 'The configuration is valid.' },
          { check: 'credentials', status: 'unchecked', advice: `No answer from Aliyun: ${advice}`, field: 'endpoint' },
        ],
      });
    } finally {
      await close(server);
    }
  });
});
