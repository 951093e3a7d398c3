import { formEncode, percentEncode } from './encoding.js';

/** What every removed value is replaced with. */
export const redactionMask = '***';

/**
 * Values shorter than this are ignored: masking every "abc" would wreck the text, while
 * verification codes (4 to 6 digits) must still be caught.
 */
export const minimumSensitiveLength = 4;

type Encoder = (value: string) => string;

// Aliyun's RFC 3986 variant (what we sign), plain encodeURIComponent, and form encoding.
const encoders: readonly Encoder[] = [percentEncode, encodeURIComponent, formEncode];

/** A JSON string literal's body; a value can be escaped more than once when JSON nests JSON. */
const jsonEscape: Encoder = (value) => JSON.stringify(value).slice(1, -1);

/** JSON as serialisers that escape everything outside ASCII write it (\u6d4b). */
const jsonEscapeAscii = (value: string, hexCase: 'lower' | 'upper'): string =>
  jsonEscape(value).replace(/[^\u0020-\u007e]/g, (character) => {
    const hex = character.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${hexCase === 'upper' ? hex.toUpperCase() : hex}`;
  });

const lowercaseHex = (encoded: string): string =>
  encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

/** Runs an encoder, giving up on input it cannot encode (a lone surrogate makes URIError). */
const tryEncode = (encoder: Encoder, value: string): string | undefined => {
  try {
    return encoder(value);
  } catch {
    return undefined;
  }
};

/** The percent-encoded forms of a value: once and twice, with every mix of encoders. */
const percentEncodedForms = (value: string): string[] =>
  encoders.flatMap((outer) => {
    const once = tryEncode(outer, value);
    if (once === undefined) {
      return [];
    }
    const twice = encoders
      .map((inner) => tryEncode(inner, once))
      .filter((form) => form !== undefined);
    return [once, ...twice];
  });

/** The forms of one spelling of a value: raw, percent-encoded once and twice, JSON-escaped. */
const encodedForms = (value: string): string[] => {
  const encoded = percentEncodedForms(value);
  return [
    value,
    ...encoded,
    ...encoded.map(lowercaseHex),
    jsonEscape(value),
    jsonEscape(jsonEscape(value)),
    jsonEscapeAscii(value, 'lower'),
    jsonEscapeAscii(value, 'upper'),
  ];
};

/**
 * Other spellings of a value, as base64 values (signatures, STS tokens) end up when echoed: read
 * by a form decoder, which takes '+' for a space, or rewritten in base64url ('-' and '_' for
 * '+' and '/', padding dropped or kept).
 */
const respellings = (value: string): string[] => {
  const base64url = value.replaceAll('+', '-').replaceAll('/', '_');
  return [value.replaceAll('+', ' '), base64url, base64url.replace(/=+$/, '')];
};

/**
 * Every textual form in which a value may travel: raw, percent-encoded once and twice,
 * JSON-escaped, each also with '+' read as a space and in base64url.
 */
export function sensitiveForms(value: string): string[] {
  if (value.length < minimumSensitiveLength) {
    return [];
  }
  const spellings = [...new Set([value, ...respellings(value)])].filter((spelling) => spelling.length >= minimumSensitiveLength);
  return [...new Set(spellings.flatMap(encodedForms))].filter((form) => form.length > 0);
}

type Range = { start: number; end: number };

/** Every place a form occurs, overlapping occurrences included. */
const occurrences = (text: string, form: string): Range[] => {
  const found: Range[] = [];
  for (let start = text.indexOf(form); start !== -1; start = text.indexOf(form, start + 1)) {
    found.push({ start, end: start + form.length });
  }
  return found;
};

/** Merges overlapping ranges so that two overlapping secrets leave no fragment of either. */
const mergeRanges = (ranges: readonly Range[]): Range[] =>
  [...ranges]
    .sort((left, right) => left.start - right.start)
    .reduce<Range[]>((merged, range) => {
      const last = merged.at(-1);
      if (last !== undefined && range.start < last.end) {
        last.end = Math.max(last.end, range.end);
        return merged;
      }
      return [...merged, { ...range }];
    }, []);

/** Removes every sensitive value (raw, percent-encoded once and twice, JSON-escaped, form-decoded, base64url) from text. */
export function redact(text: string, sensitive: readonly string[]): string {
  const forms = [...new Set(sensitive.flatMap(sensitiveForms))];
  const ranges = mergeRanges(forms.flatMap((form) => occurrences(text, form)));
  if (ranges.length === 0) {
    return text;
  }
  let result = '';
  let cursor = 0;
  for (const { start, end } of ranges) {
    result += text.slice(cursor, start) + redactionMask;
    cursor = end;
  }
  return result + text.slice(cursor);
}
