import { Module } from '@nestjs/common';
import { ProjectionQueryRepository } from './projection-query.repository';
import { SubjectsController } from './subjects.controller';

/** HTTP read API over the projection (bearer LARKSYNC_ADMIN_TOKEN). The token comes from AdminTokenModule. */
@Module({
  controllers: [SubjectsController],
  providers: [ProjectionQueryRepository],
  exports: [ProjectionQueryRepository],
})
export class QueryModule {}
