import { EventEnvelope } from './event-envelopes';
import { EventFanOut } from './event-fan-out';
import { SimDepartment, SimUser } from './org-model';
import { CreateDepartmentInput, HireUserInput, OrgMutations, UserChanges } from './org-mutations';
import { ContactScope } from './sim-apps';

/** Org mutations that also deliver the implied events to every app's Request URL. */
export class SimMutator {
  constructor(
    private readonly mutations: OrgMutations,
    private readonly fanOut: EventFanOut,
  ) {}

  hireUser(input: HireUserInput): { user: SimUser; envelopes: EventEnvelope[] } {
    const { user, events } = this.mutations.hireUser(input);
    return { user, envelopes: this.fanOut.emit(events) };
  }

  updateUser(openId: string, changes: UserChanges): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.updateUser(openId, changes));
  }

  resignUser(openId: string): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.resignUser(openId));
  }

  freezeUser(openId: string): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.freezeUser(openId));
  }

  unfreezeUser(openId: string): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.unfreezeUser(openId));
  }

  moveUser(openId: string, departmentOpenIds: string[]): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.moveUser(openId, departmentOpenIds));
  }

  createDepartment(input: CreateDepartmentInput): { department: SimDepartment; envelopes: EventEnvelope[] } {
    const { department, events } = this.mutations.createDepartment(input);
    return { department, envelopes: this.fanOut.emit(events) };
  }

  renameDepartment(openDepartmentId: string, name: string, enName?: string): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.renameDepartment(openDepartmentId, name, enName));
  }

  setDepartmentLeader(openDepartmentId: string, leaderOpenId: string | undefined): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.setDepartmentLeader(openDepartmentId, leaderOpenId));
  }

  moveDepartment(openDepartmentId: string, newParentOpenId: string): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.moveDepartment(openDepartmentId, newParentOpenId));
  }

  deleteDepartment(openDepartmentId: string): EventEnvelope[] {
    return this.fanOut.emit(this.mutations.deleteDepartment(openDepartmentId));
  }

  changeScope(appId: string, scope: ContactScope): EventEnvelope[] {
    return this.fanOut.changeScope(appId, scope);
  }
}
