/**
 * Dialplan applications (the ones the runtime uses), with the events, variables and
 * Application-Response values FreeSWITCH gives them in the captures.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isHangupCause } from './channel.js';
import type { Session } from './session.js';
import { addConferenceHeaders, addMemberHeaders, type Conference } from './switch.js';
import { parseSayArgs, SAY_LANGS, sayDurationMs, sayWords } from './say.js';
import { wavDurationMs, writeSilentWav } from './wav.js';

export interface AppContext {
  appUuid: string;
  signal: AbortSignal;
}

export type Application = (s: Session, data: string, ctx: AppContext) => Promise<void> | void;

// --- media ---------------------------------------------------------------------------------------

export interface MediaItem {
  kind: 'file' | 'tts' | 'say' | 'tone' | 'silence';
  target: string;
  text?: string;
  durationMs: number | undefined;
}

const SAMPLE_RATE = 8000;

/** Works out what a playback target is and how long it lasts (undefined: the file is missing). */
export function resolveMedia(s: Session, target: string): MediaItem {
  if (target.startsWith('tone_stream://')) {
    let total = 0;
    for (const m of target.matchAll(/%\(([\d.]+),([\d.]+)/g)) total += Number(m[1]) + Number(m[2]);
    const loops = /loops=(\d+)/.exec(target);
    return { kind: 'tone', target, durationMs: (total || 1000) * (loops ? Number(loops[1]) : 1) };
  }
  // Music on hold streams until something stops it.
  if (target.startsWith('local_stream://')) return { kind: 'tone', target, durationMs: 24 * 3600 * 1000 };
  if (target.startsWith('silence_stream://'))
    return { kind: 'silence', target, durationMs: Number(target.slice(17).split(',')[0]) || 0 };
  const tts = /^(?:say|speak):(?:[^:]+:)?(?:[^:]+:)?(.*)$/.exec(target);
  if (tts) return { kind: 'tts', target, text: tts[1]!, durationMs: ttsDurationMs(tts[1]!) };
  const prefix = s.vars.get('sound_prefix');
  const path = isAbsolute(target) || !prefix ? target : join(prefix, target);
  const known = s.sw.options.prompts?.[path] ?? s.sw.options.prompts?.[target];
  if (known !== undefined) return { kind: 'file', target: path, durationMs: known };
  if (existsSync(path))
    return { kind: 'file', target: path, durationMs: wavDurationMs(path) ?? s.sw.options.defaultPromptMs ?? 2000 };
  if (s.sw.options.strictFiles) return { kind: 'file', target: path, durationMs: undefined };
  return { kind: 'file', target: path, durationMs: s.sw.options.defaultPromptMs ?? 2000 };
}

/** Speech length for a text: about 90 ms per character, as flite takes for short phrases. */
export function ttsDurationMs(text: string): number {
  return Math.max(400, Math.round(text.length * 95));
}

export function playbackTerminators(s: Session): string {
  const v = s.vars.get('playback_terminators');
  if (v === undefined) return '*';
  if (v === 'any') return '0123456789*#ABCD';
  if (v === 'none') return '';
  return v;
}

interface PlayResult {
  status: 'done' | 'break' | 'hangup' | 'not-found';
  playedMs: number;
  digit?: string;
  /** Stopped by uuid_break (`all`: the whole list and the queue behind it, not just this file). */
  broken?: 'one' | 'all';
}

/**
 * Plays one item: PLAYBACK_START, waits its (scaled) duration, stops early on a terminator key
 * or hangup, sets the playback_* variables, PLAYBACK_STOP.
 */
export async function play(
  s: Session,
  item: MediaItem,
  signal: AbortSignal,
  opts: { app: string; terminators: string; events?: boolean },
): Promise<PlayResult> {
  if (item.durationMs === undefined) {
    s.history.add({ type: 'play-end', app: opts.app, target: item.target, status: 'not-found', playedMs: 0 });
    return { status: 'not-found', playedMs: 0 };
  }
  const duration = item.durationMs;
  const events = opts.events ?? true;
  for (const hook of s.mediaStartHooks.splice(0)) hook();
  if (events) s.fire('PLAYBACK_START', (ev) => ev.add('Playback-File-Path', item.target));
  s.history.add({
    type: 'play',
    app: opts.app,
    kind: item.kind,
    target: item.target,
    text: item.text,
    durationMs: duration,
  });
  const started = Date.now();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let digit: string | undefined;
  let broken: PlayResult['broken'];
  const off = s.onDtmf((d) => {
    if (opts.terminators.includes(d) && digit === undefined && broken === undefined) {
      digit = d;
      stop.abort();
    }
  });
  const offBreak = s.onMediaBreak((all) => {
    if (digit !== undefined || broken !== undefined) return;
    broken = all ? 'all' : 'one';
    stop.abort();
  });
  const completed = await s.sw.clock.sleep(duration, stop.signal);
  off();
  offBreak();
  signal.removeEventListener('abort', onAbort);
  const scale = s.sw.clock.timeScale || 1;
  const playedMs = completed ? duration : Math.min(duration, Math.round((Date.now() - started) / scale));
  const status: PlayResult['status'] = s.channel.isHungUp
    ? 'hangup'
    : digit !== undefined || broken !== undefined || !completed
      ? 'break'
      : 'done';
  if (digit !== undefined) s.vars.set('playback_terminator_used', digit);
  const samples = Math.round((playedMs / 1000) * SAMPLE_RATE);
  s.vars.set('playback_last_offset_pos', samples);
  s.vars.set('playback_seconds', Math.floor(playedMs / 1000));
  s.vars.set('playback_ms', playedMs);
  s.vars.set('playback_samples', samples);
  if (events)
    s.fire('PLAYBACK_STOP', (ev) =>
      ev.add('Playback-File-Path', item.target).add('Playback-Status', status === 'done' ? 'done' : 'break'),
    );
  s.history.add({ type: 'play-end', app: opts.app, target: item.target, status, playedMs });
  return { status, playedMs, digit, broken };
}

const playback: Application = async (s, data, { signal }) => {
  if (!data) {
    s.vars.set('current_application_response', 'PLAYBACK ERROR');
    return;
  }
  let response = 'FILE PLAYED';
  for (const target of data.split('!')) {
    const result = await play(s, resolveMedia(s, target), signal, {
      app: 'playback',
      terminators: playbackTerminators(s),
    });
    if (result.status === 'not-found') response = 'FILE NOT FOUND';
    else if (result.status === 'hangup') response = 'PLAYBACK ERROR';
    // A plain uuid_break stops the current file only; the list goes on with the next one.
    if (result.broken === 'one') continue;
    if (result.status !== 'done') break;
  }
  s.vars.set('current_application_response', response);
};

const speak: Application = async (s, data, { signal }) => {
  // `speak [[<engine>|]<voice>|]<text>`: at most three fields, the text keeping any further `|`;
  // a missing engine or voice comes from tts_engine / tts_voice.
  if (!data) return;
  const fields = data.split('|');
  let engine: string | undefined;
  let voice: string | undefined;
  let text: string;
  if (fields.length === 1) text = data;
  else if (fields.length === 2) [voice, text] = fields as [string, string];
  else {
    [engine, voice] = fields as [string, string];
    text = fields.slice(2).join('|');
  }
  engine ||= s.vars.get('tts_engine');
  voice ||= s.vars.get('tts_voice');
  if (!engine || !voice) {
    // mod_dptools: "Invalid Params!", and the channel is hung up.
    s.sw.log(
      'ERR',
      `Invalid Params! [${engine ?? 'NULL'}][${voice ?? 'NULL'}][${text}]`,
      'mod_dptools.c',
      'speak_function',
    );
    s.hangup('DESTINATION_OUT_OF_ORDER');
    return;
  }
  if (!text.trim()) return;
  await play(s, { kind: 'tts', target: `${engine}|${voice}`, text, durationMs: ttsDurationMs(text) }, signal, {
    app: 'speak',
    terminators: playbackTerminators(s),
    events: false,
  });
};

export { numberWords, sayText } from './say.js';

const say: Application = async (s, data, { signal }) => {
  // `say <module>[:<lang>] <type> <method> [<gender>] <value>`: a gender (the fourth of five fields)
  // shapes the words of languages that have genders; it is never part of what is said.
  const req = parseSayArgs(data);
  if (!req || !SAY_LANGS.has(req.module.toLowerCase())) return;
  const words = sayWords(req.type, req.method, req.value, { timezone: s.vars.get('timezone') });
  // mod_say_en has no words for this type or value: it plays nothing.
  if (words.length === 0) return;
  const text = words.join(' ');
  await play(s, { kind: 'say', target: data, text, durationMs: sayDurationMs(words.length) }, signal, {
    app: 'say',
    terminators: playbackTerminators(s),
    events: false,
  });
};

/** A signal that aborts with `signal` or when uuid_break stops the channel's media; `off` detaches it. */
function breakable(s: Session, signal: AbortSignal): { signal: AbortSignal; off: () => void } {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) ctl.abort();
  const offBreak = s.onMediaBreak(() => ctl.abort());
  return {
    signal: ctl.signal,
    off: () => {
      offBreak();
      signal.removeEventListener('abort', onAbort);
    },
  };
}

