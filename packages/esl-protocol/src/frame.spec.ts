import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FrameParser,
  parseEventPlain,
  serializeFrame,
  urlDecode,
  urlEncode,
  type Frame,
  type Header,
} from './frame.js';

function parseAll(chunks: Buffer[], options?: ConstructorParameters<typeof FrameParser>[1]) {
  const frames: Frame[] = [];
  const parser = new FrameParser((frame) => frames.push(frame), options);
  const errors: string[] = [];
  parser.onError = (error) => errors.push(error.code);
  for (const chunk of chunks) parser.push(chunk);
  return { frames, errors, parser };
}

const headerArb = fc.tuple(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/).filter((name) => name.toLowerCase() !== 'content-length'),
  fc.stringMatching(/^[^\r\n]{0,30}$/),
);

describe('FrameParser', () => {
  it('gives back the frames it was fed, however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.array(headerArb, { minLength: 1, maxLength: 5 }), fc.option(fc.string({ unit: 'grapheme' }))),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        (frames, cuts) => {
          const stream = Buffer.concat(
            frames.map(([headers, body]) => {
              const all: Header[] = body ? [...headers, ['Content-Length', String(Buffer.byteLength(body))]] : headers;
              return serializeFrame(all, body ?? undefined);
            }),
          );
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < stream.length; i++) {
            const size = cuts[i % cuts.length]!;
            chunks.push(stream.subarray(at, at + size));
            at += size;
          }
          const { frames: out, errors } = parseAll(chunks);
          expect(errors).toEqual([]);
          expect(
            out.map((frame) => [
              frame.headers.filter(([name]) => name !== 'Content-Length'),
              frame.body?.toString('utf8') ?? '',
            ]),
          ).toEqual(frames.map(([headers, body]) => [headers, body ?? '']));
        },
      ),
    );
  });

  it('ignores carriage returns and blank lines between frames', () => {
    const { frames } = parseAll([
      Buffer.from('\r\n\nContent-Type: command/reply\r\nReply-Text: +OK\r\n\r\n\nA: b\n\n'),
    ]);
    expect(frames.map((f) => f.headers)).toEqual([
      [
        ['Content-Type', 'command/reply'],
        ['Reply-Text', '+OK'],
      ],
      [['A', 'b']],
    ]);
  });

  it('stops with an error on a Content-Length or a header block above its limits, and parses nothing after', () => {
    const big = parseAll([Buffer.from('Content-Length: 99999\n\nA: b\n\n')], { maxContentLength: 1000 });
    expect(big.errors).toEqual(['content-length']);
    expect(big.frames).toEqual([]);
    const long = parseAll([Buffer.from('X: '.padEnd(5000, 'y'))], { maxHeaderBytes: 4096 });
    expect(long.errors).toEqual(['header-size']);
    expect(long.parser.buffered).toBe(0);
  });
});

describe('event-plain encoding', () => {
  it('round-trips values through FreeSWITCH URL encoding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(urlDecode(urlEncode(value))).toBe(value);
      }),
    );
  });

  it('parses an event-plain body with its own payload', () => {
    const body = 'Event-Name: BACKGROUND_JOB\nJob-UUID: j%201\nContent-Length: 4\n\n+OK\nrest';
    expect(parseEventPlain(body)).toEqual({
      headers: [
        ['Event-Name', 'BACKGROUND_JOB'],
        ['Job-UUID', 'j 1'],
        ['Content-Length', '4'],
      ],
      body: '+OK\n',
    });
  });
});
