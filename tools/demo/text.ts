import type { RecordedRequest } from '../emulator/index.js';

/** Wraps text in ANSI styles, or leaves it alone when colour is off. */
export interface Painter {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const style =
  (enabled: boolean, open: number, close: number) =>
  (text: string): string =>
    enabled ? `\u001B[${open}m${text}\u001B[${close}m` : text;

/** A painter emitting ANSI codes only when `enabled` (stdout is a TTY and NO_COLOR is unset). */
export function createPainter(enabled: boolean): Painter {
  return {
    bold: style(enabled, 1, 22),
    dim: style(enabled, 2, 22),
    green: style(enabled, 32, 39),
    red: style(enabled, 31, 39),
    cyan: style(enabled, 36, 39),
  };
}

/** Whether the terminal wants colour: a TTY, and NO_COLOR absent or empty (no-color.org). */
export function wantsColor(isTty: boolean | undefined, noColor: string | undefined): boolean {
  return isTty === true && (noColor === undefined || noColor === '');
}

/** A secret shown as its first and last four characters, or only asterisks when that would reveal too much of it. */
export function maskSecret(secret: string): string {
  // Eight revealed characters must stay a small part of the secret, or the mask gives it away.
  return secret.length >= 20 ? `${secret.slice(0, 4)}…${secret.slice(-4)}` : '****';
}

/** Text made into a single line: a failure must fit on one line of the terminal. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const signingFields = ['SignatureNonce', 'Timestamp', 'Signature'] as const;

/** The form fields shown for each send API's signed request, in the order a reader follows them. */
export const shownRequestFields = {
  SendSms: [['Action', 'AccessKeyId', 'PhoneNumbers', 'SignName'], ['TemplateCode', 'TemplateParam'], signingFields],
  SendSmsVerifyCode: [
    ['Action', 'AccessKeyId', 'PhoneNumber', 'CountryCode', 'SignName'],
    ['TemplateCode', 'TemplateParam'],
    signingFields,
  ],
  SendMessageToGlobe: [['Action', 'Version', 'AccessKeyId', 'To', 'From', 'Type'], ['Message'], signingFields],
} as const;

/** The rows of fields shown for a request: its own API's, or SendSms's for any other Action. */
export function shownFieldsOf(action: string | undefined): readonly (readonly string[])[] {
  if (action === 'SendMessageToGlobe') return shownRequestFields.SendMessageToGlobe;
  return action === 'SendSmsVerifyCode' ? shownRequestFields.SendSmsVerifyCode : shownRequestFields.SendSms;
}

/** The signed request as the emulator received it, a few fields per line (the secret never travels, so none is shown). */
export function requestFieldLines(record: Pick<RecordedRequest, 'method' | 'params'>): string[] {
  return shownFieldsOf(record.params.Action).map((names, index) => {
    const fields = names.map((name) => `${name}=${record.params[name] ?? '(missing)'}`).join('  ');
    return index === 0 ? `${record.method}  ${fields}` : fields;
  });
}

/** Text broken at spaces into lines of at most `width` characters (a longer word keeps a line of its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of oneLine(text).split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  return current === '' ? lines : [...lines, current];
}

/** Several lines under one label, the label column padded (before painting, so ANSI codes do not skew it) so values line up. */
export function labelled(
  label: string,
  lines: readonly string[],
  paintLabel: (text: string) => string = (text) => text,
  width = 11
): string[] {
  const padding = ' '.repeat(width);
  return lines.map((line, index) => `   ${index === 0 ? paintLabel(label.padEnd(width)) : padding}${line}`);
}