const sleep: Application = async (s, data, { signal }) => {
  const ms = Number(data);
  if (!(ms > 0)) return;
  const b = breakable(s, signal);
  await s.sw.clock.sleep(ms, b.signal);
  b.off();
};

const sendDtmf: Application = (s, data) => {
  const digits = data.split('@')[0] ?? '';
  if (!digits) return;
  s.history.add({ type: 'dtmf-sent', digits });
  s.vars.set('last_dtmf_duration', 1500);
  if (s.bridgedTo) for (const d of digits) s.bridgedTo.receiveDtmf(d);
};

/** Waits for keys: the first within `firstMs`, the next ones within `nextMs` each, until max or a terminator. */
function collectDigits(
  s: Session,
  signal: AbortSignal,
  opts: { max: number; terminators: string; firstMs: number; nextMs: number; initial: string },
): Promise<{ digits: string; terminator?: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    let digits = opts.initial;
    let cancelTimer = () => {};
    const finish = (result: { digits: string; terminator?: string; timedOut: boolean }) => {
      cancelTimer();
      off();
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const arm = (ms: number) => {
      cancelTimer();
      cancelTimer = s.sw.clock.after(ms, () => finish({ digits, timedOut: true }));
    };
    const onAbort = () => finish({ digits, timedOut: false });
    const off = s.onDtmf((d) => {
      if (opts.terminators.includes(d)) return finish({ digits, terminator: d, timedOut: false });
      digits += d;
      if (digits.length >= opts.max) return finish({ digits, timedOut: false });
      arm(opts.nextMs);
    });
    signal.addEventListener('abort', onAbort, { once: true });
    if (opts.initial.length >= opts.max) return finish({ digits, timedOut: false });
    arm(opts.initial ? opts.nextMs : opts.firstMs);
  });
}

