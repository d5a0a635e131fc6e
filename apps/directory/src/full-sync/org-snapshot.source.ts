import { Injectable } from '@nestjs/common';
import type { DirectoryDepartment, DirectoryUser } from '@app/contracts';
import { computePaths, parseLarkDepartment, parseLarkUser } from '@app/directory-domain';
import { fetchOrgSnapshot, LarkContactClient, SnapshotProgress, SnapshotScope } from '@app/lark';

/** A complete read of the IdP's org in the directory's shapes. */
export interface DirectorySnapshot {
  takenAt: number;
  departments: DirectoryDepartment[];
  users: DirectoryUser[] | null;
}

export interface SnapshotRequest {
  scope: SnapshotScope;
  includeUsers: boolean;
  concurrency: number;
  onProgress: (progress: SnapshotProgress) => void;
}

/** Reads the org from Lark and maps it; throws unless every page was read. */
@Injectable()
export class OrgSnapshotSource {
  async fetch(client: LarkContactClient, request: SnapshotRequest): Promise<DirectorySnapshot> {
    const snapshot = await fetchOrgSnapshot(client, { ...request, mapUser: parseLarkUser });
    const parsed = snapshot.departments.map(parseLarkDepartment);
    const paths = computePaths(parsed);
    return {
      takenAt: snapshot.takenAt.getTime(),
      departments: parsed.map((department) => ({ ...department, path: paths.get(department.openDepartmentId) ?? [] })),
      users: snapshot.users ? [...snapshot.users.values()] : null,
    };
  }
}
