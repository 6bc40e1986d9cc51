import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EslEvent } from './esl-event.js';

/** Header names as FreeSWITCH has them, and some that collide with the text of values. */
const headerName = fc.oneof(
  fc.constantFrom('Event-Name', 'Unique-ID', 'Application-UUID', 'variable_x', '_body', 'a', 'constructor'),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('"', '\\', '\\"', '"Event-Name":"X"', '\\\\"a":"b', 'ü ✓ \u0001', ''),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

describe('EslEvent on a compact JSON event', () => {
  it('reads every header as JSON.parse would, and absent ones as absent', () => {
    fc.assert(
      fc.property(
        fc.dictionary(headerName, fc.oneof(headerValue, fc.array(headerValue, { maxLength: 2 }))),
        fc.array(headerName, { maxLength: 5 }),
        (headers, probes) => {
          const json = JSON.stringify(headers);
          const parsed = JSON.parse(json) as Record<string, unknown>;
          // One event per lookup, so that no lookup profits from an earlier full parse.
          for (const name of [...Object.keys(headers), ...probes]) {
            const expected = Object.hasOwn(parsed, name) ? String(parsed[name]) : undefined;
            expect(new EslEvent({ json: Buffer.from(json) }).header(name)).toBe(expected);
          }
          const variables = new EslEvent({ json: Buffer.from(json) }).variables();
          for (const [name, value] of Object.entries(parsed)) {
            if (name.startsWith('variable_')) expect(variables.get(name.slice(9))).toBe(String(value));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes the body from _body, and reads a formatted (not compact) text by parsing it', () => {
    const event = new EslEvent({ json: Buffer.from('{"Event-Name":"BACKGROUND_JOB","_body":"+OK \\"done\\"\\n"}') });
    expect(event.name).toBe('BACKGROUND_JOB');
    expect(event.body).toBe('+OK "done"\n');
    const formatted = new EslEvent({ json: Buffer.from('{\n  "Event-Name": "DTMF",\n  "DTMF-Digit": "5"\n}') });
    expect([formatted.name, formatted.header('DTMF-Digit'), formatted.body]).toEqual(['DTMF', '5', '']);
  });

  it('reads a broken text as an event without headers rather than throwing', () => {
    const event = new EslEvent({ json: Buffer.from('{\n "Event-Name": ') });
    expect([event.name, event.uuid, [...event.variables()]]).toEqual(['', undefined, []]);
  });
});
