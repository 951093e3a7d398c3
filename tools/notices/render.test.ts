import { afterEach, describe, expect, it, vi } from 'vitest';

import { renderNotices, type NoticeEntry } from './render.js';

const subject = { name: 'connector-under-test', version: '9.8.7' };

const entry = (name: string, fields: Partial<NoticeEntry> = {}): NoticeEntry => ({
  name,
  version: '1.0.0',
  license: 'MIT',
  licence: 'MIT',
  author: undefined,
  source: undefined,
  licenceFiles: [{ file: 'LICENSE', text: `Copyright (c) the ${name} authors\n\nPermission is hereby granted…` }],
  noticeFiles: [],
  bundles: ['lib/index.js'],
  ...fields,
});

// The text of one package's section, from its heading to the next rule.
const sectionOf = (text: string, heading: string): string => {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThan(0);
  const end = text.indexOf('\n====', start + 1);
  return text.slice(start + 1, end < 0 ? undefined : end);
};

afterEach(() => {
  vi.useRealTimers();
});

describe('renderNotices', () => {
  it('names the package it describes and every bundle the entries went into', () => {
    const text = renderNotices(subject, [entry('a', { bundles: ['lib/index.js'] }), entry('b', { bundles: ['lib/cli.js', 'lib/index.js'] })]);

    expect(text.startsWith('THIRD-PARTY SOFTWARE NOTICES\nconnector-under-test 9.8.7\n')).toBe(true);
    expect(text).toContain('The bundles lib/cli.js, lib/index.js contain code from the npm packages below.');
    expect(sectionOf(text, 'b 1.0.0')).toContain('Bundled in: lib/cli.js, lib/index.js');
  });

  it('lists each package in a table with its version and licence', () => {
    const text = renderNotices(subject, [entry('long-package-name', { version: '10.0.0', licence: 'ISC' }), entry('b', { licence: 'BSD-2-Clause' })]);

    expect(text).toContain(['Package            Version  Licence', 'b                  1.0.0    BSD-2-Clause', 'long-package-name  10.0.0   ISC'].join('\n'));
  });

  it('gives each licence file verbatim under its own name, then any NOTICE', () => {
    const text = renderNotices(subject, [
      entry('dual', {
        licenceFiles: [
          { file: 'LICENSE', text: 'MIT text\n  indented line' },
          { file: 'LICENSE.Apache', text: 'Apache text' },
        ],
        noticeFiles: [{ file: 'NOTICE', text: 'Notice text' }],
      }),
    ]);

    expect(sectionOf(text, 'dual 1.0.0')).toContain(
      ['----- LICENSE -----', '', 'MIT text\n  indented line', '', '----- LICENSE.Apache -----', '', 'Apache text', '', '----- NOTICE -----', '', 'Notice text'].join('\n')
    );
  });

  it('says so when a package ships no licence file, with what its package.json declares instead', () => {
    const text = renderNotices(subject, [
      entry('bare', { licenceFiles: [], licence: 'MIT', author: 'Jackson', source: 'https://example.org/bare.git' }),
      entry('anonymous', { licenceFiles: [], licence: 'ISC' }),
      entry('fine'),
    ]);

    expect(sectionOf(text, 'bare 1.0.0')).toContain(
      ['This package ships no licence file. What its package.json says instead:', '  licence: MIT', '  author: Jackson', '  source: https://example.org/bare.git'].join('\n')
    );
    expect(sectionOf(text, 'anonymous 1.0.0')).toContain('  licence: ISC\n  author: (none given)');
    expect(sectionOf(text, 'anonymous 1.0.0')).not.toContain('source:');
    expect(text).toContain('Packages that ship no licence file: anonymous, bare.');
    expect(sectionOf(text, 'fine 1.0.0')).not.toContain('ships no licence file');
  });

  it('says none when every package ships its licence', () => {
    expect(renderNotices(subject, [entry('a')])).toContain('Packages that ship no licence file: none.');
  });

  it('sorts packages by name, then version, by code point rather than locale', () => {
    const text = renderNotices(subject, [entry('b'), entry('a', { version: '2.0.0' }), entry('a', { version: '10.0.0' }), entry('B'), entry('@scope/z')]);

    const headings = ['@scope/z 1.0.0', 'B 1.0.0', 'a 10.0.0', 'a 2.0.0', 'b 1.0.0'].map((heading) => text.indexOf(`\n${heading}\n`));
    expect(headings.every((at) => at > 0)).toBe(true);
    expect(headings).toEqual([...headings].sort((left, right) => left - right));
  });

  it('gives the same bytes for the same entries in any order, on any day', () => {
    const entries = [entry('c'), entry('a', { bundles: ['lib/cli.js'] }), entry('b', { licenceFiles: [] })];
    vi.useFakeTimers({ now: new Date('2020-01-01T00:00:00Z') });
    const first = renderNotices(subject, entries);
    vi.setSystemTime(new Date('2031-06-15T12:00:00Z'));
    const second = renderNotices(subject, [...entries].reverse());

    expect(second).toBe(first);
    expect(first).not.toMatch(/20(20|31)/);
  });
});
