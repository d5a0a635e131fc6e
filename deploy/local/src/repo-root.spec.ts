import { join } from 'node:path';
import { findRepoRoot } from './repo-root';

describe('findRepoRoot', () => {
  const root = join('/', 'work', 'repo');
  const present = new Set([
    join(root, 'package.json'),
    join(root, 'deploy', 'local'),
    join(root, 'dist', 'deploy', 'local'),
  ]);

  it.each([join(root, 'deploy', 'local', 'src'), join(root, 'dist', 'deploy', 'local', 'src'), root])(
    'should find the root from %s',
    (start) => {
      expect(findRepoRoot(start, (path) => present.has(path))).toBe(root);
    },
  );

  it('should fail outside the repo', () => {
    expect(() => findRepoRoot(join('/', 'elsewhere'), () => false)).toThrow(/no larksync package.json/);
  });
});
