// How Aliyun (like every carrier) splits an SMS into billed parts. Text made only of GSM 03.38
// characters is sent in 7-bit units: 160 in a single part, 153 per part once it is longer (the
// rest carries the part header); the characters of the extension table (€, [, ], {, }, ~, ^, |,
// \, form feed) take two units. Any other character, one emoji or one Chinese character, makes
// the whole text UCS-2: 70 UTF-16 units in a single part, 67 per part.

const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '^{}\\[~]|€\f';

const basic: ReadonlySet<string> = new Set(gsmBasic);
const extension: ReadonlySet<string> = new Set(gsmExtension);

/** The encoding a text is sent in, its length in that encoding's units, and its billed parts. */
export type SegmentCount = { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number };

/** Limits of one encoding: units in a single part, and per part of a longer message. */
export const segmentLimits = {
  'GSM-7': { single: 160, perPart: 153 },
  'UCS-2': { single: 70, perPart: 67 },
} as const;

const gsmUnits = (text: string): number | undefined => {
  let units = 0;
  for (const char of text) {
    if (basic.has(char)) {
      units += 1;
    } else if (extension.has(char)) {
      units += 2;
    } else {
      return undefined;
    }
  }
  return units;
};

/** Counts the parts a text is billed as. */
export const countSegments = (text: string): SegmentCount => {
  const gsm = gsmUnits(text);
  const encoding = gsm === undefined ? 'UCS-2' : 'GSM-7';
  const units = gsm ?? text.length;
  const { single, perPart } = segmentLimits[encoding];
  return { encoding, units, segments: units <= single ? 1 : Math.ceil(units / perPart) };
};
