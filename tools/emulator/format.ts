import type { AcceptedMessage, RecordedRequest } from './records.js';

/** The SMS as the phone shows it: Aliyun puts the sign name in 【】 before the text. */
export function formatSms(message: Pick<AcceptedMessage, 'signName' | 'text'> & { readonly api?: AcceptedMessage['api'] }): string {
  // SendMessageToGlobe's text is the whole SMS; its From (sender ID) is shown as the sender, not in 【】.
  if (message.api === 'SendMessageToGlobe') return `${message.signName === '' ? '' : `(from ${message.signName}) `}${message.text}`;
  return `【${message.signName}】${message.text}`;
}

function describeOutcome(record: RecordedRequest): string {
  if (record.answered) return `${record.verdict.httpStatus} ${record.verdict.code}`;
  if (record.fault?.kind === 'reset-after-body') return `connection reset after processing (would have been ${record.verdict.httpStatus} ${record.verdict.code})`;
  return record.fault?.kind === 'hang' ? 'hanging (no answer)' : 'connection reset before the body (not processed)';
}

/** One log line for a judged request, for the command line. */
export function describeRequest(record: RecordedRequest): string {
  const phone = record.params.PhoneNumbers ?? record.params.PhoneNumber ?? record.params.To;
  const parts = [
    record.receivedAt.toISOString(),
    `#${record.seq}`,
    record.method,
    record.path,
    describeOutcome(record),
    record.verdict.signatureVerified ? 'signature ok' : 'signature not verified',
  ];
  if (phone !== undefined) parts.push(`to ${phone}`);
  if (record.action !== undefined) parts.push(`[${record.action}, signature ${record.signatureVersion.toUpperCase()}]`);
  if (record.fault !== undefined) parts.push(`[fault ${record.fault.kind}]`);
  if (record.delayMs > 0) parts.push(`[delayed ${record.delayMs} ms]`);
  const message = record.verdict.code === 'OK' ? '' : `\n    ${record.verdict.message}`;
  return parts.join(' ') + message;
}
