// The throughput targets, judged from the median ratios of ours over each reference. The floor
// is got+phone (bare got plus the mobile-number check): a connector that refuses numbers that
// cannot receive an SMS cannot skip that check. p99 stays against bare got, whose latency the
// check barely moves; bare got's other ratios are printed for information only.

/** Ours over one reference at one level: medians of the round-by-round ratios. */
export type Ratios = { sendsPerSecond: number; cpuMicrosPerSend: number; p99Ms: number };

/** The references the targets name. */
export type Reference = 'bare-got' | 'got+phone' | 'official';

/** One level of sends in flight, with ours' ratios over each reference. */
export type Level = { concurrency: number; versus: Readonly<Record<Reference, Ratios>> };

/** One printed line of the targets: judged (pass or FAIL), or shown for information. */
export type TargetLine = { label: string; actual: string; verdict: 'pass' | 'FAIL' | 'info' };

/** The bounds, as the README quotes them. */
export const bounds = {
  /** Ours' sends/s at least this times got+phone's. */
  sendsPerSecondVersusGotPhone: 0.9,
  /** Ours' CPU per send at most this times got+phone's. */
  cpuVersusGotPhone: 1.1,
  /** Ours' p99 at most this times bare got's. */
  p99VersusBareGot: 1.2,
} as const;

const times = (ratio: number): string =>
  `${ratio.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}×`;

// NaN (a level not measured) fails every comparison, so it can never pass.
const judged = (label: string, ratio: number, pass: boolean): TargetLine => ({ label, actual: times(ratio), verdict: pass ? 'pass' : 'FAIL' });

/** The throughput target lines of every level: got+phone's floor, bare got's p99, ahead of the official connector, bare got for information. */
export const throughputTargets = (levels: readonly Level[]): TargetLine[] =>
  levels.flatMap(({ concurrency, versus }) => {
    const at = `${concurrency} in flight:`;
    const phone = versus['got+phone'];
    const bare = versus['bare-got'];
    const official = versus.official;
    return [
      judged(`${at} sends/s ≥ ${bounds.sendsPerSecondVersusGotPhone}× got+phone`, phone.sendsPerSecond, phone.sendsPerSecond >= bounds.sendsPerSecondVersusGotPhone),
      judged(`${at} CPU per send ≤ ${bounds.cpuVersusGotPhone}× got+phone`, phone.cpuMicrosPerSend, phone.cpuMicrosPerSend <= bounds.cpuVersusGotPhone),
      judged(`${at} p99 ≤ ${bounds.p99VersusBareGot}× bare got`, bare.p99Ms, bare.p99Ms <= bounds.p99VersusBareGot),
      judged(`${at} sends/s above the official connector’s`, official.sendsPerSecond, official.sendsPerSecond > 1),
      judged(`${at} CPU per send below the official connector’s`, official.cpuMicrosPerSend, official.cpuMicrosPerSend < 1),
      judged(`${at} p99 below the official connector’s`, official.p99Ms, official.p99Ms < 1),
      { label: `${at} sends/s vs bare got (information)`, actual: times(bare.sendsPerSecond), verdict: 'info' },
      { label: `${at} CPU per send vs bare got (information)`, actual: times(bare.cpuMicrosPerSend), verdict: 'info' },
    ];
  });
