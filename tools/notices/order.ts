/** Orders strings by code point, the same on every machine and locale (unlike localeCompare). */
export const byCodePoint = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);
