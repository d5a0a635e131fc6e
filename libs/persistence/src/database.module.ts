import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { PostgresSsl } from './postgres-tls';

export const DATABASE_READINESS = Symbol('DATABASE_READINESS');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string, applicationName: string, ssl: PostgresSsl = undefined): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, applicationName, ssl))],
      providers: [
        {
          provide: DATABASE_READINESS,
          useFactory: (dataSource: DataSource) => ({
            name: 'database',
            check: () => dataSource.query('SELECT 1').then(() => undefined),
          }),
          inject: [DataSource],
        },
      ],
      exports: [DATABASE_READINESS],
    };
  }
}
