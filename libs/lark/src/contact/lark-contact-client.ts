import { LarkApiError } from './lark-api-error';
import { LarkDepartment, LarkContactScope, LarkPage, LarkUser } from './contact-types';
import {
  DEFAULT_RETRY_POLICY,
  emptyCallStats,
  LarkCallStats,
  LarkGet,
  LarkRequestExecutor,
  RetryPolicy,
} from './lark-request-executor';
import { fetchTransport, LarkTransport } from './lark-transport';
import { Clock, RatePacer, systemClock } from './rate-pacer';
import { TenantTokenProvider } from './tenant-token-provider';

export const ContactEndpoints = {
  scopes: 'contact.scope.list',
  departmentBatch: 'contact.department.batch',
  departmentChildren: 'contact.department.children',
  departmentGet: 'contact.department.get',
  usersByDepartment: 'contact.user.find_by_department',
  userBatch: 'contact.user.batch',
  userGet: 'contact.user.get',
  groupMembers: 'contact.group_member.simplelist',
} as const;

/** Lark's maximum for batch ids and most page sizes of the contact API. */
export const CONTACT_PAGE_SIZE = 50;

const ID_TYPES: [string, string][] = [
  ['user_id_type', 'open_id'],
  ['department_id_type', 'open_department_id'],
];

export interface LarkContactClientOptions {
  /** Lark's origin, e.g. `https://open.feishu.cn` (or the simulator). */
  baseUrl: string;
  appId: string;
  appSecret: string;
  transport?: LarkTransport;
  /** Share one token provider and one pacer per app across clients: Lark limits per app. */
  tokens?: TenantTokenProvider;
  pacer?: RatePacer;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: () => number;
}

/**
 * Lark contact API v3 reads for the full sync. Every list is an explicit page loop that throws on any
 * failed page: never the SDK's *WithIterator helpers, which turn a 429 into an empty page.
 */
export class LarkContactClient {
  readonly stats: LarkCallStats = emptyCallStats();
  readonly tokens: TenantTokenProvider;
  private readonly executor: LarkRequestExecutor;

  constructor(options: LarkContactClientOptions) {
    const transport = options.transport ?? fetchTransport;
    const clock = options.clock ?? systemClock;
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.tokens =
      options.tokens ??
      new TenantTokenProvider({ ...options, transport, clock, timeoutMs: policy.timeoutMs });
    const pacer = options.pacer ?? new RatePacer({}, undefined, clock);
    this.executor = new LarkRequestExecutor(
      options.baseUrl,
      transport,
      this.tokens,
      pacer,
      this.stats,
      policy,
      clock,
      options.random,
    );
  }

  /** A tenant token; `fresh` asks Lark even when one is cached (the connectivity test's first check). */
  async tenantToken(fresh = false): Promise<string> {
    const before = this.tokens.fetches;
    try {
      return await this.tokens.get(fresh);
    } finally {
      this.stats.tokenFetches += this.tokens.fetches - before;
    }
  }

  async scopes(): Promise<LarkContactScope> {
    const scope: LarkContactScope = { departmentIds: [], userIds: [], groupIds: [] };
    type ScopePage = LarkPage<never> & {
      department_ids?: string[];
      user_ids?: string[];
      group_ids?: string[];
    };
    await this.forEachPage<ScopePage>(
      {
        endpoint: ContactEndpoints.scopes,
        path: 'contact/v3/scopes',
        query: [...ID_TYPES, ['page_size', '100']],
      },
      (page) => {
        scope.departmentIds.push(...(page.department_ids ?? []));
        scope.userIds.push(...(page.user_ids ?? []));
        scope.groupIds.push(...(page.group_ids ?? []));
      },
    );
    return scope;
  }

  /** Departments by open id, 50 per request; Lark leaves unknown ids out. */
  async departmentsByIds(ids: string[]): Promise<LarkDepartment[]> {
    const found: LarkDepartment[] = [];
    for (const chunk of chunks(ids, CONTACT_PAGE_SIZE)) {
      const query: [string, string][] = [
        ...ID_TYPES,
        ...chunk.map((id): [string, string] => ['department_ids', id]),
      ];
      const data = await this.executor.get<LarkPage<LarkDepartment>>({
        endpoint: ContactEndpoints.departmentBatch,
        path: 'contact/v3/departments/batch',
        query,
        subject: chunk.join(','),
      });
      this.stats.pages++;
      found.push(...(data.items ?? []));
    }
    return found;
  }

