import swc from 'unplugin-swc';
import { mergeConfig, defineProject } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// NestJS resolves constructor injection from decorator metadata, which esbuild (vitest's default
// transform) does not emit; SWC does.
export default mergeConfig(
  sharedConfig,
  defineProject({
    plugins: [
      swc.vite({
        module: { type: 'es6' },
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
      }),
    ],
    test: { name: 'runtime', pool: 'forks' },
  }),
);
