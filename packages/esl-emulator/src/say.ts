/**
 * What mod_say speaks for `say <module>[:<lang>] <type> <method> [<gender>] <value>`, as words, one
 * per sound file it would play (so the words also give the duration). The rules are mod_say_en's:
 * numbers in groups of three ("one hundred twenty three"), COUNTED only for the last digit ("twenty
 * first", but "twelve"), money always with "and ... cents", dates and times from epoch seconds.
 */

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const PHONETIC: Record<string, string> = {
  a: 'alpha',
  b: 'bravo',
  c: 'charlie',
  d: 'delta',
  e: 'echo',
  f: 'foxtrot',
  g: 'golf',
  h: 'hotel',
  i: 'india',
  j: 'juliett',
  k: 'kilo',
  l: 'lima',
  m: 'mike',
  n: 'november',
  o: 'oscar',
  p: 'papa',
  q: 'quebec',
  r: 'romeo',
  s: 'sierra',
  t: 'tango',
  u: 'uniform',
  v: 'victor',
  w: 'whiskey',
  x: 'xray',
  y: 'yankee',
  z: 'zulu',
};

/** Say genders FreeSWITCH knows (switch_ivr_get_say_gender_by_name); English ignores them. */
export const SAY_GENDERS = ['masculine', 'feminine', 'neuter', 'utrum'];

/** Languages with a say module in a stock FreeSWITCH build. */
export const SAY_LANGS = new Set([
  'en',
  'es',
  'ru',
  'de',
  'fr',
  'it',
  'pt',
  'nl',
  'ja',
  'zh',
  'he',
  'th',
  'hu',
  'pl',
  'sv',
  'fa',
  'hr',
  'id',
]);

/** Each word is one sound file: about 800 ms with the captures' prompts, plus 400 ms to start. */
export const SAY_LEAD_MS = 400;
export const SAY_WORD_MS = 800;

export interface SayRequest {
  /** The say module (`en` of `en:en`). */
  module: string;
  lang: string;
  type: string;
  method: string;
  gender: string | undefined;
  value: string;
}

/**
 * The say application's arguments as mod_dptools splits them: at most five space-separated fields,
 * the last keeping the rest. Four fields: no gender; five: the fourth is the gender (whatever it
 * says) and the value is everything after it. Anything else is a usage error (undefined).
 */
export function parseSayArgs(data: string): SayRequest | undefined {
  const fields: string[] = [];
  let rest = data;
  while (fields.length < 4) {
    rest = rest.replace(/^ +/, '');
    if (!rest) break;
    const space = rest.indexOf(' ');
    if (space < 0) {
      fields.push(rest);
      rest = '';
      break;
    }
    fields.push(rest.slice(0, space));
    rest = rest.slice(space + 1);
  }
  rest = rest.replace(/^ +/, '');
  if (rest) fields.push(rest);
  if (fields.length !== 4 && fields.length !== 5) return undefined;
  const [moduleLang, type, method] = fields as [string, string, string];
  const [module, lang = module] = moduleLang.split(':') as [string, string?];
  return {
    module,
    lang,
    type,
    method,
    gender: fields.length === 5 ? fields[3] : undefined,
    value: fields.length === 5 ? fields[4]! : fields[3]!,
  };
}

type Method = 'pronounced' | 'iterated' | 'counted' | undefined;

function methodOf(name: string): Method {
  const m = name.toLowerCase();
  return m === 'pronounced' || m === 'iterated' || m === 'counted' ? m : undefined;
}

/** One group of three digits: "one hundred", "twenty", "thirteen", then the last digit (ordinal if counted). */
function group(a: number, b: number, c: number, counted: boolean, what?: string): string[] {
  const out: string[] = [];
  if (a) out.push(ONES[a]!, 'hundred');
  if (b > 1) out.push(TENS[b]!);
  else if (b === 1) {
    out.push(ONES[10 + c]!);
    c = 0;
  }
  if (c) out.push(counted ? ORDINALS[c]! : ONES[c]!);
  if (what && (a || b || c)) out.push(what);
  return out;
}

