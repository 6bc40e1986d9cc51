import type { z } from 'zod';
import type { conferenceToBridgeParams } from './definition.js';

export const example: z.input<typeof conferenceToBridgeParams> = { room: 'support-{{ ticketId }}' };
