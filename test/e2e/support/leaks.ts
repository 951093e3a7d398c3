// "No leak" checks: an error is rendered every way a logger, Logto or a developer might render
// it, and none of those renderings may contain a sensitive value in any encoding it travels in.
import { inspect } from 'node:util';

import { expect } from 'vitest';

/** One way of turning an error into text, named so that a failure says where the leak was. */
export type Rendering = { readonly how: string; readonly text: string };

const safely = (render: () => string | undefined): string => {
  try {
    return render() ?? '';
  } catch (error: unknown) {
    return `<rendering failed: ${String(error)}>`;
  }
};

const renderOne = (value: unknown, label: string): Rendering[] => {
  const renderings: Rendering[] = [
    { how: `String(${label})`, text: safely(() => String(value)) },
    { how: `JSON.stringify(${label})`, text: safely(() => JSON.stringify(value)) },
    { how: `inspect(${label}, depth 10)`, text: safely(() => inspect(value, { depth: 10 })) },
    {
      how: `inspect(${label}, depth 10, showHidden)`,
      text: safely(() => inspect(value, { depth: 10, showHidden: true })),
    },
  ];
  if (value instanceof Error) {
    const data: unknown = Reflect.get(value, 'data');
    renderings.push(
      { how: `${label}.message`, text: value.message },
      { how: `String(${label}.stack)`, text: String(value.stack) },
      { how: `JSON.stringify(${label}.data)`, text: safely(() => JSON.stringify(data)) },
      { how: `inspect(${label}.data)`, text: safely(() => inspect(data, { depth: 10 })) }
    );
  }
  return renderings;
};

/** Every rendering of an error, its data and its whole cause chain. */
export const renderError = (error: unknown): Rendering[] => {
  const renderings: Rendering[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth += 1) {
    renderings.push(...renderOne(current, depth === 0 ? 'error' : `error${'.cause'.repeat(depth)}`));
    current = current instanceof Error ? current.cause : undefined;
  }
  return renderings;
};

const tryEncode = (encode: (value: string) => string, value: string): string[] => {
  try {
    return [encode(value)];
  } catch {
    return [];
  }
};

/** A value as it may travel: raw, percent-encoded (once and twice), form-encoded, JSON-escaped. */
export const encodedForms = (value: string): string[] => {
  const percent = encodeURIComponent(value);
  const rfc3986 = percent.replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  const forms = [
    value,
    percent,
    rfc3986,
    encodeURIComponent(percent),
    encodeURIComponent(rfc3986),
    new URLSearchParams([['', value]]).toString().slice(1),
    ...tryEncode((text) => JSON.stringify(text).slice(1, -1), value),
    ...tryEncode((text) => JSON.stringify(JSON.stringify(text)).slice(1, -1), value),
  ];
  return [...new Set(forms)].filter((form) => form.length > 0);
};

/** Values that must not appear, grouped by what they are so that failures read well. */
export type Forbidden = Readonly<Record<string, readonly string[]>>;

/** Asserts that no rendering of the error contains any forbidden value in any form. */
export const expectNoLeak = (error: unknown, forbidden: Forbidden): void => {
  const renderings = renderError(error);
  // Guard against a vacuous pass: the renderings must actually carry the error's content.
  expect(renderings.length).toBeGreaterThanOrEqual(8);
  const leaks: string[] = [];
  for (const [what, values] of Object.entries(forbidden)) {
    for (const value of values) {
      expect(value.length, `a forbidden ${what} value is too short to be meaningful`).toBeGreaterThanOrEqual(4);
      for (const form of encodedForms(value)) {
        for (const { how, text } of renderings) {
          if (text.includes(form)) {
            leaks.push(`${what} (${JSON.stringify(form)}) in ${how}`);
          }
        }
      }
    }
  }
  expect(leaks).toEqual([]);
};
