// Dev tool: prints a compact view of a transcript. Usage: tsx test/dump-transcript.ts <name> [--full]
import { FrameParser, headerValue, parseEventPlain, type Frame } from '@ivr/esl-protocol';
import { readTranscript } from './transcript.js';

const [name, flag] = process.argv.slice(2);
const tr = readTranscript(name!);
const KEYS = [
  'Unique-ID',
  'Application',
  'Application-Data',
  'Application-Response',
  'Application-UUID',
  'Channel-State',
  'Channel-Call-State',
  'Answer-State',
  'Hangup-Cause',
  'Event-Subclass',
  'Action',
  'DTMF-Digit',
  'Job-UUID',
  'Job-Command',
  'Job-Command-Arg',
  'Playback-Status',
  'Other-Leg-Unique-ID',
  'Bridge-A-Unique-ID',
  'Bridge-B-Unique-ID',
  'Record-File-Path',
  'Member-ID',
  'Valet-Extension',
  'Bridge-To-UUID',
];
for (const c of tr.chunks) {
  for (const cm of c.comments) console.log(`    ### ${cm}`);
  if (c.dir === 'app') {
    console.log(`>> #${c.n} ${c.t} ${JSON.stringify(c.bytes.toString('utf8').slice(0, flag ? 100000 : 400))}`);
    continue;
  }
  const frames: Frame[] = [];
  new FrameParser((f) => frames.push(f)).push(c.bytes);
  for (const f of frames) {
    const ct = headerValue(f.headers, 'Content-Type');
    let line = `<< #${c.n} ${c.t} ${ct}`;
    if (ct === 'command/reply')
      line += ` ${JSON.stringify(headerValue(f.headers, 'Reply-Text'))} hdrs=${f.headers
        .map((h) => h[0])
        .filter((h) => !/^(variable_|Caller-|Channel-)/.test(h))
        .join(',')}`;
    else if (ct === 'text/event-plain' && f.body) {
      const ev = parseEventPlain(f.body);
      line += ` ${headerValue(ev.headers, 'Event-Name')}`;
      for (const k of KEYS) {
        const v = ev.headers.filter((h) => h[0] === k).map((h) => h[1]);
        if (v.length) line += ` ${k}=${JSON.stringify(v.length === 1 ? v[0]!.slice(0, 120) : v)}`;
      }
      if (flag) line += '\n      ' + ev.headers.map((h) => h[0]).join(' ');
      if (ev.body !== undefined) line += ` BODY=${JSON.stringify(ev.body.slice(0, 300))}`;
    } else if (f.body) line += ` ${JSON.stringify(f.body.toString('utf8').slice(0, flag ? 3000 : 300))}`;
    if (ct !== 'command/reply' && ct !== 'text/event-plain') line += ` hdrs=${f.headers.map((h) => h[0]).join(',')}`;
    console.log(line);
  }
}
