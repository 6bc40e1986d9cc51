import { mergeConfig, defineProject } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.js';

// Each sample's scenario test cases, run through `pnpm ivr test` as a subprocess: the samples are
// checked the way an admin runs them, and nothing here imports the runtime.
export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: 'samples',
      include: ['samples.spec.ts'],
      testTimeout: 120_000,
      maxConcurrency: 3,
    },
  }),
);
