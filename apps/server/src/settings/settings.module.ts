import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from './settings';

export const SETTINGS = Symbol('SETTINGS');

// Settings are loaded once in main.ts (so a bad value stops start-up before anything else)
// and handed to the module graph here.
@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: Settings): DynamicModule {
    return { module: SettingsModule, providers: [{ provide: SETTINGS, useValue: settings }], exports: [SETTINGS] };
  }
}
