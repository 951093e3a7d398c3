// Every link between the repository's Markdown files leads somewhere: a relative file link to a
// file that exists, and an anchor to a heading of the file it names, as GitHub makes its ids.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { projectRoot } from '../tools/logto-host.js';

import { githubSlug, linkTargets, readMarkdown, slugsOf } from './support/markdown.js';

const markdownUnder = (folder: string, deep: boolean): string[] =>
  readdirSync(path.join(projectRoot, folder), { recursive: deep, encoding: 'utf8' })
    .filter((name) => deep ? path.basename(name) === 'README.md' : name.endsWith('.md'))
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')));

const documents = [
  'README.md',
  'CHANGELOG.md',
  'bench/README.md',
  ...markdownUnder('docs', false),
  ...markdownUnder('tools', true),
];

const read = (file: string): string => readFileSync(path.join(projectRoot, file), 'utf8');

const anchorsOf = (file: string): Set<string> => new Set(slugsOf(readMarkdown(read(file)).headings, githubSlug));

/** What is wrong with one link of `file`, or undefined when it leads somewhere. */
const brokenLink = (file: string, target: string): string | undefined => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return undefined;
  }
  const [linkPath = '', anchor] = target.split('#', 2);
  const linked = linkPath === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), linkPath));
  if (!existsSync(path.join(projectRoot, linked))) {
    return `${file}: ${target} (no file ${linked})`;
  }
  if (anchor === undefined || !linked.endsWith('.md')) {
    return undefined;
  }
  return anchorsOf(linked).has(decodeURIComponent(anchor)) ? undefined : `${file}: ${target} (no heading)`;
};

describe('links between the Markdown files', () => {
  it('reads every document the package and the repository show', () => {
    expect(documents).toEqual(
      expect.arrayContaining(['docs/guide.md', 'docs/errors.md', 'tools/emulator/README.md', 'bench/README.md'])
    );
  });

  it('catches a link to a missing heading or file, and passes good ones', () => {
    expect(brokenLink('README.md', 'docs/guide.md#no-such-heading')).toMatch(/no heading/);
    expect(brokenLink('README.md', 'docs/missing.md')).toMatch(/no file/);
    expect(brokenLink('docs/guide.md', '../README.md')).toBeUndefined();
    expect(brokenLink('docs/guide.md', '#phone-numbers')).toBeUndefined();
    expect(brokenLink('docs/guide.md', 'https://example.com/#x')).toBeUndefined();
  });

  it.each(documents)('%s links only to files and headings that exist', (file) => {
    const broken = linkTargets(readMarkdown(read(file)).prose)
      .map((target) => brokenLink(file, target))
      .filter((problem) => problem !== undefined);
    expect(broken).toEqual([]);
  });
});
