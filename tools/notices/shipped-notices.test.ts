import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { projectRoot } from '../logto-host.js';

// The notices the last `npm run build` wrote (npm test builds before it runs the tests).
const noticesFile = path.join(projectRoot, 'lib', 'THIRD_PARTY_NOTICES.txt');

const readNotices = (): string => {
  if (!existsSync(noticesFile)) {
    throw new Error(`${noticesFile} is missing: run \`npm run build\` first (npm test does).`);
  }
  return readFileSync(noticesFile, 'utf8');
};

const installedVersion = (name: string): string =>
  z.object({ version: z.string() }).parse(JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8'))).version;

// Read straight from node_modules, not through the generator, so a generator that mangled
// texts could not agree with itself.
const shippedText = (name: string, file: string): string => readFileSync(path.join(projectRoot, 'node_modules', name, file), 'utf8').replace(/^\n+/, '').trimEnd();

const sectionOf = (text: string, name: string): string => {
  const heading = `\n${name} ${installedVersion(name)}\n`;
  const start = text.indexOf(heading);
  if (start < 0) {
    throw new Error(`the notices have no section for ${name} ${installedVersion(name)}`);
  }
  const end = text.indexOf(`\n${'='.repeat(80)}\n`, start);
  return text.slice(start, end < 0 ? undefined : end);
};

describe('the notices the build shipped', () => {
  it.each([
    ['got', 'MIT', ['license']],
    ['libphonenumber-js', 'MIT', ['LICENSE', 'LICENSE.Apache']],
    ['@alicloud/credentials', 'MIT', ['LICENSE']],
    ['ini', 'ISC', ['LICENSE']],
  ])('give %s at its installed version, its licence %s and the full text of %j', (name, licence, files) => {
    const section = sectionOf(readNotices(), name);

    expect(section).toContain(`\nLicence: ${licence}\nBundled in: lib/cli.js, lib/index.js\n`);
    for (const file of files) {
      expect(section).toContain(`----- ${file} -----\n\n${shippedText(name, file)}`);
    }
  });

  it('say that httpx ships no licence file, and give its declared licence and author', () => {
    expect(sectionOf(readNotices(), 'httpx')).toContain('This package ships no licence file. What its package.json says instead:\n  licence: MIT\n  author: Jackson Tian');
  });

  it('leave out the two packages Logto provides and the tools that only build or test', () => {
    const listed = [...readNotices().matchAll(/^={80}\n(\S+) \S+$/gm)].map((match) => match[1]);

    expect(listed.length).toBeGreaterThan(10);
    for (const absent of ['@logto/connector-kit', 'zod', 'tsup', 'esbuild', 'vitest', 'debug']) {
      expect(listed).not.toContain(absent);
    }
  });
});
