import type { Executor } from '../../executor.js';
import { requireCall } from '../../shared/call-helpers.js';
import type { RecordCallParams } from './definition.js';

/** Whole-call recording: start, stop, and mask/unmask while sensitive data is spoken or keyed. */
export const recordCallExecutor: Executor<RecordCallParams> = async (context) => {
  const { params } = context;
  const call = requireCall(context);
  switch (params.action) {
    case 'start': {
      const { file } = await call.startSessionRecording({ format: params.format, stereo: params.stereo });
      return { exit: 'ok', ...(params.into ? { vars: { [params.into]: file } } : {}) };
    }
    case 'stop':
      await call.stopSessionRecording();
      return { exit: 'ok' };
    case 'mask':
      await call.maskRecording();
      return { exit: 'ok' };
    case 'unmask':
      await call.unmaskRecording();
      return { exit: 'ok' };
  }
};
