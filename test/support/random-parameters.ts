import fc from 'fast-check';

/** Characters that break naive encoders: multi-byte UTF-8 (BMP and astral), reserved and sub-delims. */
export const trickyCharacters: readonly string[] = [
  '短', '信', '测', '试', '😀', '👍🏽', ' ', '*', '~', '!', "'", '(', ')', '+', '&', '=',
  '%', '/', '?', '#', 'a', 'Z', '0', '9', '-', '_', '.',
];

/** A short non-empty string drawn from the tricky characters. */
export const trickyString: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...trickyCharacters), { minLength: 1, maxLength: 12 })
  .map((characters) => characters.join(''));

/** Random request parameters: tricky names, tricky or empty values. */
export const randomParameters: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  trickyString,
  fc.oneof(trickyString, fc.constant('')),
  { minKeys: 1, maxKeys: 8 }
);
