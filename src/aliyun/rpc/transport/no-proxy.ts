// NO_PROXY as curl reads it: a list of host names, domains and IP addresses (CIDR allowed)
// separated by commas or spaces, `*` for every host. A name matches itself and every name
// under it, with or without a leading dot. An entry may also carry a port, as many tools
// accept: it then matches that port only, while an entry without one matches every port.
// Nothing is resolved: an IP entry matches a URL written with that IP, a name entry a URL
// written with a name.
import { BlockList, isIP } from 'node:net';

/** One parsed NO_PROXY entry. */
type Entry =
  | { kind: 'name'; name: string; port?: number }
  | { kind: 'address'; addresses: BlockList; port?: number };

/** A parsed NO_PROXY list. */
export type NoProxyList = { everything: boolean; entries: readonly Entry[] };

/** The list that matches nothing (NO_PROXY unset). */
export const emptyNoProxyList: NoProxyList = { everything: false, entries: [] };

const portOf = (text: string | undefined): number | undefined => {
  if (text === undefined) {
    return undefined;
  }
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port < 65_536 ? port : Number.NaN;
};

const addressEntry = (address: string, prefix: string | undefined, port: string | undefined): Entry | undefined => {
  const family = isIP(address);
  const parsedPort = portOf(port);
  if (family === 0 || Number.isNaN(parsedPort)) {
    return undefined;
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const addresses = new BlockList();
  if (prefix === undefined) {
    addresses.addAddress(address, type);
  } else {
    const bits = Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
      return undefined;
    }
    addresses.addSubnet(address, bits, type);
  }
  return { kind: 'address', addresses, ...(parsedPort === undefined ? {} : { port: parsedPort }) };
};

// [v6](/bits)?(:port)?, v4(/bits)?(:port)?, bare v6(/bits)?, then a name(:port)?.
const bracketedV6 = /^\[([^\]]+)\](?:\/(\d+))?(?::(\d+))?$/;
const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d+))?(?::(\d+))?$/;
const bareV6 = /^([^/\s]+)(?:\/(\d+))?$/;
const name = /^(?:\*?\.)?([^:/]+?)\.?(?::(\d+))?$/;

const parseEntry = (token: string): Entry | undefined => {
  const address = bracketedV6.exec(token) ?? v4.exec(token);
  if (address) {
    return addressEntry(address[1] ?? '', address[2], address[3]);
  }
  const v6 = bareV6.exec(token);
  if (v6 && isIP(v6[1] ?? '') === 6) {
    return addressEntry(v6[1] ?? '', v6[2], undefined);
  }
  const named = name.exec(token);
  const port = portOf(named?.[2]);
  if (!named || Number.isNaN(port)) {
    return undefined;
  }
  return { kind: 'name', name: named[1] ?? '', ...(port === undefined ? {} : { port }) };
};

/** Parses a NO_PROXY value; entries it cannot read are skipped, as curl skips them. */
export const parseNoProxy = (value: string): NoProxyList => {
  const tokens = value
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((token) => token !== '');
  return {
    everything: tokens.includes('*'),
    entries: tokens.map(parseEntry).filter((entry) => entry !== undefined),
  };
};

const nameMatches = (entry: string, host: string): boolean =>
  host === entry || host.endsWith(`.${entry}`);

/**
 * Whether a destination bypasses the proxy. `host` is the URL's host name as the URL
 * parser gives it (lower case, an IPv6 address in brackets).
 */
export const bypassesProxy = (list: NoProxyList, host: string, port: number): boolean => {
  if (list.everything) {
    return true;
  }
  const bare = host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  const family = isIP(bare);
  return list.entries.some((entry) => {
    if (entry.port !== undefined && entry.port !== port) {
      return false;
    }
    if (entry.kind === 'name') {
      return family === 0 && nameMatches(entry.name, bare);
    }
    return family !== 0 && entry.addresses.check(bare, family === 4 ? 'ipv4' : 'ipv6');
  });
};
