/**
 * Benchmark of the full sync's pure diff: 100k users and 5k departments.
 * Run: npx swc bench/domain-diff.ts libs -d /tmp/bench-out --config-file .swcrc && node /tmp/bench-out/bench/domain-diff.js
 * (or any TypeScript runner that honours the @app/* paths).
 */
import type { DirectoryDepartment, DirectoryUser } from '@app/contracts';
import { ALL_SCOPE, diffSnapshot, type DepartmentRecord, type UserRecord } from '@app/directory-domain';

const USERS = 100_000;
const DEPARTMENTS = 5_000;
const T = 1_700_000_000_000;

function department(i: number): DirectoryDepartment {
  const parentId = i === 0 ? null : `od-${Math.floor((i - 1) / 8)}`;
  return {
    openDepartmentId: `od-${i}`,
    departmentId: `D${i}`,
    name: `Dept ${i}`,
    parentId,
    path: [],
    leaderOpenId: null,
    order: i,
    status: 'active',
  };
}

function user(i: number): DirectoryUser {
  const dept = `od-${i % DEPARTMENTS}`;
  return {
    openId: `ou_${i}`,
    unionId: `on_${i}`,
    userId: `u${i}`,
    name: `User ${i}`,
    enName: null,
    email: `u${i}@example.com`,
    enterpriseEmail: null,
    mobile: null,
    employeeNo: `E${i}`,
    employeeType: 1,
    jobTitle: 'Engineer',
    departmentIds: [dept],
    primaryDepartmentId: dept,
    leaderOpenId: null,
    status: 'active',
    customAttrs: { 'C-level': String(i % 5) },
  };
}

function main(): void {
  const departments = Array.from({ length: DEPARTMENTS }, (_, i) => department(i));
  const users = Array.from({ length: USERS }, (_, i) => user(i));
  const first = diffSnapshot(
    { departments: [], users: [] },
    { takenAt: T, complete: true, departments, users },
    { scope: ALL_SCOPE },
  );
  const deptRows = first.writes
    .filter((w) => w.entity === 'department')
    .map((w) => w.record as DepartmentRecord);
  const userRows = first.writes.filter((w) => w.entity === 'user').map((w) => w.record as UserRecord);
  // second snapshot: 1 % renamed, 1 % moved, 1 % gone
  const next = users
    .filter((_, i) => i % 100 !== 0)
    .map((u, i) =>
      i % 100 === 1 ? { ...u, name: 'Renamed' } : i % 100 === 2 ? { ...u, departmentIds: ['od-1'] } : u,
    );
  const runs: number[] = [];
  let result = first;
  for (let r = 0; r < 7; r++) {
    const start = process.hrtime.bigint();
    result = diffSnapshot(
      { departments: deptRows, users: userRows },
      { takenAt: T + 1, complete: true, departments, users: next },
      { scope: ALL_SCOPE },
    );
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  runs.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      users: USERS,
      departments: DEPARTMENTS,
      medianMs: Math.round(runs[3]),
      minMs: Math.round(runs[0]),
      maxMs: Math.round(runs[6]),
      updates: result.updates.length,
      moves: result.moves.length,
      deactivations: result.deactivations.length,
      unchanged: result.unchanged,
    }),
  );
}

main();
