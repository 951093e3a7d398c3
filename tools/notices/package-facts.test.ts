import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { makeFakeProject, type FakePackage, type FakeProject } from './fake-project.js';
import { readPackageFacts } from './package-facts.js';

let project: FakeProject | undefined;

afterEach(() => {
  project?.remove();
  project = undefined;
});

const factsOf = (fake: FakePackage) => {
  project = makeFakeProject({ pkg: fake });
  return readPackageFacts(path.join(project.root, 'node_modules', 'pkg'));
};

describe('readPackageFacts', () => {
  it('reads name, version, the licence field as written, and the author', () => {
    const facts = factsOf({ manifest: { name: 'pkg', version: '1.2.3', license: 'BSD-2-Clause', author: 'Ada <ada@example.org>' } });

    expect(facts).toMatchObject({ name: 'pkg', version: '1.2.3', license: 'BSD-2-Clause', author: 'Ada <ada@example.org>' });
  });

  it('spells an author object as "name <email>", or the name alone', () => {
    expect(factsOf({ manifest: { name: 'pkg', version: '1.0.0', author: { name: 'Ada', email: 'ada@example.org', url: 'https://a.example' } } }).author).toBe(
      'Ada <ada@example.org>'
    );
    project?.remove();
    expect(factsOf({ manifest: { name: 'pkg', version: '1.0.0', author: { name: 'Ada' } } }).author).toBe('Ada');
  });

  it('keeps an unusual licence value for the policy to judge rather than dropping it', () => {
    expect(factsOf({ manifest: { name: 'pkg', version: '1.0.0', license: { type: 'MIT' } } }).license).toEqual({ type: 'MIT' });
  });

  it('drops descriptive fields it cannot read instead of failing', () => {
    const facts = factsOf({ manifest: { name: 'pkg', version: '1.0.0', author: 42, repository: ['x'], homepage: false } });

    expect(facts).toMatchObject({ author: undefined, source: undefined });
  });

  it('gives the repository as the source, else the homepage', () => {
    expect(factsOf({ manifest: { name: 'pkg', version: '1.0.0', repository: { url: 'git+https://example.org/r.git' }, homepage: 'https://h.example' } }).source).toBe(
      'git+https://example.org/r.git'
    );
    project?.remove();
    expect(factsOf({ manifest: { name: 'pkg', version: '1.0.0', homepage: 'https://h.example' } }).source).toBe('https://h.example');
  });

  it('fails naming the package.json when name or version is missing', () => {
    expect(() => factsOf({ manifest: { name: 'pkg' } })).toThrow(/node_modules[\\/]pkg[\\/]package\.json.*version/);
  });

  it('collects licence files however the package spells them, sorted, and nothing else', () => {
    const facts = factsOf({
      manifest: { name: 'pkg', version: '1.0.0' },
      files: {
        'LICENSE.Apache': 'apache',
        'license': 'plain',
        'LICENCE.md': 'british',
        'LICENSE-MIT': 'mit',
        'COPYING': 'copying',
        'README.md': 'readme',
        'licensed-features.js': 'code',
        'docs/LICENSE': 'nested',
      },
    });

    expect(facts.licenceFiles).toEqual([
      { file: 'COPYING', text: 'copying' },
      { file: 'LICENCE.md', text: 'british' },
      { file: 'LICENSE-MIT', text: 'mit' },
      { file: 'LICENSE.Apache', text: 'apache' },
      { file: 'license', text: 'plain' },
    ]);
  });

  it('skips a folder named like a licence', () => {
    project = makeFakeProject({ pkg: { manifest: { name: 'pkg', version: '1.0.0' } } });
    mkdirSync(path.join(project.root, 'node_modules', 'pkg', 'LICENSE'));

    expect(readPackageFacts(path.join(project.root, 'node_modules', 'pkg')).licenceFiles).toEqual([]);
  });

  it('keeps NOTICE files apart from the licences', () => {
    const facts = factsOf({ manifest: { name: 'pkg', version: '1.0.0' }, files: { LICENSE: 'licence', NOTICE: 'notice', 'NOTICE.txt': 'more' } });

    expect(facts.licenceFiles).toEqual([{ file: 'LICENSE', text: 'licence' }]);
    expect(facts.noticeFiles).toEqual([
      { file: 'NOTICE', text: 'notice' },
      { file: 'NOTICE.txt', text: 'more' },
    ]);
  });

  it('gives the text as shipped, with CRLF made LF and no byte-order mark or blank lines around it', () => {
    const facts = factsOf({ manifest: { name: 'pkg', version: '1.0.0' }, files: { LICENSE: '\uFEFF\r\n\r\n  Copyright (c) Ada\r\n\r\n  Permission…\r\n\r\n' } });

    expect(facts.licenceFiles).toEqual([{ file: 'LICENSE', text: '  Copyright (c) Ada\n\n  Permission…' }]);
  });
});
