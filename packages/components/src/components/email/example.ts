import type { z } from 'zod';
import type { emailParams } from './definition.js';

export const example: z.input<typeof emailParams> = {
  connection: 'office-smtp',
  to: 'support@example.com',
  subject: 'Voice message from {{ call.callerId }}',
  attachment: '{{ voicemail }}',
};
