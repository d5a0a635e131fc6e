import { Injectable } from '@nestjs/common';
import type { DirectoryChange, DirectoryDepartment, DirectoryUser, IdpState } from '@app/contracts';
import { isMembershipChange } from '@app/directory-domain';
import { EntityManager } from 'typeorm';
import { DirtySet } from './dirty-set';
import { ProjectionRepository } from './projection.repository';

/** `stale`: the projection already holds this version of the entity or a newer one. */
export type RecordOutcome = 'applied' | 'stale';

type ChangeOf<K extends DirectoryChange['entity']> = Extract<DirectoryChange, { entity: K }>;

function isStructural(before: DirectoryDepartment | null, after: DirectoryDepartment | null): boolean {
  if (!before || !after) return true;
  return before.name !== after.name || before.parentId !== after.parentId || before.status !== after.status;
}

/** Stores one change's `after` state if it is newer than what the projection holds, and marks what it affects. */
@Injectable()
export class ChangeRecorder {
  constructor(private readonly repository: ProjectionRepository) {}

  record(m: EntityManager, change: DirectoryChange, dirty: DirtySet): Promise<RecordOutcome> {
    switch (change.entity) {
      case 'idp':
        return this.recordIdp(m, change, dirty);
      case 'department':
        return this.recordDepartment(m, change, dirty);
      case 'user':
        return this.recordUser(m, change, dirty);
    }
  }

  private async recordIdp(
    m: EntityManager,
    change: ChangeOf<'idp'>,
    dirty: DirtySet,
  ): Promise<RecordOutcome> {
    const current = await this.repository.loadIdp(m, change.idpId);
    if (current && change.version <= current.sourceVersion) return 'stale';
    // A deleted IdP is treated as closed: its subjects stay, disabled, until the directory removes them.
    const state: IdpState = change.after ?? {
      idpId: change.idpId,
      status: 'closed',
      fieldMapping: current?.state.fieldMapping ?? {},
    };
    await this.repository.saveIdp(m, { ...state, idpId: change.idpId }, change.version, change.occurredAt);
    dirty.allSubjects = true;
    return 'applied';
  }

  private async recordDepartment(
    m: EntityManager,
    change: ChangeOf<'department'>,
    dirty: DirtySet,
  ): Promise<RecordOutcome> {
    const current = await this.repository.loadDepartmentState(m, change.idpId, change.entityId);
    if (current && change.version <= current.sourceVersion) return 'stale';
    // A deleted department keeps its last state (status deleted) so it stays under its parent for versioning.
    const gone = current?.state ? { ...current.state, status: 'deleted' as const } : null;
    const after = change.op === 'deleted' ? gone : change.after;
    await this.repository.saveDepartmentState(
      m,
      change.idpId,
      change.entityId,
      after,
      change.version,
      change.occurredAt,
    );
    if (isStructural(current?.state ?? null, after)) {
      dirty.structural.add(change.entityId);
      // Only direct neighbours, from this entity's own previous state: replays stamp the same times.
      const parents = [current?.state?.parentId, after?.parentId].filter(
        (id): id is string => typeof id === 'string',
      );
      dirty.touchMembers([change.entityId, ...parents], Date.parse(change.occurredAt));
    } else {
      dirty.departments.add(change.entityId);
    }
    return 'applied';
  }

  private async recordUser(
    m: EntityManager,
    change: ChangeOf<'user'>,
    dirty: DirtySet,
  ): Promise<RecordOutcome> {
    const current = await this.repository.loadUserState(m, change.idpId, change.entityId);
    if (current && change.version <= current.sourceVersion) return 'stale';
    const after: DirectoryUser | null = change.op === 'deleted' ? null : change.after;
    const causeTime = change.cause.kind === 'event' ? (change.cause.createTime ?? null) : null;
    await this.repository.saveUserState(m, change.idpId, change.entityId, {
      state: after,
      version: change.version,
      at: change.occurredAt,
      causeTime,
    });
    dirty.subjects.add(change.entityId);
    if (isMembershipChange(current?.state ?? null, after)) {
      dirty.touchMembers(
        [...(current?.state?.departmentIds ?? []), ...(after?.departmentIds ?? [])],
        Date.parse(change.occurredAt),
      );
    }
    return 'applied';
  }
}
