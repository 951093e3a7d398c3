import { existsSync } from 'node:fs';
import path from 'node:path';

import { projectRoot } from '../logto-host.js';
import { runDemo, type DemoOptions, type DemoSummary } from './run.js';

/** Runs the demo in-process for a test, collecting every line it writes. */
export async function captureDemo(
  options: Omit<DemoOptions, 'write'> = {}
): Promise<{ summary: DemoSummary; lines: string[] }> {
  if (!existsSync(path.join(projectRoot, 'lib', 'index.js'))) {
    throw new Error('lib/index.js is missing: run `npm run build` before `vitest run tools/demo` (npm test builds first).');
  }
  const lines: string[] = [];
  const summary = await runDemo({
    ...options,
    write: (line) => {
      lines.push(line);
    },
  });
  return { summary, lines };
}
