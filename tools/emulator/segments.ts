// How an SMS text is split into billed parts: GSM 03.38 text (7-bit) fits 160 characters in
// one part and 153 in each part of a longer message; any other character makes the whole
// text UCS-2, 70 UTF-16 units in one part and 67 per part. The escape characters of the
// GSM extension table take two septets.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

const basic: ReadonlySet<string> = new Set(GSM_BASIC);
const extension: ReadonlySet<string> = new Set(GSM_EXTENSION);

/** How many billed parts a text is, and in which encoding. */
export interface SegmentCount {
  readonly encoding: 'GSM-7' | 'UCS-2';
  readonly segments: number;
}

function gsmSeptets(text: string): number | undefined {
  let septets = 0;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extension.has(char)) septets += 2;
    else return undefined;
  }
  return septets;
}

/** The parts Aliyun bills for a text. */
export function countSegments(text: string): SegmentCount {
  const septets = gsmSeptets(text);
  if (septets !== undefined) return { encoding: 'GSM-7', segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'UCS-2', segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