/** en_say_general_count: digits and commas only, at most nine digits; undefined is a parse error. */
function generalCount(value: string, method: Method): string[] | undefined {
  if (!/^[\d,]*$/.test(value)) return undefined;
  const digits = value.replace(/,/g, '');
  if (digits.length > 9) return undefined;
  const n = Number.parseInt(digits || '0', 10);
  if (n === 0) return ['zero'];
  if (method === 'iterated') return [...digits].map((d) => ONES[Number(d)]!);
  if (method !== 'pronounced' && method !== 'counted') return [];
  const p = (x: number) => Math.floor(n / 10 ** x) % 10;
  return [
    ...group(p(8), p(7), p(6), false, 'million'),
    ...group(p(5), p(4), p(3), false, 'thousand'),
    ...group(p(2), p(1), p(0), method === 'counted'),
  ];
}

function num(n: number, method: Method): string[] {
  return generalCount(String(Math.max(0, Math.floor(n))), method) ?? [];
}

function money(value: string, method: Method): string[] {
  if (value.length > 15) return [];
  const sbuf = value.replace(/[^\d.+-]/g, '');
  const dot = sbuf.indexOf('.');
  let dollars = dot < 0 ? sbuf : sbuf.slice(0, dot);
  const cents = dot < 0 ? undefined : sbuf.slice(dot + 1).slice(0, 2);
  const out: string[] = [];
  if (dollars.startsWith('+')) dollars = dollars.slice(1);
  else if (dollars.startsWith('-')) {
    out.push('negative');
    dollars = dollars.slice(1);
  }
  out.push(...(generalCount(dollars, method) ?? []));
  out.push(Number.parseInt(dollars, 10) === 1 ? 'dollar' : 'dollars', 'and');
  if (cents === undefined) out.push('zero', 'cents');
  else out.push(...(generalCount(cents, method) ?? []), Number.parseInt(cents, 10) === 1 ? 'cent' : 'cents');
  return out;
}

interface TimeParts {
  wday: number;
  mon: number;
  mday: number;
  year: number;
  hour: number;
  min: number;
}

/** The calendar fields of a moment in the channel's `timezone` (a zone name or an offset in seconds), else local time. */
function timeParts(ms: number, timezone: string | undefined): TimeParts {
  const offset = timezone !== undefined ? Number.parseInt(timezone, 10) : NaN;
  if (timezone !== undefined && offset) {
    const d = new Date(ms + offset * 1000);
    return {
      wday: d.getUTCDay(),
      mon: d.getUTCMonth(),
      mday: d.getUTCDate(),
      year: d.getUTCFullYear(),
      hour: d.getUTCHours(),
      min: d.getUTCMinutes(),
    };
  }
  if (timezone) {
    try {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          timeZone: timezone,
          weekday: 'long',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          hourCycle: 'h23',
        })
          .formatToParts(new Date(ms))
          .map((p) => [p.type, p.value]),
      );
      return {
        wday: DAYS.indexOf(parts.weekday ?? ''),
        mon: Number(parts.month) - 1,
        mday: Number(parts.day),
        year: Number(parts.year),
        hour: Number(parts.hour) % 24,
        min: Number(parts.minute),
      };
    } catch {
      // An unknown zone: local time, as switch_time_exp_tz_name falls back.
    }
  }
  const d = new Date(ms);
  return {
    wday: d.getDay(),
    mon: d.getMonth(),
    mday: d.getDate(),
    year: d.getFullYear(),
    hour: d.getHours(),
    min: d.getMinutes(),
  };
}

