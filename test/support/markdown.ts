// Reading the project's Markdown as GitHub and Logto's console render it: headings and their
// ids, links, fenced code blocks, tables, and how wide a line or a table must be at least.

/** A fenced code block: its info string, its text and its lines. */
export type CodeBlock = { info: string; text: string; lines: string[] };

/** A table: its rows, each a list of cell texts (the delimiter row left out). */
export type Table = { rows: string[][] };

/** Markdown split into what the checks read. */
export type Markdown = { prose: string[]; headings: string[]; blocks: CodeBlock[]; tables: Table[] };

const delimiterRow = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;

/** The cells of a table row; a `|` inside a code span or escaped does not split. */
export const cellsOf = (row: string): string[] => {
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  const text = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? '';
    if (character === '\\' && text[index + 1] === '|') {
      cell += '|';
      index += 1;
    } else if (character === '`') {
      inCode = !inCode;
      cell += character;
    } else if (character === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += character;
    }
  }
  cells.push(cell.trim());
  return cells;
};

/** Splits Markdown into prose lines, heading texts, fenced code blocks and tables. */
export const readMarkdown = (source: string): Markdown => {
  const markdown: Markdown = { prose: [], headings: [], blocks: [], tables: [] };
  let open: { fence: string; info: string; lines: string[] } | undefined;
  let table: Table | undefined;
  for (const line of source.split('\n')) {
    const fence = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      if (fence?.[1]?.startsWith(open.fence) === true && fence[2]?.trim() === '') {
        markdown.blocks.push({ info: open.info, text: open.lines.join('\n'), lines: open.lines });
        open = undefined;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    if (fence?.[1] !== undefined) {
      open = { fence: fence[1], info: (fence[2] ?? '').trim(), lines: [] };
      table = undefined;
      continue;
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading?.[1] !== undefined) {
      markdown.headings.push(heading[1]);
    }
    if (line.trim().startsWith('|')) {
      if (!delimiterRow.test(line.trim())) {
        if (table === undefined) {
          table = { rows: [] };
          markdown.tables.push(table);
        }
        table.rows.push(cellsOf(line));
      }
    } else {
      table = undefined;
    }
    markdown.prose.push(line);
  }
  if (open) {
    throw new Error(`unclosed code block: ${open.info}`);
  }
  return markdown;
};

/** Link and image targets in prose, inline code left out. */
export const linkTargets = (prose: readonly string[]): string[] =>
  prose.flatMap((line) => {
    const text = line.replace(/`[^`]*`/g, '');
    const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)];
    const reference = [...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)];
    return [...inline, ...reference].map((match) => match[1] ?? '');
  });

/** A heading's text as rendered: link targets, code ticks and emphasis stars gone. */
export const headingText = (heading: string): string =>
  heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');

/** GitHub's heading slug: lower case, punctuation and symbols dropped, each space a hyphen. */
export const githubSlug = (heading: string): string =>
  headingText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

/** The id Logto's console gives a heading (its Markdown component's rule). */
export const consoleSlug = (heading: string): string =>
  heading
    .replace(/\p{S}|\p{Pi}|\p{Pf}|\p{Ps}|\p{Pe}|\p{Po}/gu, '')
    .replace(/\s+/g, '-')
    .toLowerCase();

/** Slugs of all headings in order, repeats numbered -1, -2 … as both renderers do. */
export const slugsOf = (headings: readonly string[], slug: (heading: string) => string): string[] => {
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

const codeOrWide = new RegExp(`\`[^\`]*\`|${wideCharacter.source}`, 'gu');

/** Columns a line takes in a monospaced pane. */
export const displayWidth = (line: string): number =>
  Array.from(new Intl.Segmenter().segment(line)).reduce(
    (width, { segment }) => width + (wideCharacter.test(segment) ? 2 : 1),
    0
  );

/**
 * The widest piece of a cell that a browser cannot break: a code span, or a run of text between
 * spaces; a line may break beside any East Asian wide character, so each of those is its own piece.
 */
export const widestPiece = (cell: string): number => {
  const shown = cell
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(codeOrWide, (piece: string) => (piece.startsWith('`') ? piece : ` ${piece} `));
  const pieces = [...shown.matchAll(/`[^`]*`[^\s`]*|[^\s`]+/g)].map(([piece]) => piece.replace(/`/g, ''));
  return Math.max(0, ...pieces.map(displayWidth));
};

// Each column needs its padding and border besides its text.
const columnPadding = 3;

/** The fewest columns a table can take once every cell wraps as far as it can. */
export const narrowestTableWidth = ({ rows }: Table): number => {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  return Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...rows.map((row) => widestPiece(row[column] ?? '')))
  ).reduce((total, width) => total + width + columnPadding, 0);
};
