import { Module } from '@nestjs/common';
import { SubjectCacheModule } from '../query/subject-cache.module';
import { ChangeRecorder } from './change-recorder';
import { DirectoryChangesConsumer } from './directory-changes.consumer';
import { DocumentPublisher } from './document.publisher';
import { ProjectionMetrics } from './projection.metrics';
import { ProjectionRecomputer } from './projection-recomputer';
import { ProjectionRepository } from './projection.repository';
import { ProjectionService } from './projection.service';

/** directory.changes.v1 → projection tables → sase.subjects.v1 / sase.departments.v1. */
@Module({
  imports: [SubjectCacheModule],
  controllers: [DirectoryChangesConsumer],
  providers: [
    ProjectionRepository,
    ChangeRecorder,
    ProjectionRecomputer,
    DocumentPublisher,
    ProjectionMetrics,
    ProjectionService,
  ],
  exports: [ProjectionService, ProjectionRepository, DocumentPublisher, SubjectCacheModule],
})
export class ProjectionModule {}
