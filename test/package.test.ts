import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';

import { metadata } from '../src/metadata.js';
import { projectRoot } from '../tools/logto-host.js';

// What `npm pack --dry-run --json` prints: the files the tarball Logto installs would hold.
const packResultSchema = z.array(z.object({ files: z.array(z.object({ path: z.string(), mode: z.number() })) })).length(1);

const manifestSchema = z.object({
  name: z.string(),
  description: z.string(),
  license: z.string(),
  keywords: z.array(z.string()),
  author: z.string(),
  homepage: z.string(),
  repository: z.object({ type: z.literal('git'), url: z.string() }),
  bugs: z.object({ url: z.string() }),
  engines: z.object({ node: z.string() }),
  bin: z.record(z.string(), z.string()),
});

const read = (file: string): string => readFileSync(path.join(projectRoot, file), 'utf8');
const manifestOf = (file: string): unknown => JSON.parse(read(file));
const manifest = manifestSchema.parse(manifestOf('package.json'));

// package.json and metadata name files as './x'; the tarball lists them as 'x'.
const packed = (file: string): string => path.posix.normalize(file);

let tarball: Map<string, number>;

beforeAll(() => {
  if (!existsSync(path.join(projectRoot, 'lib', 'index.js'))) {
    throw new Error('lib/ is missing: run `npm run build` first (npm test does).');
  }
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = packResultSchema.parse(JSON.parse(output));
  tarball = new Map((result?.files ?? []).map(({ path: file, mode }) => [file, mode]));
});

describe('the tarball npm pack makes', () => {
  it.each([
    'lib/index.js',
    'lib/index.d.ts',
    'lib/cli.js',
    // The Redis store of the send limits, which lib/index.js imports only when a config names Redis.
    'lib/redis-store.js',
    'lib/THIRD_PARTY_NOTICES.txt',
    'logo.svg',
    'README.md',
    'LICENSE',
    'package.json',
    'CHANGELOG.md',
    // The admin guide and its translations.
    'docs/guide.md',
    'docs/guide.de.md',
    'docs/guide.zh-CN.md',
  ])('holds %s', (file) => {
    expect([...tarball.keys()]).toContain(file);
  });

  it('holds every file the connector metadata names, which Logto inlines into the console', () => {
    const named = [metadata.logo, metadata.logoDark, metadata.readme, metadata.configTemplate].filter((file) => typeof file === 'string');

    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(named.map(packed).filter((file) => !tarball.has(file))).toEqual([]);
  });

  it('holds no sources, tests, tools, benchmarks, source maps or build leftovers', () => {
    const unwanted = [/^(src|test|tools|bench|coverage|reports|node_modules|\.tmp|\.ci|\.stryker-tmp)\//, /\.test\./, /\.map$/, /^lib\/metafile/, /\.tgz$/];

    expect([...tarball.keys()].filter((file) => unwanted.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it('makes each command of `bin` a file in the tarball that starts with a node shebang', () => {
    const commands = Object.entries(manifest.bin);

    expect(commands.map(([command]) => command)).toEqual([manifest.name]);
    for (const [, file] of commands) {
      expect(tarball.has(packed(file))).toBe(true);
      expect(read(file).startsWith('#!/usr/bin/env node\n')).toBe(true);
    }
  });
});

describe('lib/index.js', () => {
  // tsup.config.ts puts stand-ins for them in the bundle: they held about 90 kB of its size budget.
  it("leaves out got's HTTP/2 client, response cache and DNS cache, which the transport turns off", () => {
    const bundle = read('lib/index.js');

    for (const option of ['http2', 'cache', 'dnsCache']) {
      expect(bundle).toContain(`got's ${option} option is left out of this bundle`);
    }
    // A class of http2-wrapper, a field of http-cache-semantics and a method of cacheable-lookup.
    expect(bundle).not.toMatch(/Http2OverHttp|understoodStatuses|_resolve4/);
  });
});

describe('package.json', () => {
  it('points npm users at the repository, its README and its issues', () => {
    const repository = 'https://github.com/logto-aliyun/connector-aliyun-dysms';

    expect(manifest.repository.url).toBe(`git+${repository}.git`);
    expect(manifest.homepage).toBe(`${repository}#readme`);
    expect(manifest.bugs.url).toBe(`${repository}/issues`);
  });

  it('declares the licence the LICENSE file grants', () => {
    expect(manifest.license).toBe('MIT');
    expect(read('LICENSE').startsWith('MIT License\n')).toBe(true);
  });

  it('describes the package and tags it for a search of Logto connectors', () => {
    expect(manifest.description).toMatch(/Aliyun.*Logto|Logto.*Aliyun/);
    expect(['logto', 'connector', 'aliyun', 'sms'].filter((keyword) => !manifest.keywords.includes(keyword))).toEqual([]);
    expect(manifest.author).not.toBe('');
  });

  it('asks for the Node versions Logto itself runs on', () => {
    const logto = z.object({ engines: z.object({ node: z.string() }) });

    expect(manifest.engines.node).toBe('^22.14.0');
    expect(manifest.engines.node).toBe(logto.parse(manifestOf('node_modules/@logto/cli/package.json')).engines.node);
    expect(manifest.engines.node).toBe(logto.parse(manifestOf('node_modules/@logto/connector-kit/package.json')).engines.node);
  });
});

describe('logo.svg', () => {
  const logo = read('logo.svg');

  it('is a plain SVG: no script, event handler, foreign content or external reference', () => {
    expect(logo.trimStart().startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(logo).not.toMatch(/<script|<foreignObject|<iframe|<image|<use\b|\son\w+\s*=|javascript:|@import|url\(|href=/i);
    // The namespace declaration is the one address a plain SVG holds.
    expect(logo.match(/https?:\/\/[^"\s)]*/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('is drawn on a 24-unit grid, so the console draws it pixel for pixel at 24 px', () => {
    expect(logo).toMatch(/\sviewBox="0 0 24 24"/);
  });
});
