/** The parameters of one request, from the query string and (for POST) the form body. */
export interface RequestParams {
  readonly values: ReadonlyMap<string, string>;
  /** Names given more than once; the emulator refuses these rather than guess which one counts. */
  readonly duplicates: readonly string[];
}

/** Merges query and form-body parameters, as Aliyun's RPC gateway reads both. */
export function collectParams(query: string, formBody: string | undefined): RequestParams {
  const values = new Map<string, string>();
  const duplicates: string[] = [];
  const sources = [new URLSearchParams(query), new URLSearchParams(formBody ?? '')];
  for (const source of sources) {
    for (const [name, value] of source) {
      if (values.has(name)) {
        if (!duplicates.includes(name)) duplicates.push(name);
        continue;
      }
      values.set(name, value);
    }
  }
  return { values, duplicates };
}

/** Whether a Content-Type header announces a form body (`application/x-www-form-urlencoded`). */
export function isFormContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** The parameters as a plain record, for recording and signing. */
export function toRecord(values: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries(values);
}
