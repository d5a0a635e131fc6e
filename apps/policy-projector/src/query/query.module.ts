import { Module } from '@nestjs/common';
import { ProjectionQueryRepository } from './projection-query.repository';
import { SubjectCacheModule } from './subject-cache.module';
import { SubjectLookup } from './subject-lookup';
import { SubjectRoute } from './subject-route';
import { SubjectsController } from './subjects.controller';

/** HTTP read API over the projection, for policy-reader credentials. */
@Module({
  imports: [SubjectCacheModule],
  controllers: [SubjectsController],
  providers: [ProjectionQueryRepository, SubjectLookup, SubjectRoute],
  exports: [ProjectionQueryRepository],
})
export class QueryModule {}
