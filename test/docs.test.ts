import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { knownCodes } from '../src/aliyun/classify.js';
import { projectRoot } from '../tools/logto-host.js';

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

describe('documentation', () => {
  it.each(['README.md', 'docs/errors.md'])('%s lists every Aliyun code the connector maps', (file) => {
    const text = read(file);
    const missing = [...knownCodes('dysms'), ...knownCodes('dypns')].filter((code) => !text.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('CHANGELOG follows Keep a Changelog with semver headings, the newest of them package.json’s version', () => {
    const changelog = read('CHANGELOG.md');
    const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((match) => ({
      version: match[1] ?? '',
      date: match[2],
    }));
    expect(headings[0]?.version).toBe('Unreleased');
    const released = headings.slice(1);
    expect(released.length).toBeGreaterThan(0);
    for (const { version, date } of released) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const manifest: unknown = JSON.parse(read('package.json'));
    const version: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'version') : undefined;
    expect(released[0]?.version).toBe(version);
    for (const { version: listed } of headings) {
      expect(changelog).toMatch(new RegExp(`^\\[${listed.replaceAll('.', '\\.')}\\]: https://`, 'm'));
    }
  });

  it('README starts with the two commands that set up a fresh machine, and CI runs the test one', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
    expect(read('.ci/run')).toMatch(/^npm ci && npm test$/m);
  });

});
