/** Turns a rendered prompt into the FreeSWITCH applications that play it, in the prompt's order. */
import type { RenderedPrompt } from '@ivr/components';

export interface MediaStep {
  app: 'playback' | 'speak' | 'say';
  arg: string;
}

export interface PromptMediaOptions {
  /** `speak` engine and voice, e.g. `flite|kal` (TTS_ENGINE). */
  ttsEngine: string;
  language: string;
  /** Maps a prompt-library name to a path FreeSWITCH can play; paths and URLs pass through. */
  resolveFile?: (name: string, language: string) => string;
}

/** mod_say type and method for each `say` type of the catalog. */
const SAY_AS: Record<string, [type: string, method: string]> = {
  number: ['number', 'pronounced'],
  digits: ['number', 'iterated'],
  ordinal: ['number', 'counted'],
  money: ['currency', 'pronounced'],
  date: ['current_date', 'pronounced'],
  time: ['current_time', 'pronounced'],
  datetime: ['current_date_time', 'pronounced'],
};

/** Dates are said from epoch seconds; numbers and money pass as they are. */
function sayValue(type: string, value: string): string {
  if (type === 'date' || type === 'time' || type === 'datetime') {
    if (/^\d+$/.test(value)) return value;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new Error(`"${value}" is not a date`);
    return String(Math.floor(ms / 1000));
  }
  return value.trim();
}

/** Application arguments travel in one header line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

export function promptMedia(prompt: RenderedPrompt, options: PromptMediaOptions): MediaStep[] {
  const steps: MediaStep[] = [];
  if (prompt.file) {
    const file = options.resolveFile ? options.resolveFile(prompt.file, options.language) : prompt.file;
    steps.push({ app: 'playback', arg: oneLine(file) });
  }
  if (prompt.tts) steps.push({ app: 'speak', arg: `${options.ttsEngine}|${oneLine(prompt.tts)}` });
  if (prompt.say) {
    const [type, method] = SAY_AS[prompt.say.type] ?? ['number', 'pronounced'];
    const gender = prompt.say.gender ? ` ${prompt.say.gender.toUpperCase()}` : '';
    steps.push({
      app: 'say',
      arg: `${options.language} ${type} ${method}${gender} ${sayValue(prompt.say.type, prompt.say.value)}`,
    });
  }
  if (prompt.tone) {
    const tone = prompt.tone.startsWith('tone_stream://') ? prompt.tone : `tone_stream://${prompt.tone}`;
    steps.push({ app: 'playback', arg: oneLine(tone) });
  }
  return steps;
}
