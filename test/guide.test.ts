// The administrator's guide, as Logto's console shows it beside the connector's form: only the
// file itself is there, so links to other files break; long code lines are cut at the pane's
// edge; and the example config must be one the connector accepts. The three languages must
// say the same, down to the example JSON.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { knownCodes, knownFamilies } from '../src/aliyun/classify.js';
import { aliyunSmsConfigGuard } from '../src/config/schema.js';
import { templateEntryGuard } from '../src/templates/entry.js';
import { projectRoot } from '../tools/logto-host.js';

import {
  consoleSlug,
  displayWidth,
  githubSlug,
  linkTargets,
  narrowestTableWidth,
  readMarkdown,
  slugsOf,
  type CodeBlock,
  type Markdown,
} from './support/markdown.js';

const guides = ['docs/guide.md', 'docs/guide.de.md', 'docs/guide.zh-CN.md'] as const;

// Logto's guide pane beside the form, at 1280 px wide, shows 72 columns of code; a longer line
// or a table that cannot wrap narrower widens the page and pushes the form off screen.
const maximumCodeLineWidth = 72;
const maximumTableWidth = 72;

const exampleBlocks = (markdown: Markdown): CodeBlock[] => markdown.blocks.filter(({ info }) => info === 'json example');

const read = (file: string): string => readFileSync(path.join(projectRoot, file), 'utf8');

const configKeys = Object.keys(aliyunSmsConfigGuard.innerType().shape);
const templateKeys = Object.keys(templateEntryGuard.shape);

describe('the checks themselves', () => {
  const sample = readMarkdown(
    [
      '# Title: one',
      'See [errors](#errors), [a file](docs/errors.md), ![logo](./logo.svg) and `[not](a-link.md)`.',
      '```json example',
      '[link](inside-code.md)',
      '```',
      '## Errors',
      '## Errors',
      '[ref]: ../README.md',
    ].join('\n')
  );

  it('finds links and images in prose, not in code', () => {
    expect(linkTargets(sample.prose)).toEqual(['#errors', 'docs/errors.md', './logo.svg', '../README.md']);
  });

  it('reads headings and fenced blocks with their info string', () => {
    expect(sample.headings).toEqual(['Title: one', 'Errors', 'Errors']);
    expect(exampleBlocks(sample).map(({ text }) => text)).toEqual(['[link](inside-code.md)']);
  });

  it('slugs headings as GitHub does, numbering repeats', () => {
    expect(slugsOf(sample.headings, githubSlug)).toEqual(['title-one', 'errors', 'errors-1']);
    expect(githubSlug("Aliyun's limits")).toBe('aliyuns-limits');
    expect(githubSlug('A → B')).toBe('a--b');
    expect(consoleSlug('A → B')).toBe('a-b');
  });

  it('counts wide characters twice', () => {
    expect(displayWidth('ab')).toBe(2);
    expect(displayWidth('示例科技')).toBe(8);
  });

  it('reads tables and measures the narrowest they can wrap to', () => {
    const { tables } = readMarkdown(
      ['| Code | What to do |', '|---|---|', '| `a|b` | Wait a [minute](#x) |', '', '| 中文 |', '|---|'].join('\n')
    );
    expect(tables.map(({ rows }) => rows)).toEqual([
      [
        ['Code', 'What to do'],
        ['`a|b`', 'Wait a [minute](#x)'],
      ],
      [['中文']],
    ]);
    // Widest pieces: "Code" (4) and "minute" (6), each with 3 columns of padding.
    expect(tables.map(narrowestTableWidth)).toEqual([16, 5]);
    expect(narrowestTableWidth({ rows: [['`isv.SMS_TEMPLATE_ILLEGAL` as is']] })).toBe(27);
  });
});

describe.each(guides)('%s', (file) => {
  const source = read(file);
  const markdown = readMarkdown(source);

  it('shows no developer command', () => {
    expect(source).not.toMatch(/npm |npx /);
  });

  it('links to nothing but web pages and its own headings', () => {
    const targets = linkTargets(markdown.prose);
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((target) => !/^(?:https?:\/\/|#)/.test(target))).toEqual([]);
  });

  it('has headings whose id is the same on GitHub and in Logto’s console', () => {
    // The console builds ids from the heading's plain text: inline markup would garble them.
    expect(markdown.headings.filter((heading) => /[`*_[\]<>]/.test(heading))).toEqual([]);
    expect(slugsOf(markdown.headings, consoleSlug)).toEqual(slugsOf(markdown.headings, githubSlug));
  });

  it('has every #anchor resolve to a heading', () => {
    const slugs = new Set(slugsOf(markdown.headings, githubSlug));
    const anchors = linkTargets(markdown.prose).filter((target) => target.startsWith('#'));
    expect(anchors.length).toBeGreaterThan(5);
    expect(anchors.filter((anchor) => !slugs.has(decodeURIComponent(anchor.slice(1))))).toEqual([]);
  });

  it(`keeps every code line within ${maximumCodeLineWidth} columns`, () => {
    const long = markdown.blocks.flatMap(({ lines }) => lines).filter((line) => displayWidth(line) > maximumCodeLineWidth);
    expect(markdown.blocks.length).toBeGreaterThan(3);
    expect(long).toEqual([]);
  });

  it(`has tables that wrap to ${maximumTableWidth} columns or fewer`, () => {
    const wide = markdown.tables
      .filter((table) => narrowestTableWidth(table) > maximumTableWidth)
      .map((table) => `${narrowestTableWidth(table)}: ${table.rows[0]?.join(' | ') ?? ''}`);
    expect(markdown.tables.length).toBeGreaterThan(2);
    expect(wide).toEqual([]);
  });

  it('names every config key and every template entry key', () => {
    const missing = [...configKeys, ...templateKeys].filter((key) => !source.includes(`\`${key}\``));
    expect(configKeys.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('lists every Aliyun code the connector maps, and the code families', () => {
    const codes = [...knownCodes('dysms'), ...knownCodes('dypns')];
    const families = knownFamilies().map((prefix) => `${prefix}*`);
    expect([...codes, ...families].filter((code) => !source.includes(`\`${code}\``))).toEqual([]);
  });

  it('has one example config, which the connector accepts', () => {
    const examples = exampleBlocks(markdown);
    expect(examples).toHaveLength(1);
    const parsed: unknown = JSON.parse(examples[0]?.text ?? '');
    const result = aliyunSmsConfigGuard.safeParse(parsed);
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

describe('the translations', () => {
  it('carry the same example config, byte for byte', () => {
    const [english, ...translations] = guides.map((file) => exampleBlocks(readMarkdown(read(file))).map(({ text }) => text));
    expect(english).toHaveLength(1);
    for (const translation of translations) {
      expect(translation).toEqual(english);
    }
  });

  it('have as many headings and code blocks as the English guide', () => {
    const [english, ...translations] = guides.map((file) => readMarkdown(read(file)));
    for (const translation of translations) {
      expect(translation.headings.length).toBe(english?.headings.length);
      expect(translation.blocks.map(({ info }) => info)).toEqual(english?.blocks.map(({ info }) => info));
    }
  });
});
