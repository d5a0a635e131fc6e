import fc from 'fast-check';
import {
  ancestorPath,
  computePaths,
  descendantIds,
  childIndex,
  indexDepartments,
  repathSubtree,
  usersInDepartments,
  type DepartmentLink,
} from './org-tree';
import { aDepartment, aUser } from './testing/factories';

const link = (id: string, parentId: string | null): DepartmentLink => ({ openDepartmentId: id, parentId });

describe('computePaths', () => {
  it.each([
    ['a top-level department', [link('a', null)], 'a', []],
    ['a chain', [link('c', 'b'), link('b', 'a'), link('a', null)], 'c', ['a', 'b']],
    ['a missing parent stops the path', [link('c', 'b'), link('b', 'gone')], 'c', ['b']],
    ['a two-cycle', [link('a', 'b'), link('b', 'a')], 'a', ['b']],
    ['a self-parent', [link('a', 'a')], 'a', []],
    [
      'a tail into a cycle',
      [link('x', 'a'), link('a', 'b'), link('b', 'c'), link('c', 'a')],
      'x',
      ['c', 'b', 'a'],
    ],
  ])('should compute the path of %s', (_label, links, id, expected) => {
    expect(computePaths(links).get(id)).toEqual(expected);
    expect(ancestorPath(id, indexDepartments(links))).toEqual(expected);
  });
});

/** Random parent links over n departments, cycles and dangling parents included. */
const linksArb = fc
  .integer({ min: 1, max: 30 })
  .chain((n) =>
    fc
      .array(fc.option(fc.integer({ min: 0, max: n + 2 }), { nil: null }), { minLength: n, maxLength: n })
      .map((parents) => parents.map((p, i) => link(`d${i}`, p === null ? null : `d${p}`))),
  );

describe('org-tree invariants', () => {
  it('should give paths of known, distinct ancestors linked parent to child, never containing the department', () => {
    fc.assert(
      fc.property(linksArb, (links) => {
        const index = indexDepartments(links);
        const paths = computePaths(links);
        for (const d of links) {
          const path = paths.get(d.openDepartmentId) as string[];
          expect(new Set(path).size).toBe(path.length);
          expect(path).not.toContain(d.openDepartmentId);
          path.forEach((id) => expect(index.has(id)).toBe(true));
          const chain = [...path, d.openDepartmentId];
          for (let i = 1; i < chain.length; i++) expect(index.get(chain[i])?.parentId).toBe(chain[i - 1]);
          expect(path).toEqual(ancestorPath(d.openDepartmentId, index));
        }
      }),
    );
  });

  it('should list a descendant exactly when the root is on its upward walk', () => {
    fc.assert(
      fc.property(linksArb, fc.nat(), (links, pick) => {
        const root = links[pick % links.length].openDepartmentId;
        const index = indexDepartments(links);
        const below = new Set(descendantIds(root, childIndex(links)));
        for (const d of links) {
          if (d.openDepartmentId === root) continue;
          const walk = ancestorPath(d.openDepartmentId, index);
          const reachesRoot = walk.includes(root) || d.parentId === root;
          expect(below.has(d.openDepartmentId)).toBe(reachesRoot);
        }
      }),
    );
  });
});

describe('descendantIds', () => {
  it.each([
    ['a leaf', 'c', []],
    ['a subtree', 'b', ['c', 'd']],
    ['the whole tree', 'a', ['b', 'e', 'c', 'd']],
  ])('should list the descendants of %s', (_label, root, expected) => {
    const links = [link('a', null), link('b', 'a'), link('c', 'b'), link('d', 'b'), link('e', 'a')];
    expect(descendantIds(root, childIndex(links))).toEqual(expected);
  });

  it('should terminate on a cycle', () => {
    expect(descendantIds('a', childIndex([link('a', 'b'), link('b', 'a')]))).toEqual(['b']);
  });
});

describe('repathSubtree', () => {
  it('should return only the moved department and its descendants with new paths', () => {
    const root = aDepartment({ openDepartmentId: 'r' });
    const other = aDepartment({ openDepartmentId: 'o', parentId: 'r', path: ['r'] });
    const moved = aDepartment({ openDepartmentId: 'm', parentId: 'o', path: ['r'] }); // parent already updated to o
    const child = aDepartment({ openDepartmentId: 'c', parentId: 'm', path: ['r', 'm'] });
    const sibling = aDepartment({ openDepartmentId: 's', parentId: 'r', path: ['r'] });
    const changed = repathSubtree([root, other, moved, child, sibling], 'm');
    expect(changed.map((d) => [d.openDepartmentId, d.path])).toEqual([
      ['m', ['r', 'o']],
      ['c', ['r', 'o', 'm']],
    ]);
  });

  it('should return nothing when no path changed', () => {
    const a = aDepartment({ openDepartmentId: 'a' });
    const b = aDepartment({ openDepartmentId: 'b', parentId: 'a', path: ['a'] });
    expect(repathSubtree([a, b], 'a')).toEqual([]);
  });

  it('should return nothing for an unknown root', () => {
    expect(repathSubtree([aDepartment()], 'nope')).toEqual([]);
  });
});

describe('usersInDepartments', () => {
  it('should return the members of any of the departments', () => {
    const u1 = aUser({ departmentIds: ['a'] });
    const u2 = aUser({ departmentIds: ['x', 'b'] });
    const u3 = aUser({ departmentIds: ['c'] });
    expect(usersInDepartments([u1, u2, u3], ['a', 'b'])).toEqual([u1, u2]);
  });
});
