// The text encodings Aliyun's signatures and our redaction both depend on. They live here,
// below both, so that neither has to reach into the other.

const sparedByEncodeUriComponent = /[!'()*]/;
const sparedCharacters = /[!'()*]/g;

/**
 * Percent-encodes as Aliyun's RFC 3986 variant: only A-Z a-z 0-9 - _ . ~ stay literal. With
 * `alreadyComponentEncoded`, the value is encodeURIComponent's output and only the five
 * characters it spares are escaped.
 */
export const percentEncode = (value: string, options: { alreadyComponentEncoded?: boolean } = {}): string => {
  // encodeURIComponent already emits UTF-8 with uppercase hex; it only spares these five,
  // which most values lack: testing first skips the replacement on every send.
  const encoded = options.alreadyComponentEncoded === true ? value : encodeURIComponent(value);
  return sparedByEncodeUriComponent.test(encoded)
    ? encoded.replace(sparedCharacters, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    : encoded;
};

/** application/x-www-form-urlencoded, as URLSearchParams and got's `form` write it (space is +). */
export const formEncode = (value: string): string =>
  new URLSearchParams([['', value]]).toString().slice(1);
