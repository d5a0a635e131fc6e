import type { DepartmentNode, SubjectDocument } from '@app/contracts';

/** A resignation that disabled a subject, timed from its cause (for the time-to-revoke metric). */
export interface Revocation {
  idpId: string;
  openId: string;
  since: number;
}

/** Documents to publish after a batch: `value` null is a tombstone. */
export class OutgoingDocuments {
  readonly subjects: { idpId: string; openId: string; value: SubjectDocument | null }[] = [];
  readonly departments: { idpId: string; departmentId: string; value: DepartmentNode | null }[] = [];
  readonly revocations: Revocation[] = [];

  get size(): number {
    return this.subjects.length + this.departments.length;
  }
}
