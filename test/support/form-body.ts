/** Reads a form body as nock hands it to a body matcher: raw text, or already parsed into an object. */
export const formBodyOf = (body: unknown): URLSearchParams => {
  if (typeof body === 'string') {
    return new URLSearchParams(body);
  }
  const form = new URLSearchParams();
  if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body)) {
      if (typeof value === 'string') {
        form.append(name, value);
      }
    }
  }
  return form;
};
