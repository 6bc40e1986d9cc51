import type { z } from 'zod';
import type { httpParams } from './definition.js';

export const example: z.input<typeof httpParams> = {
  method: 'POST',
  url: 'https://survey.example.com/answers',
  body: '{ "caller": {{ call.callerId }}, "score": {{ score }} }',
  map: { id: 'answerId' },
};
