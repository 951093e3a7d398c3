// The demo: a local Aliyun-compatible server, the packed connector loaded as Logto loads it, then
// sends, the config doctor and a refused test-button send, each shown as it really happened.
import { DEMO_ACCOUNT, startEmulator, type Emulator, type Fault, type GiftSign } from '../emulator/index.js';
import { createLogtoHostFolder, type LogtoHostFolder } from '../logto-host.js';
import { redact } from '../../src/redact.js';
import { describeTemplates, misconfiguredConfig, storedConfig, templateUnderReview, type DemoConfig } from './configs.js';
import { showDoctor, showRefusedTestButton, type DoctorReports, type RefusalReport } from './doctor-sections.js';
import { loadAsLogtoDoes, type LoadedConnector } from './load.js';
import { showReceipts, type ReceiptReports } from './receipt-sections.js';
import type { SendReport, Write } from './send.js';
import {
  showInternationalSite,
  showMessageAuthService,
  showPerLanguage,
  showSignIn,
  showTestButton,
  type DemoContext,
} from './send-sections.js';
import { createPainter, labelled, maskSecret, oneLine, type Painter } from './text.js';

export type { SendReport } from './send.js';

/** How to run the demo. */
export interface DemoOptions {
  /** Receives each output line, without its newline. */
  readonly write: (line: string) => void;
  /** ANSI colours; default off. */
  readonly color?: boolean;
  /** Emulator faults applied to every request: shows (and tests) how a rejected send is reported. */
  readonly faults?: readonly Fault[];
  /** The emulator's gift signs (default: its 2026 rotation): shows (and tests) a failure midway. */
  readonly giftSigns?: readonly GiftSign[];
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
  /** The accepted sends, in order: test button, sign-in, SMS authentication service, per-language, international site. */
  readonly sends: readonly SendReport[];
  /** The locale of the template entry the per-language send used. */
  readonly chosenLocale: string | undefined;
  readonly doctor: DoctorReports | undefined;
  readonly refusal: RefusalReport | undefined;
  /** The console's Sends followed to the phone: one delivered, one blocked by the carrier. */
  readonly receipts: ReceiptReports | undefined;
}

/** What the sections produced, filled in as they run so a failure still reports the earlier ones. */
interface Progress {
  loaded?: LoadedConnector;
  sends: SendReport[];
  chosenLocale?: string;
  doctor?: DoctorReports;
  refusal?: RefusalReport;
  receipts?: ReceiptReports;
}

function writeIntro(write: Write, paint: Painter, emulator: Emulator, loaded: LoadedConnector, config: DemoConfig): void {
  const { metadata, type } = loaded.factory;
  const sections: Array<[string, string[]]> = [
    ['emulator', [`${emulator.url}  Aliyun-compatible Dysmsapi and Dypnsapi (SendSms, QuerySendDetails, SendSmsVerifyCode, GetSmsSign, GetSmsTemplate), loopback only`]],
    [
      'connector',
      [
        `${loaded.packageName}, packed with npm pack into a temporary Logto folder: ${loaded.directory}`,
        `loaded by @logto/cli ${loaded.cliVersion}'s loader against connector-kit ${loaded.hostKitVersion}: id "${metadata.id}", name "${metadata.name.en}", type ${type}`,
        `metadata after parseMetadata passes @logto/schemas' connectorFactoryResponseGuard${loaded.logoInlined ? ' (logo inlined as a data URI)' : ''}`,
      ],
    ],
    [
      'config',
      [
        `accessKeyId ${config.accessKeyId ?? '(none)'}, accessKeySecret ${maskSecret(config.accessKeySecret ?? '')}, signName ${config.signName}, endpoint ${config.endpoint ?? '(default)'}`,
        `templates: ${describeTemplates(config)}`,
      ],
    ],
  ];
  for (const [label, lines] of sections) {
    for (const line of labelled(label, lines, paint.cyan)) write(line);
  }
}

async function demonstrate(emulator: Emulator, host: LogtoHostFolder, write: Write, paint: Painter, progress: Progress): Promise<void> {
  const loaded = await loadAsLogtoDoes(host);
  progress.loaded = loaded;
  const stored = storedConfig(emulator.url);
  writeIntro(write, paint, emulator, loaded, stored);
  const context: DemoContext = { emulator, loaded, write, paint };

  progress.sends.push(await showTestButton(context, stored));
  progress.sends.push(await showSignIn(context, stored));
  progress.sends.push(await showMessageAuthService(context));
  const perLanguage = await showPerLanguage(context);
  progress.sends.push(perLanguage.send);
  progress.chosenLocale = perLanguage.chosenLocale;

  const misconfigured = misconfiguredConfig(emulator.url);
  const doctor = await showDoctor(context, host, { stored, misconfigured, underReview: templateUnderReview() });
  progress.doctor = doctor;
  progress.refusal = await showRefusedTestButton(context, misconfigured, doctor.problem);
  progress.sends.push(await showInternationalSite(context));
  progress.receipts = await showReceipts(context, stored);
}

function doneLine(progress: Progress): string {
  const verified = progress.sends.filter((report) => report.signatureVerified).length;
  return [
    `Done: ${progress.sends.length} sends accepted, ${verified} signatures verified by Alibaba's SDK`,
    "the doctor found the template under review and passed the stored config",
    "the console's toast carried its finding",
    "the console's Send saw one message delivered and explained one the carrier blocked",
    'emulator closed, temporary Logto folder removed.',
  ].join('; ');
}

/** Runs the demo: emulator, packed connector loaded as Logto loads it, five sends (the fifth through the international site), the doctor twice, a refused test button; always cleans up. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const paint = createPainter(options.color ?? false);
  // The secret is never in a request, but an error message could still quote the config.
  const write = (line: string): void => {
    options.write(redact(line, [DEMO_ACCOUNT.accessKeySecret]));
  };
  const progress: Progress = { sends: [] };
  let emulator: Emulator | undefined;
  let host: LogtoHostFolder | undefined;
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
    emulator = await startEmulator({ host: '127.0.0.1', port: 0, faults: options.faults, giftSigns: options.giftSigns });
    await demonstrate(emulator, host, write, paint, progress);
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
    write('');
    write(paint.green(doneLine(progress)));
  }
  return {
    ok: failure === undefined,
    failure: failure === undefined ? undefined : redact(oneLine(failure), [DEMO_ACCOUNT.accessKeySecret]),
    emulatorUrl: emulator?.url,
    hostRoot: host?.root,
    connector:
      progress.loaded === undefined
        ? undefined
        : {
            id: progress.loaded.factory.metadata.id,
            name: progress.loaded.factory.metadata.name.en,
            packageName: progress.loaded.packageName,
          },
    sends: progress.sends,
    chosenLocale: progress.chosenLocale,
    doctor: progress.doctor,
    refusal: progress.refusal,
    receipts: progress.receipts,
  };
}
