import type { Options } from 'tsup';

import type { BundleMetafile } from './bundled-packages.js';
import { writeNotices, type Notices } from './notices.js';
import { byCodePoint } from './order.js';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/** The two halves of the notices step: a plugin that watches the bundling, and tsup's onSuccess. */
export type NoticesHook = { collect: EsbuildPlugin; write: () => Promise<void> };

const summaryOf = (outFile: string, { entries, virtualModules }: Notices): string => {
  const counts = new Map<string, number>();
  for (const { licence } of entries) {
    counts.set(licence, (counts.get(licence) ?? 0) + 1);
  }
  const byLicence = [...counts].sort(([left], [right]) => byCodePoint(left, right)).map(([licence, count]) => `${licence} ${count}`);
  const unlicensed = entries.filter(({ licenceFiles }) => licenceFiles.length === 0).map(({ name }) => name);
  return [
    `${outFile}: ${entries.length} bundled packages (${byLicence.join(', ')})`,
    ...(unlicensed.length > 0 ? [`shipping no licence file: ${unlicensed.sort(byCodePoint).join(', ')}`] : []),
    ...(virtualModules.length > 0 ? [`not from a package: ${virtualModules.join(', ')}`] : []),
  ].join('; ');
};

/**
 * Hooks the third-party notices into a tsup build: `collect` keeps each bundle's metafile (the
 * real build's, so the notices list exactly what was bundled), `write` turns them into
 * `outFile` once tsup has written the bundles, and rejects, failing the build, on a licence
 * the policy does not allow. `root` is the build's working folder, holding package.json.
 */
export const thirdPartyNotices = (outFile: string, root: string = process.cwd()): NoticesHook => {
  // One entry per format, replaced by each rebuild in watch mode.
  const metafiles = new Map<string, BundleMetafile>();
  const collect: EsbuildPlugin = {
    name: 'third-party-notices',
    setup(build) {
      build.initialOptions.metafile = true;
      const key = `${build.initialOptions.outdir ?? ''}:${build.initialOptions.format ?? ''}`;
      build.onEnd(({ metafile }) => {
        if (metafile) {
          metafiles.set(key, metafile);
        }
      });
    },
  };
  const write = (): Promise<void> =>
    Promise.resolve().then(() => {
      if (metafiles.size === 0) {
        throw new Error('The third-party notices saw no bundle: is their plugin in esbuildPlugins?');
      }
      const outputs = Object.fromEntries([...metafiles.values()].flatMap((metafile) => Object.entries(metafile.outputs)));
      console.log(summaryOf(outFile, writeNotices({ outputs }, root, outFile)));
    });
  return { collect, write };
};
