import { randomInt } from 'node:crypto';

import { TemplateType, type SmsConnector } from '@logto/connector-kit';

import {
  DEMO_ACCOUNT,
  formatSms,
  startEmulator,
  type AcceptedMessage,
  type Emulator,
  type Fault,
  type RecordedRequest,
  type TemplateKind,
} from '../emulator/index.js';
import { createLogtoHostFolder, type LogtoHostFolder } from '../logto-host.js';
import { buildSmsConnector, loadAsLogtoDoes, type LoadedConnector } from './load.js';
import { redact } from '../../src/redact.js';
import { createPainter, labelled, maskSecret, oneLine, requestFieldLines, type Painter } from './text.js';

/** How to run the demo. */
export interface DemoOptions {
  /** Receives each output line, without its newline. */
  readonly write: (line: string) => void;
  /** ANSI colours; default off. */
  readonly color?: boolean;
  /** Emulator faults applied to every request: shows (and tests) how a rejected send is reported. */
  readonly faults?: readonly Fault[];
}

/** What happened to one send. */
export interface SendReport {
  readonly label: string;
  readonly to: string;
  readonly usageType: TemplateType;
  readonly code: string;
  /** The form fields of the last request the emulator received for this send, if any. */
  readonly request: Readonly<Record<string, string>> | undefined;
  /** The emulator's Code for that request (`OK` when accepted). */
  readonly verdictCode: string | undefined;
  readonly signatureVerified: boolean;
  /** The SMS as the phone would show it, when one was accepted. */
  readonly sms: string | undefined;
  /** The ids the connector asked getConfig for (empty for the test button: config passed inline). */
  readonly configRequestedFor: readonly string[];
}

/** The outcome of a run. */
export interface DemoSummary {
  readonly ok: boolean;
  /** One line saying what went wrong; undefined when ok. */
  readonly failure: string | undefined;
  readonly emulatorUrl: string | undefined;
  /** The temporary Logto instance folder (removed by the time the summary is returned). */
  readonly hostRoot: string | undefined;
  readonly connector: { readonly id: string; readonly name: string; readonly packageName: string } | undefined;
  readonly sends: readonly SendReport[];
}

/** Logto stores numbers as E.164 without the plus. */
const mainlandNumber = '8613800138000';
const hongKongNumber = '85261234567';

const signatureVerdict = "signature verified with Alibaba's SDK (@alicloud/openapi-util)";

function templateOfKind(kind: TemplateKind): string {
  const template = DEMO_ACCOUNT.templates.find((candidate) => candidate.kind === kind);
  if (template === undefined) {
    throw new Error(`the emulator's demo account has no ${kind} template`);
  }
  return template.code;
}

function demoConfig(endpoint: string) {
  const signName = DEMO_ACCOUNT.signNames[0];
  if (signName === undefined) {
    throw new Error("the emulator's demo account has no sign name");
  }
  const china = templateOfKind('mainland');
  const overseas = templateOfKind('international');
  return {
    accessKeyId: DEMO_ACCOUNT.accessKeyId,
    accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
    signName,
    templates: [
      { usageType: TemplateType.Generic, templateCode: china },
      { usageType: TemplateType.SignIn, templateCode: { china, overseas } },
    ],
    // http:// is accepted for loopback only; nothing leaves the machine.
    endpoint,
  };
}

type DemoConfig = ReturnType<typeof demoConfig>;

function describeTemplates(config: DemoConfig): string {
  return config.templates
    .map(({ usageType, templateCode }) =>
      typeof templateCode === 'string'
        ? `${usageType} → ${templateCode}`
        : `${usageType} → { china: ${templateCode.china}, overseas: ${templateCode.overseas} }`
    )
    .join('; ');
}

function connectorErrorText(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  // The host's ConnectorError (another copy of the class than ours) carries a string code.
  const code: unknown = 'code' in error ? error.code : undefined;
  return oneLine(typeof code === 'string' ? `${code}: ${error.message}` : error.message);
}

function describeAttempt(record: RecordedRequest): string {
  if (!record.answered) {
    return `no answer (fault ${record.fault?.kind ?? 'unknown'})`;
  }
  return `${record.verdict.httpStatus} ${record.verdict.code}`;
}

