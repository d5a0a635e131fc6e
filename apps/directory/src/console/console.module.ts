import { DynamicModule, Module } from '@nestjs/common';
import { ConsoleSessionController } from './console-session.controller';
import { CONSOLE_SESSION_KEY } from './console.options';

/** The admin console's sign-in; its pages are served by `serveConsole`. */
@Module({})
export class ConsoleModule {
  static register(sessionKey: Buffer): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleSessionController],
      providers: [{ provide: CONSOLE_SESSION_KEY, useValue: sessionKey }],
    };
  }
}
