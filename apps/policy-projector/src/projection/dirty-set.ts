/** What a batch of changes to one IdP made stale, to be recomputed and re-published. */
export class DirtySet {
  readonly subjects = new Set<string>();
  allSubjects = false;
  /** Departments whose name, parent or presence changed: their subtree and its members are re-published. */
  readonly structural = new Set<string>();
  /** Departments to re-publish on their own (leader change…). */
  readonly departments = new Set<string>();
  /** Departments whose member counts may have changed: time of the newest change and how many changes. */
  readonly memberTouched = new Map<string, { at: number; changes: number }>();

  touchMembers(ids: Iterable<string>, at: number): void {
    for (const id of new Set(ids)) {
      const touched = this.memberTouched.get(id);
      this.memberTouched.set(id, {
        at: Math.max(touched?.at ?? 0, at),
        changes: (touched?.changes ?? 0) + 1,
      });
    }
  }

  isEmpty(): boolean {
    return (
      !this.allSubjects &&
      this.subjects.size + this.structural.size + this.departments.size + this.memberTouched.size === 0
    );
  }
}
