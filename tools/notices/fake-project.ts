import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One made-up installed package: its package.json and any other files at its root. */
export type FakePackage = { manifest: Record<string, unknown>; files?: Record<string, string> };

/** A throw-away project folder with its own package.json and a made-up node_modules. */
export type FakeProject = { root: string; remove: () => void };

const writeFiles = (directory: string, files: Record<string, string>): void => {
  mkdirSync(directory, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    writeFileSync(path.join(directory, name), text);
  }
};

/**
 * Lays out a project for the notices tests: `packages` maps a folder under node_modules
 * (`a`, `@scope/b`, `a/node_modules/c`) to what it holds; `own` are the project's root files.
 */
export const makeFakeProject = (packages: Record<string, FakePackage>, own: Record<string, string> = {}): FakeProject => {
  const root = mkdtempSync(path.join(tmpdir(), 'notices-test-'));
  writeFiles(root, { 'package.json': JSON.stringify({ name: 'connector-under-test', version: '9.8.7' }), ...own });
  for (const [folder, { manifest, files = {} }] of Object.entries(packages)) {
    writeFiles(path.join(root, 'node_modules', folder), { 'package.json': JSON.stringify(manifest), ...files });
  }
  return { root, remove: () => { rmSync(root, { recursive: true, force: true }); } };
};