const playAndGetDigits: Application = async (s, data, { signal }) => {
  const args = data.split(' ');
  const [min, max, tries, timeout] = args.slice(0, 4).map(Number) as [number, number, number, number];
  const terminators = args[4] ?? '#';
  const file = args[5];
  const invalid = args[6];
  const variable = args[7];
  const pattern = args[8];
  const digitTimeout = Number(args[9]) || timeout;
  if (![min, max, tries, timeout].every((n) => Number.isFinite(n)) || max < 1) return;
  let regex: RegExp | undefined;
  try {
    regex = pattern ? new RegExp(`^(?:${pattern})$`) : undefined;
  } catch {
    regex = undefined;
  }
  const term = terminators === 'none' ? '' : terminators;
  for (let attempt = 0; attempt < Math.max(1, tries); attempt++) {
    if (s.channel.isHungUp) return;
    let first = '';
    if (file) {
      const off = s.onDtmf((d) => {
        if (!first && !term.includes(d)) first = d;
      });
      const r = await play(s, resolveMedia(s, file), signal, {
        app: 'play_and_get_digits',
        terminators: '0123456789*#ABCD',
        events: true,
      });
      off();
      if (r.status === 'hangup') return;
      if (r.digit && term.includes(r.digit)) {
        // A terminator pressed during the prompt ends input with what was typed so far (nothing).
        first = '';
      }
    }
    s.history.add({ type: 'wait-digits', min, max, timeoutMs: timeout, terminators: term, variable });
    const got = await collectDigits(s, signal, {
      max,
      terminators: term,
      firstMs: timeout,
      nextMs: digitTimeout,
      initial: first,
    });
    if (s.channel.isHungUp) return;
    const ok = got.digits.length >= min && (!regex || regex.test(got.digits));
    if (ok) {
      if (got.terminator) s.vars.set('read_terminator_used', got.terminator);
      s.vars.set('read_result', 'success');
      if (variable) s.vars.set(variable, got.digits);
      s.history.add({ type: 'digits-collected', digits: got.digits, result: 'success', variable });
      return;
    }
    s.history.add({
      type: 'digits-collected',
      digits: got.digits,
      result: got.timedOut && !got.digits ? 'timeout' : 'failure',
      variable,
    });
    if (invalid && attempt + 1 < tries)
      await play(s, resolveMedia(s, invalid), signal, { app: 'play_and_get_digits', terminators: '', events: true });
  }
  s.vars.set('read_result', 'failure');
  if (variable) s.vars.set(variable, undefined);
};

// --- variables, answer, hangup -------------------------------------------------------------------

function splitAssignment(data: string): [string, string | undefined] {
  const eq = data.indexOf('=');
  if (eq < 0) return [data.trim(), undefined];
  const value = data.slice(eq + 1);
  return [data.slice(0, eq).trim(), value === '' || value === '_undef_' ? undefined : value];
}

const set: Application = (s, data) => {
  if (!data) return;
  const [name, value] = splitAssignment(data);
  if (!name) return;
  s.vars.set(name, value);
  s.history.add({ type: 'set', name, value });
};

