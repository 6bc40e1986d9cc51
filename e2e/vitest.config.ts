import { mergeConfig, defineProject } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.js';

// Browser journeys against the built app: one runtime per file, files one after another (2 cores).
export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: 'e2e',
      include: ['journeys/**/*.spec.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  }),
);
