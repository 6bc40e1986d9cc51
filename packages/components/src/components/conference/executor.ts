import type { Executor } from '../../executor.js';
import { requireCall } from '../../shared/call-helpers.js';
import type { ConferenceParams } from './definition.js';

/** Joins the caller to a conference room; goes on when the caller leaves the room. */
export const conferenceExecutor: Executor<ConferenceParams> = async (context) => {
  const { params, signal } = context;
  await requireCall(context).joinConference({
    room: context.renderTemplate(params.room),
    profile: params.profile,
    moderator: params.moderator,
    muted: params.muted,
    deaf: params.deaf,
    endOnExit: params.endOnExit,
    waitForModerator: params.waitForModerator,
    ...(params.pin !== undefined ? { pin: context.renderTemplate(params.pin) } : {}),
    signal,
  });
  return { exit: 'ok' };
};
