// `npm run demo`: the README's main command. The logic lives in tools/demo/run.ts so tests can run it in-process.
import { runDemo } from './demo/run.js';
import { createPainter, wantsColor } from './demo/text.js';

const color = wantsColor(process.stdout.isTTY, process.env.NO_COLOR);

// Ctrl+C would otherwise end the process without 'exit' listeners, leaving the temporary Logto folder behind.
for (const [signal, status] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    process.exit(status);
  });
}

try {
  const summary = await runDemo({
    color,
    write: (line) => {
      process.stdout.write(`${line}\n`);
    },
  });
  if (!summary.ok) {
    process.stderr.write(`${createPainter(wantsColor(process.stderr.isTTY, process.env.NO_COLOR)).red('demo failed:')} ${summary.failure ?? 'unknown reason'}\n`);
    process.exitCode = 1;
  }
} catch (error: unknown) {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
