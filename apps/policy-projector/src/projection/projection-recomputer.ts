import { Injectable } from '@nestjs/common';
import type { DepartmentNode, SubjectDocument } from '@app/contracts';
import {
  buildDepartment,
  buildSubject,
  DepartmentTree,
  IdpSnapshot,
  stampVersion,
  subjectUserName,
  unknownIdp,
} from '@app/directory-domain';
import { EntityManager } from 'typeorm';
import { DirtySet } from './dirty-set';
import { OutgoingDocuments } from './outgoing-documents';
import { ProjectionRepository, SavedDepartment, SavedSubject, SubjectRow } from './projection.repository';

/** Rebuilds the documents a batch made stale from the stored state, saves them and queues the changed ones. */
@Injectable()
export class ProjectionRecomputer {
  constructor(private readonly repository: ProjectionRepository) {}

  async recompute(m: EntityManager, idpId: string, dirty: DirtySet, out: OutgoingDocuments): Promise<void> {
    const idp = (await this.repository.loadIdp(m, idpId)) ?? unknownIdp(idpId);
    const { departments, storedPaths } = await this.repository.loadTree(m, idpId);
    const tree = new DepartmentTree(departments);
    const structuralSubtree = this.structuralSubtree(tree, dirty, storedPaths);
    await this.repository.touchMembers(m, idpId, dirty.memberTouched);
    for (const [id, { at, changes }] of dirty.memberTouched) {
      const department = tree.get(id);
      if (!department) continue;
      department.memberChangedAt = Math.max(department.memberChangedAt, at);
      department.memberChanges += changes;
    }
    const countsChanged = this.withAncestors(tree, [...dirty.memberTouched.keys()], storedPaths);
    await this.recomputeSubjects(m, { idpId, idp, tree, dirty, structuralSubtree }, out);
    // An IdP change can move every count (only active subjects count).
    const everyDepartment = dirty.allSubjects ? tree.all().map((department) => department.id) : [];
    const departmentIds = new Set([
      ...structuralSubtree,
      ...dirty.departments,
      ...countsChanged,
      ...everyDepartment,
    ]);
    await this.recomputeDepartments(m, { ...idp, idpId }, tree, [...departmentIds].sort(), out);
  }

  /** Structural departments and their descendants, before and after the change. */
  private structuralSubtree(
    tree: DepartmentTree,
    dirty: DirtySet,
    storedPaths: Map<string, string[]>,
  ): Set<string> {
    const subtree = tree.subtreeOf(dirty.structural);
    for (const [id, path] of storedPaths)
      if (path.some((ancestor) => dirty.structural.has(ancestor))) subtree.add(id);
    return subtree;
  }

  /** Departments with their ancestors, old (stored path) and new (tree): whose member counts may have changed. */
  private withAncestors(
    tree: DepartmentTree,
    ids: string[],
    storedPaths: Map<string, string[]>,
  ): Set<string> {
    const result = tree.withAncestors(ids);
    for (const id of ids)
      for (const ancestor of [...(storedPaths.get(id) ?? []), ...tree.lineageOf(id)]) result.add(ancestor);
    return new Set([...result].filter((id) => tree.get(id)));
  }

  private async recomputeSubjects(
    m: EntityManager,
    scope: {
      idpId: string;
      idp: IdpSnapshot;
      tree: DepartmentTree;
      dirty: DirtySet;
      structuralSubtree: Set<string>;
    },
    out: OutgoingDocuments,
  ): Promise<void> {
    const { idpId, dirty, structuralSubtree } = scope;
    const ids = new Set(dirty.subjects);
    const extra = dirty.allSubjects ? 'all' : [...structuralSubtree];
    if (extra === 'all' || extra.length > 0)
      for (const id of await this.repository.subjectIdsIn(m, idpId, extra)) ids.add(id);
    if (ids.size === 0) return;
    const rows = await this.repository.loadSubjects(m, idpId, [...ids]);
    const saved = rows.map((row) => this.projectSubject(scope, row, out));
    await this.repository.saveSubjects(m, idpId, saved);
  }

  private projectSubject(
    scope: { idpId: string; idp: IdpSnapshot; tree: DepartmentTree },
    row: SubjectRow,
    out: OutgoingDocuments,
  ): SavedSubject {
    const { idpId } = scope;
    if (!row.state) {
      if (row.document) out.subjects.push({ idpId, openId: row.openId, value: null });
      const gone = { departmentIds: [], ancestorIds: [], counted: false, userName: null, externalId: null };
      return { openId: row.openId, ...gone, document: null, docVersion: row.docVersion };
    }
    const built = buildSubject({
      idpId,
      user: row.state,
      userSourceAt: row.sourceAt,
      userSourceVersion: row.sourceVersion,
      idp: scope.idp,
      tree: scope.tree,
    });
    const { document, changed } = stampVersion(built.content, built.watermark, built.inputVersions, {
      document: row.document,
      version: row.docVersion,
    });
    if (changed) {
      out.subjects.push({ idpId, openId: row.openId, value: document });
      if (isNewlyResigned(row.document, document))
        out.revocations.push({ idpId, openId: row.openId, since: row.causeTime ?? row.sourceAt });
    }
    return {
      openId: row.openId,
      departmentIds: built.departmentIds,
      ancestorIds: built.ancestorIds,
      counted: built.counted,
      userName: subjectUserName(document),
      externalId: document.userId,
      document,
      docVersion: document.version,
    };
  }

  private async recomputeDepartments(
    m: EntityManager,
    idp: IdpSnapshot & { idpId: string },
    tree: DepartmentTree,
    ids: string[],
    out: OutgoingDocuments,
  ): Promise<void> {
    const { idpId } = idp;
    if (ids.length === 0) return;
    const counts = await this.repository.countMembers(m, idpId, ids);
    const previous = await this.repository.loadDepartmentDocuments(m, idpId, ids);
    const saved: SavedDepartment[] = [];
    for (const id of ids) {
      const before = previous.get(id) ?? { document: null, version: 0 };
      const built = buildDepartment(idp, id, tree, counts.get(id) ?? { direct: 0, total: 0 });
      if (!built) {
        if (before.document) out.departments.push({ idpId, departmentId: id, value: null });
        saved.push({ departmentId: id, pathIds: [], document: null, docVersion: before.version });
        continue;
      }
      const { document, changed } = stampVersion(built.content, built.watermark, built.inputVersions, before);
      if (changed) out.departments.push({ idpId, departmentId: id, value: document as DepartmentNode });
      saved.push({
        departmentId: id,
        pathIds: document.path.map((step) => step.id),
        document: document as DepartmentNode,
        docVersion: document.version,
      });
    }
    await this.repository.saveDepartments(m, idpId, saved);
  }
}

function isNewlyResigned(before: SubjectDocument | null, after: SubjectDocument): boolean {
  return after.disabledReason === 'resigned' && before?.disabledReason !== 'resigned';
}