function measurement(value: string): string[] {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (value.includes(':')) {
    const parts = value.split(':').map((x) => Number.parseInt(x, 10) || 0);
    seconds = parts.pop() ?? 0;
    minutes = parts.pop() ?? 0;
    hours = parts.pop() ?? 0;
  } else {
    seconds = Number.parseInt(value, 10) || 0;
    if (seconds <= 0) seconds = Math.floor(Date.now() / 1000);
    minutes = Math.floor(seconds / 60);
    seconds %= 60;
    hours = Math.floor(minutes / 60);
    minutes %= 60;
  }
  const unit = (n: number, one: string, many: string) =>
    n ? [...num(n, 'pronounced'), n === 1 ? one : many] : ['zero', many];
  return [
    ...unit(hours, 'hour', 'hours'),
    ...unit(minutes, 'minute', 'minutes'),
    ...unit(seconds, 'second', 'seconds'),
  ];
}

function dateTime(type: string, value: string, timezone: string | undefined): string[] {
  const t = Number.parseInt(value, 10);
  const p = timeParts(t > 0 ? t * 1000 : Date.now(), timezone);
  const out: string[] = [];
  if (type === 'current_date' || type === 'current_date_time')
    out.push(DAYS[p.wday]!, MONTHS[p.mon]!, ...num(p.mday, 'counted'), ...num(p.year, 'pronounced'));
  if (type === 'current_time' || type === 'current_date_time') {
    let hour = p.hour;
    let pm = false;
    if (hour > 12) {
      hour -= 12;
      pm = true;
    } else if (hour === 12) pm = true;
    else if (hour === 0) hour = 12;
    out.push(...num(hour, 'pronounced'));
    if (p.min > 9) out.push(...num(p.min, 'pronounced'));
    else if (p.min) out.push('oh', ...num(p.min, 'pronounced'));
    else out.push("o'clock");
    out.push(pm ? 'p.m.' : 'a.m.');
  }
  return out;
}

function spell(value: string, phonetic: boolean): string[] {
  const out: string[] = [];
  for (const ch of value.toLowerCase()) {
    if (/\d/.test(ch)) out.push(ONES[Number(ch)]!);
    else if (/[a-z]/.test(ch)) out.push(phonetic ? PHONETIC[ch]! : ch.toUpperCase());
  }
  return out;
}

function ip(value: string, method: Method): string[] {
  const parts = value.split('.');
  if (parts.length < 4) return [];
  return parts.slice(0, 4).flatMap((x, i) => [...(i ? ['dot'] : []), ...num(Number.parseInt(x, 10) || 0, method)]);
}

/**
 * The words mod_say_en speaks for a value, one per sound file; none for the types it cannot say
 * (telephone numbers, URLs...) or a value it cannot parse, as FreeSWITCH then plays nothing.
 */
export function sayWords(type: string, method: string, value: string, opts: { timezone?: string } = {}): string[] {
  const m = methodOf(method);
  switch (type.toLowerCase()) {
    case 'number':
    case 'items':
    case 'persons':
    case 'messages':
      return generalCount(value, m) ?? [];
    case 'currency':
      return money(value, m);
    case 'time_measurement':
      return measurement(value);
    case 'current_date':
    case 'current_time':
    case 'current_date_time':
      return dateTime(type.toLowerCase(), value, opts.timezone);
    case 'ip_address':
      return ip(value, m);
    case 'name_spelled':
      return spell(value, false);
    case 'name_phonetic':
      return spell(value, true);
    default:
      return [];
  }
}

/** The spoken text (words joined with spaces). */
export function sayText(type: string, method: string, value: string, opts: { timezone?: string } = {}): string {
  return sayWords(type, method, value, opts).join(' ');
}

/** How long saying `words` takes. */
export function sayDurationMs(words: number): number {
  return SAY_LEAD_MS + words * SAY_WORD_MS;
}

/** A whole number in words ("one hundred twenty three"), for the spoken text of other prompts. */
export function numberWords(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n < 0) return `minus ${numberWords(-n)}`;
  n = Math.floor(n);
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? ` ${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${numberWords(n % 100)}` : ''}`;
  for (const [size, word] of [
    [1e9, 'billion'],
    [1e6, 'million'],
    [1e3, 'thousand'],
  ] as const) {
    if (n >= size) return `${numberWords(Math.floor(n / size))} ${word}${n % size ? ` ${numberWords(n % size)}` : ''}`;
  }
  return String(n);
}
