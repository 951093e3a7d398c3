// Summaries of the rounds and the printed table.
import { type ClientName, type Transport } from './scenario.js';

/** One measured run of one client. */
export type Sample = {
  round: number;
  sendsPerSecond: number;
  /** Client-process CPU per completed send, in microseconds. */
  clientCpuMicrosPerSend: number;
  /** Emulator-process CPU over the run, as a share of one core. */
  emulatorCpuShare: number;
  connections: number;
};

export type Cell = { transport: Transport; concurrency: number; client: ClientName };

export const cellKey = ({ transport, concurrency, client }: Cell): string => `${transport}/${concurrency}/${client}`;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  const lower = sorted[middle - 1] ?? upper;
  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
};

/** The client's rate over the baseline's, taken round by round (neighbouring runs), then the median. */
export const medianRatio = (samples: readonly Sample[], baseline: readonly Sample[]): number =>
  median(
    samples.flatMap((sample) => {
      const reference = baseline.find(({ round }) => round === sample.round);
      return reference === undefined ? [] : [sample.sendsPerSecond / reference.sendsPerSecond];
    })
  );

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');

const transportLabel: Record<Transport, string> = {
  http: 'http  → emulator',
  https: 'https → TLS front',
};

/** Renders rows as aligned columns; `right` marks the numeric columns. */
const columns = (rows: ReadonlyArray<readonly string[]>, right: readonly boolean[]): string => {
  const widths = right.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((text, index) => {
          const width = widths[index] ?? 0;
          return right[index] === true ? text.padStart(width) : text.padEnd(width);
        })
        .join('  ')
        .trimEnd()
    )
    .join('\n');
};

/** The results table: one row per transport × concurrency × client. */
export const renderTable = (cells: readonly Cell[], samplesOf: (cell: Cell) => readonly Sample[]): string => {
  const header = [
    'transport',
    'in flight',
    'client',
    'sends/s',
    '(min–max)',
    '× baseline',
    'client µs/send',
    'emulator CPU',
    'conns',
  ];
  const rows = cells.map((cell) => {
    const samples = samplesOf(cell);
    const baseline = samplesOf({ ...cell, client: 'baseline' });
    const rates = samples.map(({ sendsPerSecond }) => sendsPerSecond);
    return [
      transportLabel[cell.transport],
      String(cell.concurrency),
      cell.client,
      integer(median(rates)),
      `(${integer(Math.min(...rates))}–${integer(Math.max(...rates))})`,
      `${medianRatio(samples, baseline).toFixed(2)}×`,
      integer(median(samples.map(({ clientCpuMicrosPerSend }) => clientCpuMicrosPerSend))),
      `${Math.round(100 * median(samples.map(({ emulatorCpuShare }) => emulatorCpuShare)))}%`,
      integer(median(samples.map(({ connections }) => connections))),
    ];
  });
  return columns([header, ...rows], [false, true, false, true, true, true, true, true, true]);
};
