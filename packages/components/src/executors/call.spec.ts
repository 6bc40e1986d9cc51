import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ScenariosPort, SwitchPort } from '../ports/index.js';
import { ScriptedCall, type CallScript } from '../testing/scripted-call.js';
import { testContext, type TestContextOptions } from '../testing/execution-context.js';
import { answerDefinition } from '../components/answer/definition.js';
import { answerExecutor } from '../components/answer/executor.js';
import { callbackDefinition } from '../components/callback/definition.js';
import { callbackExecutor } from '../components/callback/executor.js';
import { conferenceToBridgeDefinition } from '../components/conference-to-bridge/definition.js';
import { conferenceToBridgeExecutor } from '../components/conference-to-bridge/executor.js';
import { dialDefinition } from '../components/dial/definition.js';
import { dialExecutor } from '../components/dial/executor.js';
import { inputDefinition } from '../components/input/definition.js';
import { inputExecutor } from '../components/input/executor.js';
import { menuDefinition } from '../components/menu/definition.js';
import { menuExecutor } from '../components/menu/executor.js';
import { parkDefinition } from '../components/park/definition.js';
import { parkExecutor } from '../components/park/executor.js';
import { pickupDefinition } from '../components/pickup/definition.js';
import { pickupExecutor } from '../components/pickup/executor.js';
import { playDefinition } from '../components/play/definition.js';
import { playExecutor } from '../components/play/executor.js';
import { recordCallDefinition } from '../components/record-call/definition.js';
import { recordCallExecutor } from '../components/record-call/executor.js';
import { recordDefinition } from '../components/record/definition.js';
import { recordExecutor } from '../components/record/executor.js';
import { sendDtmfDefinition } from '../components/send-dtmf/definition.js';
import { sendDtmfExecutor } from '../components/send-dtmf/executor.js';
import { sipHeadersDefinition } from '../components/sip-headers/definition.js';
import { sipHeadersExecutor } from '../components/sip-headers/executor.js';
import { switchCallDefinition } from '../components/switch-call/definition.js';
import { switchCallExecutor } from '../components/switch-call/executor.js';
import { transferDefinition } from '../components/transfer/definition.js';
import { transferExecutor } from '../components/transfer/executor.js';
import { hangupDefinition } from '../components/hangup/definition.js';
import { hangupExecutor } from '../components/hangup/executor.js';

function onCall<S extends z.ZodType>(
  schema: S,
  raw: z.input<S>,
  script: CallScript = {},
  rest: Omit<TestContextOptions<z.output<S>>, 'params'> = {},
) {
  const call = new ScriptedCall(script);
  const context = testContext({ params: schema.parse(raw), ...rest, ports: { call, ...rest.ports } });
  return { call, context };
}

const digits = (d: string) => ({ outcome: 'digits' as const, digits: d });
const tts = (text: string) => ({ prompt: { tts: text } });

