// Command line: `npm run emulator -- [--port N] [--https] [--https-port N] [--no-rate-limits] [--fault SPEC]...`
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultSpec } from './faults.js';
import { describeRequest, formatSms, startEmulator, type Emulator } from './index.js';

const USAGE = `Usage: npm run emulator -- [options]

  --host HOST          interface to listen on (default 127.0.0.1)
  --port N             HTTP port (default 8787; 0 picks a free one)
  --https              also listen with TLS on a self-signed certificate
  --https-port N       HTTPS port (default 8788)
  --ca-file PATH       where to write the certificate for clients (default: in the temp dir)
  --no-rate-limits     do not enforce 1/min, 5/h, 10/day per number
  --fault SPEC         apply to every request; repeatable. SPEC is one of
                       delay:MS hang reset-before-body reset-after-body
                       http-status:500|503 garbage aliyun-code:CODE[:STATUS]
  --help               this text`;

function port(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`not a port: ${text}`);
  return value;
}

function banner(emulator: Emulator, caFile: string | undefined, rateLimits: boolean, faults: readonly string[]): string {
  const lines = ['Aliyun SMS emulator (Dysmsapi 2017-05-25, SendSms, signature 1.0)', `  http:  ${emulator.url}`];
  if (emulator.httpsUrl !== undefined) {
    lines.push(`  https: ${emulator.httpsUrl}`, `         self-signed; trust it with NODE_EXTRA_CA_CERTS=${caFile ?? '(not written)'}`);
  }
  lines.push(`  rate limits: ${rateLimits ? '1/minute, 5/hour, 10/day per number and sign name' : 'off'}`);
  if (faults.length > 0) lines.push(`  faults on every request: ${faults.join(', ')}`);
  for (const account of emulator.accounts) {
    lines.push('', `  AccessKeyId:     ${account.accessKeyId}`, `  AccessKeySecret: ${account.accessKeySecret}`, '  sign names:');
    for (const name of account.signNames) lines.push(`    ${name}`);
    lines.push('  templates:');
    for (const template of account.templates) lines.push(`    ${template.code} (${template.kind}): ${template.content}`);
  }
  lines.push('', 'Ctrl+C stops.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      https: { type: 'boolean' },
      'https-port': { type: 'string' },
      'ca-file': { type: 'string' },
      'no-rate-limits': { type: 'boolean' },
      fault: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const faultSpecs = values.fault ?? [];
  const rateLimits = values['no-rate-limits'] !== true;
  const emulator = await startEmulator({
    host: values.host,
    port: port(values.port, 8787),
    https: values.https === true,
    httpsPort: port(values['https-port'], 8788),
    rateLimits,
    faults: faultSpecs.map(parseFaultSpec),
    onRequest: (request) => {
      console.log(describeRequest(request));
    },
    onMessage: (message) => {
      console.log(`    SMS to ${message.phoneNumber} (BizId ${message.bizId}):\n    ${formatSms(message)}`);
    },
  });
  let caFile: string | undefined;
  if (emulator.ca !== undefined) {
    caFile = values['ca-file'] ?? join(tmpdir(), 'aliyun-sms-emulator-ca.pem');
    writeFileSync(caFile, emulator.ca);
  }
  console.log(banner(emulator, caFile, rateLimits, faultSpecs));

  const stop = (signal: string): void => {
    console.log(`\n${signal}: closing.`);
    emulator.close().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(`\n${USAGE}`);
  process.exitCode = 1;
});
