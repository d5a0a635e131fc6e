import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The code runs from src/ under Jest and from dist/ otherwise, so walk up to the package root. */
export function findRepoRoot(
  start: string = __dirname,
  exists: (path: string) => boolean = existsSync,
): string {
  let dir = start;
  for (;;) {
    if (exists(join(dir, 'package.json')) && exists(join(dir, 'deploy', 'local'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no larksync package.json above ${start}`);
    dir = parent;
  }
}
