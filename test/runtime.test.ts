import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { projectRoot } from '../tools/logto-host.js';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;

describe('the runtime the tests run on', () => {
  it("is Node 22, as Logto's engines require, brought by the project's own package.json", () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
    const manifest = readJson(path.join(projectRoot, 'package.json'));
    expect(field(field(manifest, 'engines'), 'node')).toBe('^22.14.0');
    const pinned = field(field(manifest, 'devDependencies'), 'node');
    expect(typeof pinned === 'string' && pinned.startsWith('22.') && process.versions.node === pinned).toBe(true);
  });

  it('declares connector-kit in a range both Logto 1.35–1.37 (4.7) and 1.38+ (5.x) satisfy, and zod 3.24', () => {
    const manifest = readJson(path.join(projectRoot, 'package.json'));
    const dependencies = field(manifest, 'dependencies');
    expect(field(dependencies, '@logto/connector-kit')).toBe('^4.7.0 || ^5.0.0');
    expect(field(dependencies, 'zod')).toMatch(/^~?3\.24\.\d+$/);
    const names = typeof dependencies === 'object' && dependencies !== null ? Object.keys(dependencies) : [];
    // Everything else is bundled: Logto installs no dependencies for a connector.
    expect(names.sort()).toEqual(['@logto/connector-kit', 'zod']);
  });
});
