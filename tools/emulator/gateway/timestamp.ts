import { refuse, type Verdict } from '../verdict.js';

/** How far a request's Timestamp (V1) or x-acs-date (V3) may be from the server's clock, either way. */
export const TIMESTAMP_WINDOW_MS = 15 * 60_000;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Milliseconds since the epoch of a `yyyy-MM-ddTHH:mm:ssZ` timestamp, or undefined if malformed. */
export function parseTimestamp(value: string): number | undefined {
  if (!TIMESTAMP.test(value)) return undefined;
  const ms = Date.parse(value);
  // Date.parse rolls impossible dates over (2025-02-30): a round trip catches them.
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== value.replace('Z', '.000Z')) return undefined;
  return ms;
}

/** Aliyun's refusal of a malformed timestamp or one outside the window, if any. */
export function checkTimestamp(value: string, now: Date): Verdict | undefined {
  const timestamp = parseTimestamp(value);
  if (timestamp === undefined) return refuse('InvalidTimeStamp.Format', 400, 'Specified time stamp or date value is not well formatted.');
  if (Math.abs(now.getTime() - timestamp) > TIMESTAMP_WINDOW_MS) return refuse('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.');
  return undefined;
}
