/** What a batch of changes to one IdP made stale, to be recomputed and re-published. */
export class DirtySet {
  readonly subjects = new Set<string>();
  allSubjects = false;
  /** Departments whose name, parent or presence changed: their subtree and its members are re-published. */
  readonly structural = new Set<string>();
  /** Departments to re-publish on their own (leader change…). */
  readonly departments = new Set<string>();
  /** Departments whose member counts may have changed, with the time of the change. */
  readonly memberTouched = new Map<string, number>();

  touchMembers(ids: Iterable<string>, at: number): void {
    for (const id of ids) this.memberTouched.set(id, Math.max(this.memberTouched.get(id) ?? 0, at));
  }

  isEmpty(): boolean {
    return !this.allSubjects && this.subjects.size + this.structural.size + this.departments.size + this.memberTouched.size === 0;
  }
}
