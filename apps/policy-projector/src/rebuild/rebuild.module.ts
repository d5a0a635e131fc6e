import { Module } from '@nestjs/common';
import { ProjectionModule } from '../projection/projection.module';
import { ProjectionRebuilder } from './projection-rebuilder';

/** Rebuild of the projection by replaying directory.changes.v1 (used by the `rebuild` CLI). */
@Module({ imports: [ProjectionModule], providers: [ProjectionRebuilder], exports: [ProjectionRebuilder] })
export class RebuildModule {}