const exportApp: Application = (s, data) => {
  if (!data) return;
  const [name, value] = splitAssignment(data.replace(/^nolocal:/, ''));
  if (!name) return;
  if (!data.startsWith('nolocal:')) s.vars.set(name, value);
  const list = new Set((s.vars.get('export_vars') ?? '').split(',').filter(Boolean));
  list.add(name);
  s.vars.set('export_vars', [...list].join(','));
  s.bridgedTo?.vars.set(name, value);
};

const unset: Application = (s, data) => {
  if (!data) return;
  s.vars.delete(data.trim());
  s.history.add({ type: 'set', name: data.trim(), value: undefined });
};

const answer: Application = (s) => {
  s.markAnswered();
};

const preAnswer: Application = (s) => {
  const ch = s.channel;
  if (ch.isAnswered || ch.profile.times.progressMedia) return;
  ch.profile.times.progressMedia = s.sw.now();
  ch.answerState = 'early';
  s.fire('CHANNEL_PROGRESS_MEDIA');
  ch.callState = 'EARLY';
};

const hangup: Application = (s, data) => {
  const cause = data.trim() || 'NORMAL_CLEARING';
  s.hangup(isHangupCause(cause) ? cause : 'NORMAL_CLEARING');
};

const park: Application = async (s, _data, { signal }) => {
  await s.parkLoop(signal);
};

