import './instrument';
import { loadConfig } from '@app/config';
import { bootApp } from '@app/platform';
import { AppModule } from './app.module';
import { SchedulerEnv } from './config/scheduler.config';

void bootApp({
  service: 'scheduler',
  loadConfig: () => loadConfig(SchedulerEnv),
  module: (config, logger) => AppModule.register(config, logger),
});
