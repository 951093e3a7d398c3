import path from 'node:path';

import { z } from 'zod';

import { byCodePoint } from './order.js';

/** The part of esbuild's metafile that says which input files put bytes into which output. */
export const bundleMetafileSchema = z.object({
  outputs: z.record(z.string(), z.object({ inputs: z.record(z.string(), z.object({ bytesInOutput: z.number() })) })),
});

/** esbuild's metafile as far as the notices need it (esbuild's own Metafile type fits it). */
export type BundleMetafile = z.infer<typeof bundleMetafileSchema>;

/** One installed npm package whose code ended up in one or more bundles. */
export type BundledPackage = {
  /** The folder it is installed in: <root>/node_modules/<name>, possibly nested. */
  directory: string;
  /** The outputs holding its code, relative to the build's working folder, sorted. */
  bundles: string[];
};

/** What went into the bundles: installed packages, and modules that no package provided. */
export type BundleContents = {
  packages: BundledPackage[];
  /** Inputs a plugin made up (`namespace:path`, e.g. our stand-in for `debug`), sorted. */
  virtualModules: string[];
};

// esbuild names a module from a plugin's own namespace `namespace:path`; files are plain paths.
const isVirtual = (input: string): boolean => /^[a-z][\w-]*:/i.test(input);

// The package folder holding a file: everything up to the package name after the last
// node_modules segment (two segments for a scope), so nested copies count as their own.
const packageFolderOf = (input: string): string | undefined => {
  const segments = input.split(/[\\/]/);
  const at = segments.lastIndexOf('node_modules');
  const first = segments[at + 1];
  if (at < 0 || first === undefined) {
    return undefined;
  }
  const nameLength = first.startsWith('@') ? 2 : 1;
  return segments.length > at + nameLength + 1 ? segments.slice(0, at + 1 + nameLength).join('/') : undefined;
};

/**
 * The installed packages that contributed code (at least one byte) to any output of the build
 * the metafile describes, with paths resolved from `root` (esbuild's working folder).
 */
export const bundleContents = (metafile: BundleMetafile, root: string): BundleContents => {
  const bundlesByFolder = new Map<string, Set<string>>();
  const virtualModules = new Set<string>();
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      // A module that tree shaking emptied ships nothing of its package.
      if (bytesInOutput === 0) {
        continue;
      }
      if (isVirtual(input)) {
        virtualModules.add(input);
        continue;
      }
      const folder = packageFolderOf(input);
      if (folder !== undefined) {
        bundlesByFolder.set(folder, (bundlesByFolder.get(folder) ?? new Set<string>()).add(output));
      }
    }
  }
  const packages = [...bundlesByFolder]
    .map(([folder, bundles]) => ({ directory: path.resolve(root, folder), bundles: [...bundles].sort(byCodePoint) }))
    .sort((left, right) => byCodePoint(left.directory, right.directory));
  return { packages, virtualModules: [...virtualModules].sort(byCodePoint) };
};
