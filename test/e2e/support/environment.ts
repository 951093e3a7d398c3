// Process-wide state some end-to-end tests must change (environment variables, the default TLS
// trust store), changed only for the duration of one callback and restored exactly afterwards,
// even when the callback fails.
import tls from 'node:tls';

/** Variables to set; `undefined` removes one for the duration. */
export type EnvironmentChange = Readonly<Record<string, string | undefined>>;

const apply = (change: EnvironmentChange): void => {
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) {
      Reflect.deleteProperty(process.env, name);
    } else {
      process.env[name] = value;
    }
  }
};

/** Runs `run` with the variables changed, then puts every one of them back as it was (set or unset). */
export const withEnvironment = async <T>(change: EnvironmentChange, run: () => Promise<T>): Promise<T> => {
  const previous: EnvironmentChange = Object.fromEntries(Object.keys(change).map((name) => [name, process.env[name]]));
  apply(change);
  try {
    return await run();
  } finally {
    apply(previous);
  }
};

/**
 * Runs `run` with `certificate` added to Node's default CA list, for clients that accept no CA
 * option (@alicloud/credentials' STS client), then restores the previous list.
 */
export const withTrustedCertificate = async <T>(certificate: string, run: () => Promise<T>): Promise<T> => {
  const previous = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...previous, certificate]);
  try {
    return await run();
  } finally {
    tls.setDefaultCACertificates(previous);
  }
};
