import type { z } from 'zod';
import type { conferenceParams } from './definition.js';

export const example: z.input<typeof conferenceParams> = { room: 'support-{{ ticketId }}', moderator: true };
