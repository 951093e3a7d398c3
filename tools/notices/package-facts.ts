import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { byCodePoint } from './order.js';

// Only name and version must be right; the descriptive fields are shown when usable and
// dropped when a package spells them oddly, which must not stop a build.
const personSchema = z.union([
  z.string(),
  z.object({ name: z.string(), email: z.string().optional() }).transform(({ name, email }) => (email ? `${name} <${email}>` : name)),
]);
const repositorySchema = z.union([z.string(), z.object({ url: z.string() }).transform(({ url }) => url)]);
const manifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  // Read as it is: the licence policy judges what an unusual value means.
  license: z.unknown(),
  author: personSchema.optional().catch(undefined),
  repository: repositorySchema.optional().catch(undefined),
  homepage: z.string().optional().catch(undefined),
});

/** A text file a package ships, as it ships it (line ends made LF, blank lines around it cut). */
export type ShippedText = { file: string; text: string };

/** What the notices say about one installed package, read from its folder. */
export type PackageFacts = {
  name: string;
  version: string;
  /** package.json's `license` field, unjudged. */
  license: unknown;
  author: string | undefined;
  /** Where its source lives (repository, else homepage), for a package that ships no licence. */
  source: string | undefined;
  licenceFiles: ShippedText[];
  /** NOTICE files, which Apache-2.0 asks redistributors to pass on with the licence. */
  noticeFiles: ShippedText[];
};

const licenceFileName = /^(?:un)?(?:licen[cs]e|copying)(?:[-._].*)?$/i;
const noticeFileName = /^notice(?:[-._].*)?$/i;

const readText = (file: string): string =>
  readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/^\n+/, '')
    .trimEnd();

const shippedTexts = (directory: string, files: readonly string[], pattern: RegExp): ShippedText[] =>
  files
    .filter((file) => pattern.test(file) && statSync(path.join(directory, file)).isFile())
    .sort(byCodePoint)
    .map((file) => ({ file, text: readText(path.join(directory, file)) }));

const parseManifest = (directory: string): z.infer<typeof manifestSchema> => {
  const file = path.join(directory, 'package.json');
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file} has no usable name and version: ${parsed.error.issues.map(({ path: at, message }) => `${at.join('.')}: ${message}`).join('; ')}`);
  }
  return parsed.data;
};

/** Reads a package's name, version, declared licence, author and the licence files at its root. */
export const readPackageFacts = (directory: string): PackageFacts => {
  const { name, version, license, author, repository, homepage } = parseManifest(directory);
  const files = readdirSync(directory);
  return {
    name,
    version,
    license,
    author,
    source: repository ?? homepage,
    licenceFiles: shippedTexts(directory, files, licenceFileName),
    noticeFiles: shippedTexts(directory, files, noticeFileName),
  };
};
