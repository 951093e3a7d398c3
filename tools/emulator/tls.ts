import selfsigned from 'selfsigned';

/** A private key and its self-signed certificate, both PEM. */
export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

/** Host names and IP addresses a certificate is issued for. */
export interface CertificateSubjects {
  readonly dnsNames: readonly string[];
  readonly ips?: readonly string[];
}

/**
 * Generates a one-day self-signed server certificate for the given names. Clients trust it by
 * passing the certificate as their CA; nothing is installed system-wide.
 */
export function generateCertificate({ dnsNames, ips = [] }: CertificateSubjects): TlsMaterial {
  const generated = selfsigned.generate([{ name: 'commonName', value: dnsNames[0] ?? ips[0] ?? 'localhost' }], {
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
          ...dnsNames.map((value) => ({ type: 2, value })),
          ...ips.map((ip) => ({ type: 7, ip })),
        ],
      },
    ],
  });
  return { key: generated.private, cert: generated.cert };
}

/** A certificate for 127.0.0.1, ::1, localhost and any extra names: what the emulator's HTTPS listener serves. */
export function generateLoopbackCertificate(extraDnsNames: readonly string[] = []): TlsMaterial {
  return generateCertificate({ dnsNames: ['localhost', ...extraDnsNames], ips: ['127.0.0.1', '::1'] });
}
