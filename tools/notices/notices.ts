import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { bundleContents, type BundleMetafile } from './bundled-packages.js';
import { judgeLicence } from './licence-policy.js';
import { byCodePoint } from './order.js';
import { readPackageFacts } from './package-facts.js';
import { renderNotices, type NoticeEntry } from './render.js';

/** The notices for one build, and what they were made from, for the build's log. */
export type Notices = {
  text: string;
  /** One per bundled name and version, in no particular order. */
  entries: NoticeEntry[];
  /** Inputs from a plugin's namespace, which no package provided and the notices leave out. */
  virtualModules: string[];
};

// Two installed copies of one name and version (nested in different parents) are one entry.
const mergeCopies = (entries: readonly NoticeEntry[]): NoticeEntry[] => {
  const byId = new Map<string, NoticeEntry>();
  for (const entry of entries) {
    const id = `${entry.name}@${entry.version}`;
    const earlier = byId.get(id);
    byId.set(id, earlier ? { ...earlier, bundles: [...new Set([...earlier.bundles, ...entry.bundles])].sort(byCodePoint) } : entry);
  }
  return [...byId.values()];
};

/**
 * Makes the notices for the build a metafile describes (`root` being the build's working
 * folder, which holds package.json); throws, naming every offender, when a bundled package's
 * licence is missing or not allowed.
 */
export const buildNotices = (metafile: BundleMetafile, root: string): Notices => {
  const { packages, virtualModules } = bundleContents(metafile, root);
  const refusals: string[] = [];
  const entries: NoticeEntry[] = [];
  for (const { directory, bundles } of packages) {
    const facts = readPackageFacts(directory);
    const verdict = judgeLicence(facts.license);
    if (verdict.allowed) {
      entries.push({ ...facts, licence: verdict.licence, bundles });
    } else {
      refusals.push(`${facts.name}@${facts.version} (${path.relative(root, directory)}): ${verdict.reason}`);
    }
  }
  if (refusals.length > 0) {
    throw new Error(`Refusing to ship bundles whose third-party licences are not allowed:\n${refusals.map((line) => `  - ${line}`).join('\n')}`);
  }
  const merged = mergeCopies(entries);
  const subject = readPackageFacts(root);
  return { text: renderNotices(subject, merged), entries: merged, virtualModules };
};

/** Makes the notices (see {@link buildNotices}) and writes them to `outFile`, relative to `root`. */
export const writeNotices = (metafile: BundleMetafile, root: string, outFile: string): Notices => {
  const notices = buildNotices(metafile, root);
  const target = path.resolve(root, outFile);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, notices.text);
  return notices;
};
