import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { json, send, signedParams } from './test-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function waitFor(output: () => string, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const match = pattern.exec(output());
      if (match !== null) {
        clearInterval(poll);
        resolve(match);
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`no ${String(pattern)} in:\n${output()}`));
      }
    }, 25);
  });
}

// Runs under tsx, i.e. plain Node ESM, where openapi-util's default export differs from vitest's.
test('the command line serves, logs each verdict and SMS, prints the demo data, and stops on SIGTERM', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
  const tokenFile = join(folder, 'token');
  const args = ['tools/emulator/cli.ts', '--port', '0', '--https', '--https-port', '0', '--ca-file', join(folder, 'ca.pem'), '--oidc-token-file', tokenFile];
  const spawned = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [...args, '--no-rate-limits'], {
    cwd: ROOT,
  });
  child = spawned;
  let output = '';
  spawned.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  spawned.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const [, url = ''] = await waitFor(() => output, /http:\s+(http:\/\/127\.0\.0\.1:\d+\/)/, 15_000);
  expect(output).toContain('LTAI5tDemoEmulatorKey');
  expect(output).toContain('SMS_465000001 (international)');
  expect(output).toContain('rate limits: off');
  expect(output).toContain('LTAI5tDemoSendOnlyKey');
  expect(output).toContain('Logto已驳回 [rejected, SignTag 2, general, 签名与资质信息不一致');
  expect(output).toContain('SMS_465000011 (mainland) [rejected, type 0, zh-CN]');
  expect(output).toContain('速通互联验证码 until 2026-08-31T16:00:00.000Z');
  expect(output).toContain('100003 (重置密码)');
  expect(output).toContain('role     acs:ram::1234567890123456:role/logto-sms → LTAI5tDemoEmulatorKey');
  expect(output).toContain(`ALIBABA_CLOUD_OIDC_TOKEN_FILE=${tokenFile}`);
  expect(readFileSync(tokenFile, 'utf8').split('.')).toHaveLength(3);

  const answer = await send(url, signedParams({ now: new Date() }));
  expect(json(answer)).toMatchObject({ Code: 'OK' });
  await waitFor(() => output, /【阿里云短信测试】您正在使用阿里云短信测试服务，体验验证码是：123456/, 5_000);
  expect(output).toMatch(/#1 POST \/ 200 OK signature ok to 13800138000/);

  const exited = new Promise<number | null>((resolve) => spawned.once('exit', resolve));
  spawned.kill('SIGTERM');
  expect(await exited).toBe(0);
  rmSync(folder, { recursive: true, force: true });
}, 30_000);