const echo: Application = async (s, _data, { signal }) => {
  const b = breakable(s, signal);
  await new Promise<void>((resolve) =>
    b.signal.aborted ? resolve() : b.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  b.off();
};

// --- bridge ----------------------------------------------------------------------------------------

/** Parses `{a=1,b=2}dial` into its variables and the dial string. */
export function parseDialVars(dial: string): { vars: Record<string, string>; dial: string } {
  const vars: Record<string, string> = {};
  let rest = dial.trim();
  while (rest.startsWith('{') || rest.startsWith('[') || rest.startsWith('<')) {
    const close = { '{': '}', '[': ']', '<': '>' }[rest[0] as '{' | '[' | '<'];
    const end = rest.indexOf(close);
    if (end < 0) break;
    for (const pair of rest.slice(1, end).split(/,(?![^']*'(?:[^']*'[^']*')*[^']*$)/)) {
      const [k, v] = splitAssignment(pair);
      if (k) vars[k] = (v ?? '').replace(/^'(.*)'$/, '$1');
    }
    rest = rest.slice(end + 1);
  }
  return { vars, dial: rest };
}

const DIALSTATUS: Record<string, string> = {
  USER_BUSY: 'BUSY',
  NO_ANSWER: 'NOANSWER',
  NO_USER_RESPONSE: 'NOANSWER',
  CALL_REJECTED: 'DONTCALL',
};

const bridge: Application = async (s, data, { signal }) => {
  if (!data) return;
  const { vars: global, dial } = parseDialVars(data);
  const inherited: Record<string, string> = {};
  for (const [k, v] of s.vars.entries()) if (k.startsWith('sip_h_')) inherited[k] = v;
  for (const name of ['call_timeout', 'originate_timeout']) {
    const v = s.vars.get(name);
    if (v !== undefined) inherited[name] = v;
  }
  let outcome: Awaited<ReturnType<typeof s.sw.dial>> = { cause: 'NORMAL_CLEARING' };
  for (const sequential of dial.split('|')) {
    const targets = sequential.split(',').filter(Boolean);
    // Legs dialed together ring until one answers: the others are cancelled then (LOSE_RACE).
    const race = new AbortController();
    const legSignal = targets.length > 1 ? AbortSignal.any([signal, race.signal]) : signal;
    const attempts = targets.map((t) => {
      const { vars, dial: target } = parseDialVars(t);
      s.history.add({ type: 'bridge-attempt', target });
      return s.sw
        .dial(target, { vars: { ...inherited, ...global, ...vars }, caller: s, signal: legSignal })
        .then((r) => {
          if ('session' in r && !race.signal.aborted) race.abort('LOSE_RACE');
          return r;
        });
    });
    const results = await Promise.all(attempts);
    const winner = results.find((r): r is { session: Session } => 'session' in r);
    for (const r of results) if ('session' in r && r !== winner) r.session.hangup('LOSE_RACE');
    outcome = winner ?? results[results.length - 1] ?? outcome;
    if (winner || s.channel.isHungUp) break;
  }
  const v = s.vars;
  if (!('session' in outcome)) {
    if (outcome.cause === 'ORIGINATOR_CANCEL' && s.channel.isHungUp) return;
    if (outcome.leg) {
      v.set('originate_signal_bond', outcome.leg);
      v.set('originated_legs', `${outcome.leg};Outbound Call;${/\/([^/@]+)@/.exec(dial)?.[1] ?? dial}`);
    }
    if (outcome.sip) {
      v.set('sip_invite_failure_status', outcome.sip);
      v.set('sip_invite_failure_phrase', outcome.phrase);
      v.set('sip_hangup_phrase', outcome.phrase);
    }
    if (outcome.leg) v.set('last_bridge_hangup_cause', outcome.cause);
    if (outcome.sip) v.set('last_bridge_proto_specific_hangup_cause', `sip:${outcome.sip}`);
    v.set('originate_disposition', outcome.cause);
    v.set('DIALSTATUS', DIALSTATUS[outcome.cause] ?? outcome.cause);
    if (outcome.leg) v.set('originate_causes', `${outcome.leg};${outcome.cause}`);
    v.set('originate_failed_cause', outcome.cause);
    s.history.add({ type: 'bridge-failed', target: dial, cause: outcome.cause });
    if (v.get('continue_on_fail') !== 'true' && !(v.get('continue_on_fail') ?? '').includes(outcome.cause))
      s.hangup(outcome.cause);
    return;
  }
  const peer = outcome.session;
  const user = peer.channel.profile.destinationNumber;
  v.set('originated_legs', `${peer.uuid};Outbound Call;${user}`);
  v.set('originate_disposition', 'SUCCESS');
  v.set('DIALSTATUS', 'SUCCESS');
  v.set('originate_causes', `${peer.uuid};NONE`);
  v.set('signal_bond', peer.uuid);
  s.sw.linkLegs(s, peer);
  s.fire('CHANNEL_BRIDGE', undefined, (ev) =>
    ev.add('Bridge-A-Unique-ID', s.uuid).add('Bridge-B-Unique-ID', peer.uuid),
  );
  // Stay bridged until one side hangs up.
  await new Promise<void>((resolve) => {
    if (peer.channel.isHungUp || s.channel.isHungUp) return resolve();
    const off = s.sw.onEvent((ev) => {
      if (ev.name === 'CHANNEL_HANGUP' && (ev.uniqueId === peer.uuid || ev.uniqueId === s.uuid)) {
        off();
        resolve();
      }
    });
  });
  if (!peer.channel.isHungUp) peer.hangup('NORMAL_CLEARING');
  const cause = peer.channel.hangupCause ?? 'NORMAL_CLEARING';
  s.bridgedTo = undefined;
  peer.bridgedTo = undefined;
  v.set('last_bridge_to', peer.uuid);
  v.set('bridge_channel', peer.channel.name);
  v.set('bridge_uuid', peer.uuid);
  v.set('last_sent_callee_id_name', 'Outbound Call');
  v.set('last_sent_callee_id_number', user);
  v.set('sip_hangup_phrase', 'OK');
  v.set('last_bridge_hangup_cause', cause);
  v.set('last_bridge_proto_specific_hangup_cause', 'sip:200');
  v.set('bridge_hangup_cause', cause);
  s.fire('CHANNEL_UNBRIDGE', undefined, (ev) =>
    ev.add('Bridge-A-Unique-ID', s.uuid).add('Bridge-B-Unique-ID', peer.uuid),
  );
  s.history.add({ type: 'unbridged', peer: peer.uuid });
  if (!s.channel.isHungUp && v.get('hangup_after_bridge') === 'true') s.hangup('NORMAL_CLEARING');
};

// --- transfer ------------------------------------------------------------------------------------

const transfer: Application = (s, data) => {
  const [exten, dialplan = 'XML', context = s.channel.profile.context] = data.trim().split(/\s+/);
  if (!exten) return;
  s.history.add({ type: 'transfer', to: exten });
  s.requestBreak({ kind: 'transfer', exten, dialplan, context });
};

// --- recording -----------------------------------------------------------------------------------

function recordPath(s: Session, path: string): string {
  if (isAbsolute(path)) return path;
  return join(s.vars.get('recordings_dir') ?? s.sw.options.recordingsDir ?? '.', path);
}

const record: Application = async (s, data, { signal }) => {
  const [rawPath, limit, , hits] = data.trim().split(/\s+/);
  if (!rawPath) return;
  const path = recordPath(s, rawPath);
  const limitMs = Number(limit) > 0 ? Number(limit) * 1000 + 670 : Infinity;
  const silenceMs = s.callerAudio === 'silence' && Number(hits) > 0 ? Number(hits) * 540 : Infinity;
  s.vars.set('silence_hits_exhausted', 'false');
  s.channel.readCodec = { name: 'L16', rate: 8000, bitRate: 128000 };
  s.vars.set('read_codec', 'L16');
  s.fire('RECORD_START', (ev) => ev.add('Record-File-Path', path));
  const info: import('./history.js').RecordingInfo = { path, session: false, startedAt: Date.now(), masked: [] };
  s.history.recordings.push(info);
  s.history.add({ type: 'record-start', path, session: false });
  const terminators = playbackTerminators(s);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let digit: string | undefined;
  const off = s.onDtmf((d) => {
    if (terminators.includes(d) && digit === undefined) {
      digit = d;
      stop.abort();
    }
  });
  // uuid_break ends the recording too (what was recorded so far is kept).
  const offBreak = s.onMediaBreak(() => stop.abort());
  const started = Date.now();
  const wait = Math.min(limitMs, silenceMs);
  const completed =
    wait === Infinity
      ? await new Promise<boolean>((r) => stop.signal.addEventListener('abort', () => r(false), { once: true }))
      : await s.sw.clock.sleep(wait, stop.signal);
  off();
  offBreak();
  signal.removeEventListener('abort', onAbort);
  const scale = s.sw.clock.timeScale || 1;
  let ms = completed ? wait : Math.round((Date.now() - started) / scale);
  if (digit !== undefined) {
    s.vars.set('playback_terminator_used', digit);
    if (ms < 1000) ms = 0;
  }
  if (completed && wait === silenceMs) s.vars.set('silence_hits_exhausted', 'true');
  const size = writeSilentWav(path, ms);
  s.vars.set('record_record_file_size', size);
  s.vars.set('record_file_size', size);
  s.vars.set('record_seconds', Math.floor(ms / 1000));
  s.vars.set('record_ms', ms);
  s.vars.set('record_samples', Math.round((ms / 1000) * SAMPLE_RATE));
  // Ended by its time limit the recorder has already let go of the read codec; ended early it has not.
  const endedByLimit = completed && wait === limitMs;
  if (endedByLimit) s.channel.readCodec = undefined;
  s.fire('RECORD_STOP', (ev) => ev.add('Record-File-Path', path));
  s.channel.readCodec = undefined;
  s.vars.set('read_codec', 'PCMA');
  info.stoppedAt = Date.now();
  s.history.add({ type: 'record-stop', path, ms });
};

interface SessionRecording {
  path: string;
  started: number;
  info: { masked: Array<{ fromMs: number; toMs?: number }>; stoppedAt?: number };
  stop: () => void;
}

const sessionRecordings = new WeakMap<Session, Map<string, SessionRecording>>();

function simulatedMs(s: Session, since: number): number {
  return Math.round((Date.now() - since) / (s.sw.clock.timeScale || 1));
}

const recordSession: Application = (s, data) => {
  const raw = data.trim().split(/\s+/)[0];
  if (!raw) return;
  const path = recordPath(s, raw);
  let recs = sessionRecordings.get(s);
  if (!recs) sessionRecordings.set(s, (recs = new Map()));
  if (recs.has(path)) return;
  s.fire('RECORD_START', (ev) => ev.add('Record-File-Path', path));
  const info: import('./history.js').RecordingInfo = { path, session: true, startedAt: Date.now(), masked: [] };
  s.history.recordings.push(info);
  s.history.add({ type: 'record-start', path, session: true });
  const rec: SessionRecording = {
    path,
    started: Date.now(),
    info,
    stop: () => {
      recs!.delete(path);
      const ms = simulatedMs(s, rec.started);
      const open = info.masked.find((m) => m.toMs === undefined);
      if (open) open.toMs = ms;
      const size = writeSilentWav(path, ms);
      s.vars.set('record_file_size', size);
      s.vars.set('record_samples', Math.round((ms / 1000) * SAMPLE_RATE));
      s.vars.set('record_seconds', Math.floor(ms / 1000));
      s.vars.set('record_ms', ms);
      s.vars.set('record_completion_cause', 'success-maxtime');
      s.fire('RECORD_STOP', (ev) => ev.add('Record-File-Path', path).add('Record-Completion-Cause', 'success-maxtime'));
      info.stoppedAt = Date.now();
      s.history.add({ type: 'record-stop', path, ms });
    },
  };
  recs.set(path, rec);
  s.hangupHooks.push(() => {
    if (recs!.has(path)) rec.stop();
  });
};

function findRecording(s: Session, data: string): SessionRecording | undefined {
  const recs = sessionRecordings.get(s);
  if (!recs) return undefined;
  const raw = data.trim();
  if (!raw || raw === 'all') return [...recs.values()][0];
  return recs.get(recordPath(s, raw));
}

const recordSessionMask: Application = (s, data) => {
  const rec = findRecording(s, data);
  if (!rec) return;
  if (!rec.info.masked.some((m) => m.toMs === undefined)) rec.info.masked.push({ fromMs: simulatedMs(s, rec.started) });
  s.history.add({ type: 'mask', path: rec.path });
};

const recordSessionUnmask: Application = (s, data) => {
  const rec = findRecording(s, data);
  if (!rec) return;
  const open = rec.info.masked.find((m) => m.toMs === undefined);
  if (open) open.toMs = simulatedMs(s, rec.started);
  s.history.add({ type: 'unmask', path: rec.path });
};

const stopRecordSession: Application = (s, data) => {
  if (data.trim() === 'all') {
    for (const rec of [...(sessionRecordings.get(s)?.values() ?? [])]) rec.stop();
    return;
  }
  findRecording(s, data)?.stop();
};

// --- valet parking -------------------------------------------------------------------------------

function valetEvent(
  s: Session,
  lot: string,
  ext: string,
  action: string,
  extra?: (ev: import('./event.js').EslEvent) => void,
): void {
  s.fireCustom('valet_parking::info', (ev) => {
    ev.add('Valet-Lot-Name', lot).add('Valet-Extension', ext).add('Action', action);
    extra?.(ev);
  });
}

const valetPark: Application = async (s, data, { signal }) => {
  const [lotName, first, dir, min, max] = data.trim().split(/\s+/);
  if (!lotName || !first) return;
  const sw = s.sw;
  let lot = sw.valetLots.get(lotName);
  if (!lot) sw.valetLots.set(lotName, (lot = new Map()));
  let ext: string;
  if (first === 'auto') {
    if (dir !== 'in' || !min || !max) return;
    const free = Array.from({ length: Number(max) - Number(min) + 1 }, (_, i) => String(Number(min) + i)).find(
      (e) => !lot!.has(e),
    );
    if (!free) return;
    ext = free;
  } else {
    ext = first;
    const parked = lot.get(ext);
    if (parked && parked.session !== s) {
      // Retrieval: bridge this caller to the parked one; valet_park completes at once here.
      s.vars.set('bridge_channel', parked.session.channel.name);
      s.vars.set('bridge_uuid', parked.session.uuid);
      s.vars.set('signal_bond', parked.session.uuid);
      parked.pickup(s);
      return;
    }
  }
  // Park: announce the slot (unless disabled), then hold until picked up or timed out.
  const slot = { session: s, pickup: (_retriever: Session) => {} };
  lot.set(ext, slot);
  s.history.add({ type: 'park', lot: lotName, slot: ext });
  let retriever: Session | undefined;
  const done = new AbortController();
  const onAbort = () => done.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  slot.pickup = (r) => {
    retriever = r;
    lot!.delete(ext);
    valetEvent(s, lotName, ext, 'bridge', (ev) => ev.add('Bridge-To-UUID', r.uuid));
    sw.uuidBridge(s, r);
    // The retriever's bridge records how it ended once it hangs up (seen from CHANNEL_HANGUP_COMPLETE).
    r.hangupHooks.push(() => r.vars.set('bridge_hangup_cause', s.channel.hangupCause ?? 'NORMAL_CLEARING'));
    done.abort();
  };
  if (s.vars.get('valet_announce_slot') !== 'false') {
    const text = `Your call has been parked in slot ${ext.split('').join(' ')}`;
    await sw.clock.sleep(1500, done.signal);
    if (!done.signal.aborted)
      await play(s, { kind: 'say', target: `valet slot ${ext}`, text, durationMs: 2600 }, done.signal, {
        app: 'valet_park',
        terminators: '',
        events: false,
      });
    // The phrase macro leaves the language's sound prefix on the channel.
    if (!s.vars.has('sound_prefix')) s.vars.set('sound_prefix', '/usr/freeswitch/share/freeswitch/sounds');
  }
  if (!done.signal.aborted && !s.channel.isHungUp) {
    s.vars.set('valet_lot_extension', ext);
    valetEvent(s, lotName, ext, 'hold');
    const timeout = Number(s.vars.get('valet_parking_timeout'));
    const heldSince = Date.now();
    const full = await sw.clock.sleep(timeout > 0 ? timeout * 1000 : 24 * 3600 * 1000, done.signal);
    if (!retriever) {
      // The hold music played while parked leaves its playback variables (seen on the exit event).
      const ms = full ? timeout * 1000 + 160 : Math.round((Date.now() - heldSince) / (sw.clock.timeScale || 1));
      const samples = Math.round((ms / 1000) * SAMPLE_RATE);
      s.vars.set('playback_last_offset_pos', Math.floor(samples / 8000) * 8000);
      s.vars.set('playback_seconds', Math.floor(ms / 1000));
      s.vars.set('playback_ms', ms);
      s.vars.set('playback_samples', samples);
    }
  }
  signal.removeEventListener('abort', onAbort);
  if (lot.get(ext) === slot) lot.delete(ext);
  const reason = retriever ? 'pickup' : s.channel.isHungUp ? 'hangup' : 'timeout';
  s.history.add({ type: 'unpark', lot: lotName, slot: ext, reason });
  if (s.channel.isHungUp && !retriever) return;
  const orbit = reason === 'timeout' ? s.vars.get('valet_parking_orbit_exten') : undefined;
  // The orbit transfer is set up before the exit event (which already shows the new caller profile).
  if (orbit)
    s.requestBreak({
      kind: 'transfer',
      exten: orbit,
      dialplan: s.vars.get('valet_parking_orbit_dialplan') ?? 'XML',
      context: s.vars.get('valet_parking_orbit_context') ?? s.channel.profile.context,
    });
  valetEvent(s, lotName, ext, 'exit');
};

// --- conference ----------------------------------------------------------------------------------

function floorChange(
  s: Session,
  conf: Conference,
  from: Conference['members'][number] | undefined,
  to: Conference['members'][number] | undefined,
): void {
  const ev = s.sw.events.create('CUSTOM', 'conference::maintenance');
  addConferenceHeaders(ev, conf);
  ev.add('Action', 'floor-change');
  ev.add('Old-ID', from ? from.id : 'none');
  if (to) {
    addConferenceHeaders(ev, conf);
    addMemberHeaders(ev, to);
    ev.add('New-ID', to.id);
  } else ev.add('New-ID', 'none');
  s.sw.fire(ev);
}

const conference: Application = async (s, data, { signal }) => {
  const name = data.trim().split(/[@+ ]/)[0];
  if (!name) return;
  const sw = s.sw;
  let conf = sw.conferences.get(name);
  const created = !conf;
  if (!conf) {
    conf = { name, uuid: randomUUID(), members: [] };
    sw.conferences.set(name, conf);
    sw.conferenceEvent(conf, 'conference-create');
  }
  const c = conf;
  const member = { id: ++sw.memberIds, session: s, floor: false, leave: () => {} };
  c.members.push(member);
  s.vars.set('conference_name', name);
  s.vars.set('app_session_uuid', c.uuid);
  s.vars.set('conference_member_id', member.id);
  s.vars.set('conference_moderator', 'false');
  s.vars.set('conference_ghost', 'false');
  s.vars.set('conference_uuid', c.uuid);
  // The conference reads the member's audio as L16 while it is in the room.
  s.channel.readCodec = { name: 'L16', rate: 8000, bitRate: 128000 };
  s.history.add({ type: 'conference-join', room: name, memberId: member.id });
  sw.conferenceEvent(c, 'add-member', member);
  const left = new AbortController();
  member.leave = () => left.abort();
  const onAbort = () => left.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (created || !c.members.some((m) => m.floor)) {
    await sw.clock.sleep(20, left.signal);
    if (!left.signal.aborted && !c.members.some((m) => m.floor)) {
      member.floor = true;
      floorChange(s, c, undefined, member);
    }
  }
  if (!left.signal.aborted)
    await new Promise<void>((resolve) => left.signal.addEventListener('abort', () => resolve(), { once: true }));
  signal.removeEventListener('abort', onAbort);
  // Leave: floor first (still counted in the size), then the member, then the next floor holder or the conference itself.
  // A transfer restores the read codec before the member is removed; a uuid_bridge only afterwards.
  if (s.breakReason?.kind !== 'bridge') s.channel.readCodec = undefined;
  if (member.floor) {
    member.floor = false;
    floorChange(s, c, undefined, undefined);
  }
  c.members.splice(c.members.indexOf(member), 1);
  sw.conferenceEvent(c, 'del-member', member);
  s.channel.readCodec = undefined;
  s.history.add({ type: 'conference-leave', room: name, memberId: member.id });
  if (c.members.length === 0) {
    sw.conferences.delete(name);
    sw.conferenceEvent(c, 'conference-destroy');
  } else if (!c.members.some((m) => m.floor)) {
    const next = c.members[0]!;
    next.floor = true;
    floorChange(next.session, c, undefined, next);
  }
};

// --- socket --------------------------------------------------------------------------------------

const socket: Application = async (s, data, { signal }) => {
  const [target, ...flags] = data.trim().split(/\s+/);
  const m = /^(.+):(\d+)$/.exec(target ?? '');
  if (!m || !s.sw.connectSocket) return;
  const mode = { async: flags.includes('async'), full: flags.includes('full') };
  s.vars.set('socket_host', m[1]);
  const connected = await s.sw.connectSocket(s, m[1]!, Number(m[2]), mode);
  if (!connected) {
    s.hangup('NORMAL_CLEARING');
    return;
  }
  if (mode.async) await s.parkLoop(signal);
  else await s.serveQueue(signal);
};

export const APPLICATIONS: Record<string, Application> = {
  answer,
  pre_answer: preAnswer,
  ring_ready: () => {},
  playback,
  play_and_get_digits: playAndGetDigits,
  speak,
  say,
  sleep,
  send_dtmf: sendDtmf,
  bridge,
  transfer,
  record,
  record_session: recordSession,
  record_session_mask: recordSessionMask,
  record_session_unmask: recordSessionUnmask,
  stop_record_session: stopRecordSession,
  valet_park: valetPark,
  conference,
  set,
  export: exportApp,
  unset,
  hangup,
  park,
  echo,
  socket,
  log: () => {},
  info: () => {},
  event: () => {},
};
