import type { Executor } from '../../executor.js';
import type { PauseParams } from './definition.js';

export const pauseExecutor: Executor<PauseParams> = async ({ params, ports, signal }) => {
  await ports.clock.sleep(params.duration * 1000, { signal });
  return { exit: 'ok' };
};
