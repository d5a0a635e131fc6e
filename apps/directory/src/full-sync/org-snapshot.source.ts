import { Injectable } from '@nestjs/common';
import type { DirectoryUser } from '@app/contracts';
import { DirectorySnapshot, parseLarkDepartment, parseLarkUser } from '@app/directory-domain';
import { fetchOrgSnapshot, LarkContactClient, SnapshotProgress, SnapshotScope } from '@app/lark';

export interface SnapshotRequest {
  scope: SnapshotScope;
  includeUsers: boolean;
  concurrency: number;
  onProgress: (progress: SnapshotProgress) => void;
}

/** Reads the org from Lark into the domain's snapshot; throws unless every page was read, so a snapshot is always complete. */
@Injectable()
export class OrgSnapshotSource {
  async fetch(client: LarkContactClient, request: SnapshotRequest): Promise<DirectorySnapshot> {
    const snapshot = await fetchOrgSnapshot<DirectoryUser>(client, { ...request, mapUser: parseLarkUser });
    return {
      takenAt: snapshot.takenAt.getTime(),
      complete: true,
      departments: snapshot.departments.map(parseLarkDepartment),
      users: snapshot.users ? [...snapshot.users.values()] : [],
      groupMemberIds: snapshot.groupMemberIds,
    };
  }
}
