// What loading ours costs, beside sending: cold start against the official connector, and the
// size of the built file.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import { ourBuild } from './senders.js';

const runFile = promisify(execFile);
const coldStartScript = fileURLToPath(new URL('cold-start.ts', import.meta.url));

const connectors = { ours: pathToFileURL(ourBuild).href, official: '@logto/connector-aliyun-sms' } as const;

/** Milliseconds of each cold start, `runs` per connector, in fresh plain-node processes taking turns. */
export const measureColdStarts = async (runs: number): Promise<Record<keyof typeof connectors, number[]>> => {
  const times: Record<keyof typeof connectors, number[]> = { ours: [], official: [] };
  // Neither tsx's loader nor any other option of the bench's own process may reach these.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  for (let run = 0; run < runs; run += 1) {
    for (const name of ['ours', 'official'] as const) {
      const { stdout } = await runFile(process.execPath, [coldStartScript, connectors[name]], { env, timeout: 30_000 });
      const parsed: unknown = JSON.parse(stdout);
      const ms: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'ms') : undefined;
      if (typeof ms !== 'number') {
        throw new Error(`cold start of ${name}: unexpected output ${stdout.slice(0, 200)}`);
      }
      times[name].push(ms);
    }
  }
  return times;
};

/** lib/index.js in bytes, as shipped and gzipped. */
export const measureBundle = (): { rawBytes: number; gzipBytes: number } => {
  const bundle = readFileSync(ourBuild);
  return { rawBytes: bundle.length, gzipBytes: gzipSync(bundle).length };
};
