import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  caFile: string;
  /** Issued by the CA for 127.0.0.1 (an IP SAN): verifies for 127.0.0.1, not for `localhost`. */
  serverCertFile: string;
  serverKeyFile: string;
  /** Key, certificate and CA in one PEM file: a Kafka PEM keystore. */
  serverKeystoreFile: string;
}

/** A throwaway CA and a server certificate for 127.0.0.1, made with the openssl command line, for the TLS tests. */
export function issueTestCertificates(dir: string, name = 'test'): TestCertificates {
  const file = (suffix: string) => join(dir, `${name}-${suffix}`);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const rsa = ['-newkey', 'rsa:2048', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...rsa,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    `/CN=${name}-ca`,
  );
  openssl('req', ...rsa, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '2',
    '-extfile',
    file('san.ext'),
  );
  const keystore = [file('server.key'), file('server.pem'), file('ca.pem')].map((part) =>
    readFileSync(part, 'utf8'),
  );
  writeFileSync(file('keystore.pem'), keystore.join(''));
  return {
    caFile: file('ca.pem'),
    serverCertFile: file('server.pem'),
    serverKeyFile: file('server.key'),
    serverKeystoreFile: file('keystore.pem'),
  };
}
