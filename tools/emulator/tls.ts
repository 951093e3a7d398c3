import selfsigned from 'selfsigned';

/** A private key and its self-signed certificate, both PEM. */
export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

/**
 * Generates a one-day self-signed certificate for 127.0.0.1, ::1 and localhost. Clients trust
 * it by passing the certificate as their CA; nothing is installed system-wide.
 */
export function generateLoopbackCertificate(): TlsMaterial {
  const generated = selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    days: 1,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: generated.private, cert: generated.cert };
}
