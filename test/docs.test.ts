import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { knownCodes } from '../src/aliyun/codes/classify.js';
import { projectRoot } from '../tools/logto-host.js';

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

describe('documentation', () => {
  it.each(['README.md', 'docs/errors.md'])('%s lists every Aliyun code the connector maps', (file) => {
    const text = read(file);
    const missing = [...knownCodes('dysms'), ...knownCodes('dypns')].filter((code) => !text.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('README starts with the two commands that set up a fresh machine, and CI runs the test one', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
    expect(read('.ci/run')).toMatch(/^npm ci && npm test$/m);
  });

});