function failureOf(label: string, last: RecordedRequest | undefined, error: unknown): string {
  if (last === undefined) {
    return `${label}: the connector refused to send, no request reached the emulator: ${connectorErrorText(error)}`;
  }
  if (last.verdict.code !== 'OK' && last.answered) {
    return `${label}: the emulator rejected the request with ${last.verdict.code} (HTTP ${last.verdict.httpStatus}): ${oneLine(last.verdict.message)}`;
  }
  return `${label}: the connector failed (${describeAttempt(last)}): ${connectorErrorText(error)}`;
}

interface SendPlan {
  readonly label: string;
  readonly heading: (configRequestedFor: readonly string[]) => string;
  readonly to: string;
  readonly usageType: TemplateType;
  readonly code: string;
  readonly connector: SmsConnector;
  readonly inlineConfig: DemoConfig | undefined;
  readonly configRequestedFor: readonly string[];
}

function phoneLine(message: AcceptedMessage): string {
  return `${message.e164} (${message.region}) shows  ${formatSms(message)}`;
}

async function send(plan: SendPlan, emulator: Emulator, write: (line: string) => void, paint: Painter): Promise<SendReport> {
  const firstRequest = emulator.requests.length;
  const firstMessage = emulator.messages.length;
  let thrown: { readonly error: unknown } | undefined;
  try {
    await plan.connector.sendMessage({ to: plan.to, type: plan.usageType, payload: { code: plan.code } }, plan.inlineConfig);
  } catch (error: unknown) {
    thrown = { error };
  }
  const attempts = emulator.requests.slice(firstRequest);
  const last = attempts.at(-1);
  const message = emulator.messages.slice(firstMessage).find((candidate) => candidate.requestId === last?.requestId);

  write('');
  write(paint.bold(plan.heading(plan.configRequestedFor)));
  for (const [index, attempt] of attempts.slice(0, -1).entries()) {
    for (const line of labelled(`attempt ${index + 1}`, [`${describeAttempt(attempt)}, retried by the connector`], paint.dim)) {
      write(line);
    }
  }
  if (last !== undefined) {
    for (const line of labelled('request', requestFieldLines(last), paint.dim)) write(line);
    const accepted = last.answered && last.verdict.code === 'OK';
    const outcome = accepted ? paint.green(describeAttempt(last)) : paint.red(describeAttempt(last));
    const signature = last.verdict.signatureVerified ? signatureVerdict : paint.red('signature NOT verified');
    const ids = accepted && message !== undefined ? `; BizId ${message.bizId}` : '';
    for (const line of labelled('verdict', [`${outcome}: ${signature}${ids}`], paint.dim)) write(line);
  }
  if (message !== undefined) {
    for (const line of labelled('phone', [phoneLine(message)], paint.dim)) write(line);
  }

  if (thrown !== undefined) {
    throw new Error(failureOf(plan.label, last, thrown.error));
  }
  if (message === undefined) {
    throw new Error(`${plan.label}: the connector reported success but the emulator accepted no SMS`);
  }
  return {
    label: plan.label,
    to: plan.to,
    usageType: plan.usageType,
    code: plan.code,
    request: last?.params,
    verdictCode: last?.verdict.code,
    signatureVerified: last?.verdict.signatureVerified ?? false,
    sms: formatSms(message),
    configRequestedFor: plan.configRequestedFor,
  };
}

function writeIntro(
  write: (line: string) => void,
  paint: Painter,
  emulator: Emulator,
  loaded: LoadedConnector,
  config: DemoConfig
): void {
  const { metadata, type } = loaded.factory;
  for (const line of labelled(
    'emulator',
    [`${emulator.url}  Aliyun-compatible SendSms (Dysmsapi 2017-05-25), loopback only`],
    paint.cyan
  )) {
    write(line);
  }
  for (const line of labelled(
    'connector',
    [
      `${loaded.packageName}, packed with npm pack into a temporary Logto folder: ${loaded.directory}`,
      `loaded by @logto/cli ${loaded.cliVersion}'s loader against connector-kit ${loaded.hostKitVersion}: id "${metadata.id}", name "${metadata.name.en}", type ${type}`,
      `metadata after parseMetadata passes @logto/schemas' connectorFactoryResponseGuard${loaded.logoInlined ? ' (logo inlined as a data URI)' : ''}`,
    ],
    paint.cyan
  )) {
    write(line);
  }
  for (const line of labelled(
    'config',
    [
      `accessKeyId ${config.accessKeyId}, accessKeySecret ${maskSecret(config.accessKeySecret)}, signName ${config.signName}, endpoint ${config.endpoint}`,
      `templates: ${describeTemplates(config)}`,
    ],
    paint.cyan
  )) {
    write(line);
  }
}

