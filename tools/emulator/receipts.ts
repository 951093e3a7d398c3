import type { AcceptedMessage } from './records.js';

/**
 * What the carrier reports for a message: delivered or failed after `afterMs` (default 0), or
 * never (the receipt stays at "waiting" for good, as Aliyun shows a message no carrier answered).
 */
export type ReceiptOutcome =
  | { readonly kind: 'delivered'; readonly afterMs?: number }
  | { readonly kind: 'failed'; readonly code: string; readonly afterMs?: number }
  | { readonly kind: 'never' };

/** QuerySendDetails' SendStatus: 1 waiting for the receipt, 2 failed, 3 delivered. */
export type SendStatus = 1 | 2 | 3;

/** A message's receipt as QuerySendDetails reports it at one moment. */
export interface ReceiptReading {
  readonly sendStatus: SendStatus;
  /** `DELIVRD`, the carrier's code, or empty while waiting. */
  readonly errCode: string;
  /** When the receipt came; undefined while waiting. */
  readonly receivedAt: Date | undefined;
}

/** Most real receipts for mainland numbers arrive within seconds: a default of "delivered at once" keeps tests quick. */
export const DEFAULT_RECEIPT: ReceiptOutcome = { kind: 'delivered' };

/** The receipt outcomes a test or the demo chose, per number (as sent, or E.164). */
export class ReceiptBook {
  private readonly chosen = new Map<string, ReceiptOutcome>();

  constructor(private readonly fallback: ReceiptOutcome = DEFAULT_RECEIPT) {}

  /** Chooses what the carrier reports for messages to `phoneNumber` accepted from now on, and for those already accepted. */
  choose(phoneNumber: string, outcome: ReceiptOutcome): void {
    this.chosen.set(phoneNumber, outcome);
  }

  /** Forgets every choice. */
  clear(): void {
    this.chosen.clear();
  }

  /** The outcome for a message: the choice for its number as sent, else for its E.164 form, else the default. */
  outcomeOf(message: AcceptedMessage): ReceiptOutcome {
    return this.chosen.get(message.phoneNumber) ?? this.chosen.get(message.e164) ?? this.fallback;
  }

  /** The receipt of a message as it stands at `now`. */
  read(message: AcceptedMessage, now: Date): ReceiptReading {
    const outcome = this.outcomeOf(message);
    if (outcome.kind === 'never') return { sendStatus: 1, errCode: '', receivedAt: undefined };
    const receivedAt = new Date(message.acceptedAt.getTime() + (outcome.afterMs ?? 0));
    if (now.getTime() < receivedAt.getTime()) return { sendStatus: 1, errCode: '', receivedAt: undefined };
    return outcome.kind === 'delivered'
      ? { sendStatus: 3, errCode: 'DELIVRD', receivedAt }
      : { sendStatus: 2, errCode: outcome.code, receivedAt };
  }
}

/** A receipt choice from the command line: `NUMBER=delivered[:MS]`, `NUMBER=failed:CODE[@MS]` or `NUMBER=never`. */
export function parseReceiptSpec(spec: string): { readonly phoneNumber: string; readonly outcome: ReceiptOutcome } {
  const match = /^(\+?\d{5,15})=(.+)$/.exec(spec);
  if (match === null) throw new Error(`not a receipt choice (NUMBER=delivered[:MS] | failed:CODE[@MS] | never): ${spec}`);
  const [, phoneNumber = '', rest = ''] = match;
  const delay = (text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new Error(`not a delay in ms: ${text}`);
    return Number(text);
  };
  if (rest === 'never') return { phoneNumber, outcome: { kind: 'never' } };
  const delivered = /^delivered(?::(\d+))?$/.exec(rest);
  if (delivered !== null) return { phoneNumber, outcome: { kind: 'delivered', afterMs: delay(delivered[1]) } };
  // Carrier codes contain colons themselves (MK:0001), so the delay follows an @.
  const failed = /^failed:(.+?)(?:@(\d+))?$/.exec(rest);
  if (failed !== null && failed[1] !== undefined) return { phoneNumber, outcome: { kind: 'failed', code: failed[1], afterMs: delay(failed[2]) } };
  throw new Error(`not a receipt outcome (delivered[:MS] | failed:CODE[@MS] | never): ${rest}`);
}
