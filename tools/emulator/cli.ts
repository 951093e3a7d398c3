// Command line: `npm run emulator -- [--port N] [--https] [--https-port N] [--no-rate-limits] [--fault SPEC]... [--receipt SPEC]...`
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultSpec } from './faults.js';
import { parseReceiptSpec } from './receipts.js';
import { banner } from './banner.js';
import { describeRequest, formatSms, startEmulator } from './index.js';

const USAGE = `Usage: npm run emulator -- [options]

  --host HOST          interface to listen on (default 127.0.0.1)
  --port N             HTTP port (default 8787; 0 picks a free one)
  --https              also listen with TLS on a self-signed certificate
  --https-port N       HTTPS port (default 8788)
  --ca-file PATH       where to write the certificate for clients (default: in the temp dir)
  --oidc-token-file PATH  where to write a demo OIDC token with --https (default: in the temp dir)
  --no-rate-limits     do not enforce the per-number limits (SendSms and SendSmsVerifyCode)
  --fault SPEC         apply to every request; repeatable. SPEC is one of
                       delay:MS hang reset-before-body reset-after-body
                       http-status:500|503 garbage echo aliyun-code:CODE[:STATUS]
  --receipt SPEC       what the carrier reports to QuerySendDetails for a number; repeatable.
                       SPEC is NUMBER=delivered[:MS], NUMBER=failed:CODE[@MS] or NUMBER=never
                       (NUMBER as sent to Aliyun, or E.164 with +); others: delivered at once
  --help               this text`;

function port(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`not a port: ${text}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      https: { type: 'boolean' },
      'https-port': { type: 'string' },
      'ca-file': { type: 'string' },
      'oidc-token-file': { type: 'string' },
      'no-rate-limits': { type: 'boolean' },
      fault: { type: 'string', multiple: true },
      receipt: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const faultSpecs = values.fault ?? [];
  // Parsed before the server starts, so a mistyped choice fails at once.
  const receipts = (values.receipt ?? []).map(parseReceiptSpec);
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
      console.log(`    SMS to ${message.phoneNumber} via ${message.api} (BizId ${message.bizId}):\n    ${formatSms(message)}`);
    },
  });
  for (const { phoneNumber, outcome } of receipts) emulator.chooseReceipt(phoneNumber, outcome);
  let caFile: string | undefined;
  let oidcTokenFile: string | undefined;
  if (emulator.ca !== undefined) {
    caFile = values['ca-file'] ?? join(tmpdir(), 'aliyun-sms-emulator-ca.pem');
    writeFileSync(caFile, emulator.ca);
    const provider = emulator.oidc.providers[0];
    if (provider !== undefined) {
      // A day, on the emulator clock: long enough for a demo session, short enough to show expiry is real.
      oidcTokenFile = values['oidc-token-file'] ?? join(tmpdir(), 'aliyun-sms-emulator-oidc-token');
      writeFileSync(oidcTokenFile, emulator.issueOidcToken({ providerArn: provider.arn, lifetimeSeconds: 86_400 }));
    }
  }
  console.log(banner(emulator, { caFile, oidcTokenFile, rateLimits, faults: faultSpecs }));

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
