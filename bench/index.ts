// `npm run bench`: SendSms over HTTPS on loopback, against the emulator, for a raw node:https
// client, bare got, our built connector and the official one, at 1, 32 and 128 sends in
// flight; then cold start, memory growth and bundle size, and the targets. See bench/README.md.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Child } from './child.js';
import { measureBundle, measureColdStarts } from './footprint.js';
import { measureLoad, priming, type LoadOptions } from './load.js';
import { renderReport } from './report.js';
import { ourBuild } from './senders.js';

const concurrencies = [1, 32, 128] as const;
// A fresh process's RSS climbs for tens of thousands of sends before it levels off: the priming,
// the rounds and these 7,000 take ours past 30,000 before the first reading.
const memoryRun = { type: 'memory', concurrency: 32, warmupSends: 7_000, sends: 20_000 } as const;
const coldStartRuns = 10;

const readOptions = (): LoadOptions & { writeResults: boolean } => {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '200' },
      duration: { type: 'string', default: '1200' },
      'write-results': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const whole = (name: string, text: string, min: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`--${name} must be a whole number ≥ ${min}, got ${text}`);
    }
    return value;
  };
  return {
    rounds: whole('rounds', values.rounds, 3),
    warmupMs: whole('warmup', values.warmup, 100),
    durationMs: whole('duration', values.duration, 200),
    writeResults: values['write-results'],
  };
};

/** A warning when lib/ is older than a source file: the bench measures the build, not src/. */
const staleBuildWarning = (): string[] => {
  const built = statSync(ourBuild, { throwIfNoEntry: false });
  if (built === undefined) {
    throw new Error(`${ourBuild} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  const sources = fileURLToPath(new URL('../src/', import.meta.url));
  const newer = readdirSync(sources, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && statSync(join(sources, file)).mtimeMs > built.mtimeMs
  );
  return newer.length > 0 ? [`warning: lib/ is older than src/${newer.join(', src/')}: run npm run build`] : [];
};

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const main = async (): Promise<void> => {
  const startedAt = performance.now();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const options = readOptions();
  const warnings = staleBuildWarning();

  const progress = (line: string): void => {
    print(`[${Math.round((performance.now() - startedAt) / 1000)} s] ${line}`);
  };
  const { samplesOf, memory, primingCost } = await measureLoad(options, concurrencies, memoryRun, progress);
  progress(`cold starts: ${coldStartRuns} of each connector…`);
  const coldStartMs = await measureColdStarts(coldStartRuns);

  const loadAtEnd = loadavg()[0] ?? Number.NaN;
  const cores = availableParallelism();
  const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} · ${cores} cores · Node ${process.version} · ${process.platform} ${process.arch} · ${new Date().toISOString().slice(0, 10)}`;
  const report = renderReport(
    samplesOf,
    {
      concurrencies,
      coldStartMs,
      memory: { ...memoryRun, ...memory },
      size: measureBundle(),
      priming: { sends: priming.sends, concurrency: priming.concurrency, cpuMicrosPerSend: primingCost },
    },
    [
      'SendSms over HTTPS on loopback, against tools/emulator (rate limits off); see bench/README.md',
      machine,
      `1-minute load average: ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end`,
      `${options.rounds} rounds, clients interleaved; each run ${options.warmupMs} ms warm-up + ${options.durationMs} ms measured; median (min–max) over rounds`,
    ]
  );
  const seconds = Math.round((performance.now() - startedAt) / 1000);
  print(`\n${report}\n\nThe bench took ${seconds} s (build not included).`);
  warnings.forEach(print);
  if (options.writeResults) {
    const results = fileURLToPath(new URL('results.md', import.meta.url));
    writeFileSync(
      results,
      `# Benchmark results\n\nFrom \`npm run bench -- --write-results\`; the bench took ${seconds} s after the build. ` +
        `How to read this: bench/README.md.\n\n\`\`\`\n${report}\n\`\`\`\n`
    );
    print(`written to ${results}`);
  }
};

// Whatever hangs, the bench ends.
const watchdog = setTimeout(() => {
  process.stderr.write('bench: still running after 10 minutes, giving up\n');
  Child.killAll();
  process.exit(1);
}, 600_000);
watchdog.unref();

try {
  await main();
} catch (error: unknown) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  Child.killAll();
  process.exitCode = 1;
}
