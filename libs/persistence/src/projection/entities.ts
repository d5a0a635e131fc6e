import { ProjectionDepartment } from './projection-department.entity';
import { ProjectionIdp } from './projection-idp.entity';
import { ProjectionSubject } from './projection-subject.entity';

/** Entities of the projection area (one per table). */
export const projectionEntities: Function[] = [ProjectionIdp, ProjectionDepartment, ProjectionSubject];
