// Aliyun files a message under its send date in Beijing time (UTC+8), whatever the server's
// zone. Near midnight the date Aliyun chose may differ from ours by a clock's skew, so every
// date the send could have happened on is asked.

const beijingOffsetMs = 8 * 3_600_000;

/** How far Aliyun's clock may plausibly be from ours when it stamps the send. */
export const sendDateMarginMs = 2 * 60_000;

/** `yyyyMMdd` of a moment in Beijing time: QuerySendDetails' SendDate. */
export const beijingDate = (moment: Date): string =>
  new Date(moment.getTime() + beijingOffsetMs).toISOString().slice(0, 10).replaceAll('-', '');

/**
 * The Beijing dates a message sent at `sentAt` may be filed under, as seen at `now`: one date
 * most of the time, both around midnight; the send's own date first.
 */
export const sendDatesOf = (sentAt: Date, now: Date): string[] => {
  const earliest = sentAt.getTime() - sendDateMarginMs;
  const latest = Math.max(now.getTime(), sentAt.getTime()) + sendDateMarginMs;
  return [...new Set([beijingDate(new Date(earliest)), beijingDate(sentAt), beijingDate(new Date(latest))])].sort();
};