async function demonstrate(
  emulator: Emulator,
  host: LogtoHostFolder,
  write: (line: string) => void,
  paint: Painter,
  sends: SendReport[]
): Promise<LoadedConnector> {
  const loaded = await loadAsLogtoDoes(host);
  const config = demoConfig(emulator.url);
  writeIntro(write, paint, emulator, loaded, config);

  // The console's "Send" button: Logto builds the connector without getConfig and passes the form's config inline.
  sends.push(
    await send(
      {
        label: 'test button send',
        heading: () =>
          `1. Console "Send" test button: Generic to ${mainlandNumber}, code 000000, config passed inline (getConfig unavailable)`,
        to: mainlandNumber,
        usageType: TemplateType.Generic,
        code: '000000',
        connector: await buildSmsConnector(loaded.factory),
        inlineConfig: config,
        configRequestedFor: [],
      },
      emulator,
      write,
      paint
    )
  );

  // A runtime send: Logto reads the saved config through getConfig(metadata.id).
  const configRequestedFor: string[] = [];
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  sends.push(
    await send(
      {
        label: 'sign-in send',
        heading: (ids) =>
          `2. Sign-in: SignIn to ${hongKongNumber}, code ${code}, stored config from getConfig(${ids.map((id) => JSON.stringify(id)).join(', ')}): the overseas template for a non-mainland number`,
        to: hongKongNumber,
        usageType: TemplateType.SignIn,
        code,
        connector: await buildSmsConnector(loaded.factory, (id) => {
          configRequestedFor.push(id);
          return Promise.resolve(config);
        }),
        inlineConfig: undefined,
        configRequestedFor,
      },
      emulator,
      write,
      paint
    )
  );
  return loaded;
}

/** Runs the demo: emulator, packed connector loaded as Logto loads it, a test-button send and a sign-in send; always cleans up. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const paint = createPainter(options.color ?? false);
  // The secret is never in a request, but an error message could still quote the config.
  const write = (line: string): void => {
    options.write(redact(line, [DEMO_ACCOUNT.accessKeySecret]));
  };
  const sends: SendReport[] = [];
  let emulator: Emulator | undefined;
  let host: LogtoHostFolder | undefined;
  let loaded: LoadedConnector | undefined;
  let failure: string | undefined;
  // A signal ending the process skips `finally`; the temporary folder must still go.
  const removeHostOnExit = (): void => {
    host?.remove();
  };
  process.on('exit', removeHostOnExit);

  write(paint.bold('Aliyun SMS connector for Logto: demo against a local Aliyun-compatible server (no account, no network)'));
  try {
    // The host folder first: a missing build is the likeliest failure and needs no server.
    host = createLogtoHostFolder();
    emulator = await startEmulator({ host: '127.0.0.1', port: 0, faults: options.faults });
    loaded = await demonstrate(emulator, host, write, paint, sends);
  } catch (error: unknown) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    const problems: string[] = [];
    try {
      await emulator?.close();
    } catch (error: unknown) {
      problems.push(`closing the emulator failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      host?.remove();
    } catch (error: unknown) {
      problems.push(`removing ${host?.root ?? 'the host folder'} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.off('exit', removeHostOnExit);
    if (problems.length > 0) {
      failure = [failure, ...problems].filter((part) => part !== undefined).join('; ');
    }
  }

  if (failure === undefined) {
    const verified = sends.filter((report) => report.signatureVerified).length;
    write('');
    write(
      paint.green(
        `Done: ${sends.length} sends accepted, ${verified} signatures verified by Alibaba's SDK; emulator closed, temporary Logto folder removed.`
      )
    );
  }
  return {
    ok: failure === undefined,
    failure: failure === undefined ? undefined : redact(oneLine(failure), [DEMO_ACCOUNT.accessKeySecret]),
    emulatorUrl: emulator?.url,
    hostRoot: host?.root,
    connector:
      loaded === undefined
        ? undefined
        : { id: loaded.factory.metadata.id, name: loaded.factory.metadata.name.en, packageName: loaded.packageName },
    sends,
  };
}
