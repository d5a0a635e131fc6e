import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DirectoryDepartment, DirectoryUser } from '@app/contracts';
import { ChangeLogEntry, IdpRepository, OrgReader } from '../org-store';
import { RequiresRole } from '@app/platform';

export type DepartmentTreeNode = DirectoryDepartment & { version: number; children: DepartmentTreeNode[] };

/** Read API over the org tree: the department tree, users of a department, a user's change history. */
@ApiTags('directory')
@RequiresRole('viewer')
@Controller('api/idps/:idpId')
export class DirectoryQueryController {
  constructor(
    private readonly reader: OrgReader,
    private readonly idps: IdpRepository,
  ) {}

  @Get('departments')
  async departments(@Param('idpId') idpId: string): Promise<DepartmentTreeNode[]> {
    await this.assertIdp(idpId);
    const rows = (await this.reader.departments(idpId)).filter((row) => row.department.status === 'active');
    const nodes = new Map(
      rows.map((row) => [
        row.department.openDepartmentId,
        { ...row.department, version: row.version, children: [] as DepartmentTreeNode[] },
      ]),
    );
    const roots: DepartmentTreeNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }

  @Get('users')
  @ApiQuery({ name: 'departmentId', required: false })
  @ApiQuery({ name: 'recursive', required: false, description: 'true: members of the whole subtree' })
  async users(
    @Param('idpId') idpId: string,
    @Query('departmentId') departmentId?: string,
    @Query('recursive') recursive?: string,
  ): Promise<(DirectoryUser & { version: number })[]> {
    await this.assertIdp(idpId);
    const rows = departmentId
      ? await this.reader.usersOfDepartment(idpId, departmentId, recursive === 'true')
      : await this.reader.users(idpId);
    return rows.map((row) => ({ ...row.user, version: row.version }));
  }

  @Get('users/:openId/history')
  async history(@Param('idpId') idpId: string, @Param('openId') openId: string): Promise<ChangeLogEntry[]> {
    await this.assertIdp(idpId);
    const entries = await this.reader.history(idpId, 'user', openId);
    if (entries.length === 0) throw new NotFoundException(`user ${openId} has no history in IdP ${idpId}`);
    return entries;
  }

  private async assertIdp(idpId: string): Promise<void> {
    if (!(await this.idps.find(idpId))) throw new NotFoundException(`IdP ${idpId} not found`);
  }
}