describe('call executors', () => {
  it('answer answers once', async () => {
    const { call, context } = onCall(answerDefinition.params, {});
    expect(await answerExecutor(context)).toEqual({ exit: 'ok' });
    await answerExecutor(context);
    expect(call.ops()).toEqual(['answer']);
  });

  it('hangup hangs up with its cause', async () => {
    const { call, context } = onCall(hangupDefinition.params, { cause: 'USER_BUSY' });
    await hangupExecutor(context);
    expect(call.operations).toEqual([{ op: 'hangup', args: 'USER_BUSY' }]);
  });

  it('play renders its prompt, repeats, and keeps the barge-in key', async () => {
    const variables = { name: { type: 'string' as const, value: 'Ann' }, key: { type: 'string' as const } };
    const once = onCall(playDefinition.params, { ...tts('Hello {{ name }}'), repeat: 2 }, {}, { variables });
    expect(await playExecutor(once.context)).toEqual({ exit: 'ok' });
    expect(once.call.operations).toEqual([
      { op: 'play', args: { prompt: { tts: 'Hello Ann' }, bargeInKeys: undefined } },
      { op: 'play', args: { prompt: { tts: 'Hello Ann' }, bargeInKeys: undefined } },
    ]);
    const barge = onCall(
      playDefinition.params,
      { ...tts('Menu'), repeat: 3, bargeIn: true, into: 'key' },
      { play: [{ interruptedBy: '5' }] },
      { variables },
    );
    expect(await playExecutor(barge.context)).toEqual({ exit: 'ok', vars: { key: '5' } });
    expect(barge.call.ops()).toEqual(['play']);
  });

  it('input: digits into the variable, retries with the right prompts, noinput and invalid exits', async () => {
    const variables = { code: { type: 'string' as const } };
    const params = {
      ...tts('Code?'),
      minDigits: 4,
      maxDigits: 6,
      retries: 2,
      pattern: '^1',
      noinputPrompt: { tts: 'I did not hear you' },
      invalidPrompt: { tts: 'That is not a code' },
      into: 'code',
    };
    const ok = onCall(
      inputDefinition.params,
      params,
      { digits: [{ outcome: 'noinput' }, digits('99'), digits('1234')] },
      { variables },
    );
    expect(await inputExecutor(ok.context)).toEqual({ exit: 'ok', vars: { code: '1234' } });
    expect(
      ok.call.operations.map((o) =>
        o.op === 'play' ? `play:${(o.args as { prompt: { tts: string } }).prompt.tts}` : o.op,
      ),
    ).toEqual([
      'collectDigits',
      'play:I did not hear you',
      'collectDigits',
      'play:That is not a code',
      'collectDigits',
    ]);
    expect(ok.call.operations[0]!.args).toMatchObject({
      minDigits: 4,
      maxDigits: 6,
      firstDigitTimeoutMs: 5000,
      terminators: '#',
    });
    const silent = onCall(inputDefinition.params, params, {}, { variables });
    expect(await inputExecutor(silent.context)).toEqual({ exit: 'noinput' });
    expect(silent.call.ops().filter((op) => op === 'collectDigits')).toHaveLength(3);
    const wrong = onCall(
      inputDefinition.params,
      params,
      { digits: [digits('5555'), digits('5555'), digits('5555')] },
      { variables },
    );
    expect(await inputExecutor(wrong.context)).toEqual({ exit: 'invalid' });
  });

  it('menu: an option key takes its exit, others retry, then invalid or noinput', async () => {
    const params = { ...tts('1 or 2'), options: [{ key: '1' }, { key: '#' }], retries: 1, into: 'choice' } as const;
    const variables = { choice: { type: 'string' as const } };
    expect(
      await menuExecutor(
        onCall(menuDefinition.params, params, { digits: [digits('7'), digits('#')] }, { variables }).context,
      ),
    ).toEqual({
      exit: 'digit-hash',
      vars: { choice: '#' },
    });
    expect(
      await menuExecutor(
        onCall(menuDefinition.params, params, { digits: [digits('7'), digits('8')] }, { variables }).context,
      ),
    ).toEqual({
      exit: 'invalid',
    });
    expect(await menuExecutor(onCall(menuDefinition.params, params, {}, { variables }).context)).toEqual({
      exit: 'noinput',
    });
  });

  it('switch-call maps every bridge outcome to its exit, with rendered targets and headers', async () => {
    const variables = { ext: { type: 'string' as const, value: '201' }, who: { type: 'string' as const } };
    const params = {
      targets: [{ type: 'extension' as const, value: '{{ ext }}' }],
      headers: { 'X-Ticket': 'T-{{ ext }}' },
      continueAfterBridge: true,
      into: 'who',
    };
    for (const outcome of ['busy', 'noanswer', 'failed'] as const) {
      const { context } = onCall(
        switchCallDefinition.params,
        params,
        { bridge: { outcome, cause: 'X' } },
        { variables },
      );
      expect(await switchCallExecutor(context)).toEqual({ exit: outcome });
    }
    const { call, context } = onCall(
      switchCallDefinition.params,
      params,
      { bridge: { outcome: 'answered', answeredBy: '201', durationMs: 1000 } },
      { variables },
    );
    expect(await switchCallExecutor(context)).toEqual({ exit: 'answered', vars: { who: '201' } });
    expect(call.operations[0]!.args).toMatchObject({
      targets: [{ type: 'extension', value: '201' }],
      headers: { 'X-Ticket': 'T-201' },
      ringTimeoutMs: 30_000,
      strategy: 'sequential',
    });
  });

  it('transfer, record, record-call, send-dtmf do what they say', async () => {
    const transfer = onCall(transferDefinition.params, { destination: '7{{ 1 + 1 }}' });
    expect(await transferExecutor(transfer.context)).toEqual({ exit: 'ok' });
    expect(transfer.call.operations[0]).toMatchObject({ op: 'transfer', args: { destination: '72' } });

    const variables = { file: { type: 'string' as const } };
    const silent = onCall(recordDefinition.params, { into: 'file' }, {}, { variables });
    expect(await recordExecutor(silent.context)).toEqual({ exit: 'noinput' });
    const recorded = onCall(
      recordDefinition.params,
      { into: 'file' },
      { record: { outcome: 'recorded', file: 'msg.wav', durationMs: 3000 } },
      { variables },
    );
    expect(await recordExecutor(recorded.context)).toEqual({ exit: 'ok', vars: { file: 'msg.wav' } });

    for (const action of ['start', 'mask', 'unmask', 'stop'] as const) {
      const { call, context } = onCall(recordCallDefinition.params, { action });
      await recordCallExecutor(context);
      expect(call.ops()).toEqual([
        {
          start: 'startSessionRecording',
          mask: 'maskRecording',
          unmask: 'unmaskRecording',
          stop: 'stopSessionRecording',
        }[action],
      ]);
    }

    const dtmf = onCall(sendDtmfDefinition.params, { digits: '12w#' });
    await sendDtmfExecutor(dtmf.context);
    expect(dtmf.call.operations).toEqual([{ op: 'sendDtmf', args: { digits: '12w#', toneDurationMs: 100 } }]);
    await expect(sendDtmfExecutor(onCall(sendDtmfDefinition.params, { digits: '12; rm' }).context)).rejects.toThrow(
      /not a DTMF string/,
    );
  });

  it('park and pickup: outcomes to exits, slot into a variable, a full lot is an error', async () => {
    const variables = { slot: { type: 'string' as const } };
    const picked = onCall(
      parkDefinition.params,
      { into: 'slot' },
      { park: { outcome: 'picked', slot: '712' } },
      { variables },
    );
    expect(await parkExecutor(picked.context)).toEqual({ exit: 'picked', vars: { slot: '712' } });
    expect(picked.call.operations[0]!.args).toMatchObject({
      firstSlot: 711,
      lastSlot: 715,
      announce: true,
      onTimeout: 'return',
    });
    const timeout = onCall(parkDefinition.params, { onTimeout: 'exit' }, { park: { outcome: 'timeout', slot: '711' } });
    expect(await parkExecutor(timeout.context)).toEqual({ exit: 'timeout' });
    await expect(parkExecutor(onCall(parkDefinition.params, {}).context)).rejects.toThrow(/every slot/);

    const pickup = onCall(
      pickupDefinition.params,
      { slot: '{{ call.dialedNumber }}' },
      { pickup: { outcome: 'picked', slot: '712' } },
      { system: { call: { dialedNumber: '712' } } },
    );
    expect(await pickupExecutor(pickup.context)).toEqual({ exit: 'ok' });
    expect(pickup.call.operations[0]).toEqual({ op: 'pickup', args: { lot: 'default', slot: '712' } });
    expect(await pickupExecutor(onCall(pickupDefinition.params, { slot: '799' }).context)).toEqual({ exit: 'empty' });
  });

  it('sip-headers reads headers case-insensitively and sets outgoing ones', async () => {
    const variables = { order: { type: 'string' as const }, amount: { type: 'string' as const } };
    const { call, context } = onCall(
      sipHeadersDefinition.params,
      { map: { 'X-Order-Id': 'order', 'X-Amount': 'amount' }, headers: { 'X-Result': 'ok-{{ 1 }}' } },
      { headers: { 'x-order-id': '12345' } },
      { variables },
    );
    expect(await sipHeadersExecutor(context)).toEqual({ exit: 'ok', vars: { order: '12345', amount: '' } });
    expect(call.operations).toEqual([{ op: 'setOutgoingSipHeaders', args: { 'X-Result': 'ok-1' } }]);
  });

  it('dial and conference-to-bridge use the switch; callback goes to the scenarios port', async () => {
    const requests: unknown[] = [];
    const switchPort = {
      originate: async (request: unknown) => (requests.push(request), { outcome: 'busy', cause: 'USER_BUSY' }),
      conferenceMembers: async (room: string) =>
        room === 'two'
          ? [
              { memberId: '1', callId: 'a', moderator: false },
              { memberId: '2', callId: 'b', moderator: false },
            ]
          : [{ memberId: '1', callId: 'a', moderator: false }],
      bridgeCalls: async (a: string, b: string) => void requests.push(['bridge', a, b]),
      waitForConferenceSize: async () => false,
    } as unknown as SwitchPort;
    const dial = testContext({
      params: dialDefinition.params.parse({ target: { value: '79160000000' } }),
      ports: { switch: switchPort },
    });
    expect(await dialExecutor(dial)).toEqual({ exit: 'busy' });
    expect(requests[0]).toMatchObject({ attachToRun: true, ringTimeoutMs: 30_000, target: { value: '79160000000' } });

    const c2b = (room: string, waitTimeout = 0) =>
      conferenceToBridgeExecutor(
        testContext({
          params: conferenceToBridgeDefinition.params.parse({ room, waitTimeout }),
          ports: { switch: switchPort },
        }),
      );
    expect(await c2b('two')).toEqual({ exit: 'ok' });
    expect(requests).toContainEqual(['bridge', 'a', 'b']);
    expect(await c2b('one')).toEqual({ exit: 'not-ready' });
    expect(await c2b('one', 5)).toEqual({ exit: 'not-ready' });

    let scheduled: unknown;
    const scenarios = {
      scheduleCallback: async (r: unknown) => ((scheduled = r), { jobId: 'job-7' }),
    } as unknown as ScenariosPort;
    const callback = testContext({
      params: callbackDefinition.params.parse({
        target: { value: '{{ call.callerId }}' },
        scenario: 'survey',
        delay: 60,
        into: 'job',
      }),
      variables: { job: { type: 'string' } },
      ports: { scenarios },
      system: { call: { callerId: '79161112233' } },
    });
    expect(await callbackExecutor(callback)).toEqual({ exit: 'ok', vars: { job: 'job-7' } });
    expect(scheduled).toMatchObject({
      target: { value: '79161112233' },
      scenario: 'survey',
      delayMs: 60_000,
      attempts: 3,
      retryIntervalMs: 300_000,
    });
  });
});
