import { Module } from '@nestjs/common';
import { QueryModule } from '../query/query.module';
import { ScimController } from './scim.controller';

/** Read-only SCIM 2.0 over the projection. */
@Module({ imports: [QueryModule], controllers: [ScimController] })
export class ScimModule {}
