import { type DynamicModule, Global, Module } from '@nestjs/common';

/** Makes an app's validated configuration object injectable by its class. */
@Global()
@Module({})
export class AppConfigModule {
  static register<T extends object>(config: T): DynamicModule {
    const token = config.constructor as new () => T;
    return { module: AppConfigModule, providers: [{ provide: token, useValue: config }], exports: [token] };
  }
}
