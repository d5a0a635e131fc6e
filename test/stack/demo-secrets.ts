import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findRepoRoot } from '../../deploy/local/src/repo-root';

/**
 * Local-only secrets for `npm start` and the demo. The master key is kept in the git-ignored cache so
 * IdP secrets sealed in the persistent local database stay readable from one run to the next.
 */
export function localSecrets(): { masterKey: string; adminToken: string } {
  const file = join(findRepoRoot(), '.cache', 'local-master-key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return {
    masterKey: readFileSync(file, 'utf8').trim(),
    adminToken: `local-${randomBytes(18).toString('base64url')}`,
  };
}
