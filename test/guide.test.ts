// The administrator's guide, as Logto's console shows it beside the connector's form: only the
// file itself is there, so links to other files break; long code lines are cut at the pane's
// edge; and the example config must be one the connector accepts. The three languages must
// say the same, down to the example JSON.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { knownCodes, knownFamilies } from '../src/aliyun/codes/classify.js';
import { aliyunSmsConfigGuard } from '../src/config/schema.js';
import { templateEntryGuard } from '../src/templates/entry.js';
import { projectRoot } from '../tools/logto-host.js';

const guides = ['docs/guide.md', 'docs/guide.de.md', 'docs/guide.zh-CN.md'] as const;

const maximumCodeLineWidth = 100;

type CodeBlock = { info: string; text: string; lines: string[] };
type Markdown = { prose: string[]; headings: string[]; blocks: CodeBlock[] };

/** Splits Markdown into prose lines, heading texts and fenced code blocks. */
const readMarkdown = (source: string): Markdown => {
  const markdown: Markdown = { prose: [], headings: [], blocks: [] };
  let open: { fence: string; info: string; lines: string[] } | undefined;
  for (const line of source.split('\n')) {
    const fence = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      if (fence?.[1]?.startsWith(open.fence) === true && fence[2]?.trim() === '') {
        markdown.blocks.push({ info: open.info, text: open.lines.join('\n'), lines: open.lines });
        open = undefined;
      } else {
        open.lines.push(line);
      }
    } else if (fence?.[1] !== undefined) {
      open = { fence: fence[1], info: (fence[2] ?? '').trim(), lines: [] };
    } else {
      const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading?.[1] !== undefined) {
        markdown.headings.push(heading[1]);
      }
      markdown.prose.push(line);
    }
  }
  if (open) {
    throw new Error(`unclosed code block: ${open.info}`);
  }
  return markdown;
};

/** Link and image targets in prose, inline code left out. */
const linkTargets = (prose: readonly string[]): string[] =>
  prose.flatMap((line) => {
    const text = line.replace(/`[^`]*`/g, '');
    const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)];
    const reference = [...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)];
    return [...inline, ...reference].map((match) => match[1] ?? '');
  });

/** GitHub's heading slug: lower case, punctuation and symbols dropped, each space a hyphen. */
const githubSlug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

/** The id Logto's console gives a heading (its Markdown component's rule). */
const consoleSlug = (heading: string): string =>
  heading
    .replace(/\p{S}|\p{Pi}|\p{Pf}|\p{Ps}|\p{Pe}|\p{Po}/gu, '')
    .replace(/\s+/g, '-')
    .toLowerCase();

/** Slugs of all headings in order, repeats numbered -1, -2 … as both renderers do. */
const slugsOf = (headings: readonly string[], slug: (heading: string) => string): string[] => {
  const seen = new Map<string, number>();
  return headings.map((heading) => {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  });
};

// East Asian wide characters take two columns of the pane.
const wideCharacter = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6]/u;

/** Columns a line takes in a monospaced pane. */
const displayWidth = (line: string): number =>
  Array.from(new Intl.Segmenter().segment(line)).reduce(
    (width, { segment }) => width + (wideCharacter.test(segment) ? 2 : 1),
    0
  );

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
