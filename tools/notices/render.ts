import { byCodePoint } from './order.js';
import type { PackageFacts, ShippedText } from './package-facts.js';

/** One bundled package as the notices list it: its facts, its allowed licence, where it went. */
export type NoticeEntry = PackageFacts & {
  /** The allowed SPDX expression from its package.json. */
  licence: string;
  /** The outputs holding its code, e.g. `lib/index.js`. */
  bundles: readonly string[];
};

/** The package whose build the notices describe. */
export type NoticeSubject = { name: string; version: string };

const rule = '='.repeat(80);

const byNameThenVersion = (left: NoticeEntry, right: NoticeEntry): number =>
  byCodePoint(left.name, right.name) || byCodePoint(left.version, right.version);

const table = (entries: readonly NoticeEntry[]): string[] => {
  const rows = [['Package', 'Version', 'Licence'], ...entries.map(({ name, version, licence }) => [name, version, licence])];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map(([name = '', version = '', licence = '']) =>
    `${name.padEnd(widths[0] ?? 0)}  ${version.padEnd(widths[1] ?? 0)}  ${licence}`.trimEnd()
  );
};

const shipped = ({ file, text }: ShippedText): string[] => ['', `----- ${file} -----`, '', text];

const missingLicenceFile = ({ licence, author, source }: NoticeEntry): string[] => [
  '',
  'This package ships no licence file. What its package.json says instead:',
  `  licence: ${licence}`,
  `  author: ${author ?? '(none given)'}`,
  ...(source === undefined ? [] : [`  source: ${source}`]),
];

const section = (entry: NoticeEntry): string[] => [
  rule,
  `${entry.name} ${entry.version}`,
  `Licence: ${entry.licence}`,
  `Bundled in: ${entry.bundles.join(', ')}`,
  ...(entry.licenceFiles.length === 0 ? missingLicenceFile(entry) : entry.licenceFiles.flatMap(shipped)),
  ...entry.noticeFiles.flatMap(shipped),
  '',
];

/**
 * The notices file: a summary table, then each package with its licence texts. The same
 * entries give the same bytes whatever their order: sorted by code point, and no dates.
 */
export const renderNotices = (subject: NoticeSubject, unsorted: readonly NoticeEntry[]): string => {
  const entries = [...unsorted].sort(byNameThenVersion);
  const bundles = [...new Set(entries.flatMap((entry) => entry.bundles))].sort(byCodePoint);
  const withoutLicenceFile = entries.filter((entry) => entry.licenceFiles.length === 0).map(({ name }) => name);
  return [
    'THIRD-PARTY SOFTWARE NOTICES',
    `${subject.name} ${subject.version}`,
    '',
    `The bundles ${bundles.join(', ')} contain code from the npm packages below.`,
    'For each one: its name, version, licence (the SPDX expression in its package.json) and the',
    'licence files it ships, verbatim. The build writes this file from the installed packages;',
    'do not edit it by hand.',
    '',
    ...table(entries),
    '',
    `Packages that ship no licence file: ${withoutLicenceFile.length === 0 ? 'none' : withoutLicenceFile.join(', ')}.`,
    '',
    ...entries.flatMap(section),
  ].join('\n');
};