  /** Direct children of a department (`0` = root), every page. */
  async children(departmentId: string): Promise<LarkDepartment[]> {
    const items: LarkDepartment[] = [];
    const path = `contact/v3/departments/${encodeURIComponent(departmentId)}/children`;
    const query: [string, string][] = [
      ...ID_TYPES,
      ['fetch_child', 'false'],
      ['page_size', String(CONTACT_PAGE_SIZE)],
    ];
    await this.forEachPage<LarkPage<LarkDepartment>>(
      { endpoint: ContactEndpoints.departmentChildren, path, query, subject: departmentId },
      (page) => items.push(...(page.items ?? [])),
    );
    return items;
  }

  /** Users directly in a department (`0` = root), every page. */
  async usersInDepartment(departmentId: string): Promise<LarkUser[]> {
    const items: LarkUser[] = [];
    const query: [string, string][] = [
      ...ID_TYPES,
      ['department_id', departmentId],
      ['page_size', String(CONTACT_PAGE_SIZE)],
    ];
    await this.forEachPage<LarkPage<LarkUser>>(
      {
        endpoint: ContactEndpoints.usersByDepartment,
        path: 'contact/v3/users/find_by_department',
        query,
        subject: departmentId,
      },
      (page) => items.push(...(page.items ?? [])),
    );
    return items;
  }

  /** Users by open id, 50 per request; users outside the scope or unknown are left out by Lark. */
  async usersByIds(openIds: string[]): Promise<LarkUser[]> {
    const found: LarkUser[] = [];
    for (const chunk of chunks(openIds, CONTACT_PAGE_SIZE)) {
      const query: [string, string][] = [
        ...ID_TYPES,
        ...chunk.map((id): [string, string] => ['user_ids', id]),
      ];
      const data = await this.executor.get<LarkPage<LarkUser>>({
        endpoint: ContactEndpoints.userBatch,
        path: 'contact/v3/users/batch',
        query,
      });
      this.stats.pages++;
      found.push(...(data.items ?? []));
    }
    return found;
  }

  /** Open ids of the users in a user group, every page. */
  async groupMemberOpenIds(groupId: string): Promise<string[]> {
    const members: string[] = [];
    type MemberPage = { memberlist?: { member_id: string }[]; has_more?: boolean; page_token?: string };
    const query: [string, string][] = [
      ['member_id_type', 'open_id'],
      ['member_type', 'user'],
      ['page_size', '100'],
    ];
    const path = `contact/v3/group/${encodeURIComponent(groupId)}/member/simplelist`;
    await this.forEachPage<MemberPage>(
      { endpoint: ContactEndpoints.groupMembers, path, query, subject: groupId },
      (page) => members.push(...(page.memberlist ?? []).map((member) => member.member_id)),
    );
    return members;
  }

  async department(departmentId: string): Promise<LarkDepartment> {
    const data = await this.executor.get<{ department: LarkDepartment }>({
      endpoint: ContactEndpoints.departmentGet,
      path: `contact/v3/departments/${encodeURIComponent(departmentId)}`,
      query: ID_TYPES,
      subject: departmentId,
    });
    return data.department;
  }

  async user(openId: string): Promise<LarkUser> {
    const data = await this.executor.get<{ user: LarkUser }>({
      endpoint: ContactEndpoints.userGet,
      path: `contact/v3/users/${encodeURIComponent(openId)}`,
      query: ID_TYPES,
      subject: openId,
    });
    return data.user;
  }

  /** First page only (for probes): at most `pageSize` users directly in the department. */
  async firstUsersInDepartment(departmentId: string, pageSize = 1): Promise<LarkUser[]> {
    const query: [string, string][] = [
      ...ID_TYPES,
      ['department_id', departmentId],
      ['page_size', String(pageSize)],
    ];
    const data = await this.executor.get<LarkPage<LarkUser>>({
      endpoint: ContactEndpoints.usersByDepartment,
      path: 'contact/v3/users/find_by_department',
      query,
      subject: departmentId,
    });
    this.stats.pages++;
    return data.items ?? [];
  }

  private async forEachPage<P extends { has_more?: boolean; page_token?: string }>(
    call: LarkGet,
    onPage: (page: P) => void,
  ): Promise<void> {
    let pageToken: string | undefined;
    do {
      const query: [string, string][] = pageToken ? [...call.query, ['page_token', pageToken]] : call.query;
      const page = await this.executor.get<P>({ ...call, query });
      this.stats.pages++;
      onPage(page);
      if (page.has_more && !page.page_token)
        throw new LarkApiError(
          -1,
          200,
          `Lark said more pages follow but sent no page token (${call.endpoint})`,
          call.endpoint,
        );
      pageToken = page.has_more ? page.page_token : undefined;
    } while (pageToken);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
