import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cluster,
  countingScenario,
  publish,
  sleep,
  TcpProxy,
  waitFor,
  type RuntimeNode,
} from './testing/cluster-harness.js';

/**
 * Three runtime processes (a, b, c) on one PostgreSQL schema, one BullMQ queue and one standalone
 * emulator; node a reaches the database and Redis through proxies the tests cut. Faults are injected
 * one after another on the same cluster. Assertions are about outcomes, never about speed.
 * Numbers 71.. go to node a's socket, 72.. to b, 73.. to c (the emulator's dialplan).
 */
const POSTGRES = process.env.TEST_POSTGRES_URL;
const REDIS = process.env.TEST_REDIS_URL;

type Cdr = { callee: string; result: string | null; ended_at: string | null; hangup_cause: string | null };

describe.skipIf(!POSTGRES || !REDIS)('several runtime nodes', () => {
  let cluster: Cluster;
  let dbProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let a: RuntimeNode;
  let b: RuntimeNode;
  let c: RuntimeNode;
  /** The one of b and c still running after the campaign test kills the other. */
  let spare: RuntimeNode;
  const prefix = (node: RuntimeNode) => ({ a: '71', b: '72', c: '73' })[node.name]!;

  const cdrs = (callee: string) =>
    cluster.sql<Cdr>('SELECT callee, result, ended_at, hangup_cause FROM call_records WHERE callee = $1', [callee]);
  const ended = (uuid: string, timeoutMs = 60_000) =>
    waitFor(
      `call ${uuid} to end`,
      async () => {
        const history = await cluster.emulator.history(uuid);
        return history?.summary.hangupCause ? history.summary : undefined;
      },
      timeoutMs,
    );

  beforeAll(async () => {
    dbProxy = await TcpProxy.forUrl(POSTGRES!).start();
    redisProxy = await TcpProxy.forUrl(REDIS!).start();
    cluster = new Cluster({
      postgresUrl: POSTGRES!,
      redisUrl: REDIS!,
      pins: { '71': 'a', '72': 'b', '73': 'c' },
      env: {
        GLOBALS_REFRESH_MS: '200',
        JOBS_LEASE_MS: '3000',
        CALL_DRAIN_MS: '30000',
        LOG_LEVEL: 'warn',
      },
    });
    await cluster.prepare(['a', 'b', 'c']);
    // One after another: the first runs the migrations.
    a = await cluster.startNode({
      name: 'a',
      env: {
        DATABASE_URL: dbProxy.rewrite(POSTGRES!),
        REDIS_URL: redisProxy.rewrite(REDIS!),
      },
    });
    [b, c] = await Promise.all([cluster.startNode({ name: 'b' }), cluster.startNode({ name: 'c' })]);
  }, 300_000);

  afterAll(async () => {
    if (cluster)
      for (const node of cluster.nodes.values())
        if (typeof node.exitCode === 'number' && node.exitCode > 0)
          console.log(`node ${node.name} exited ${node.exitCode}:\n${node.tail(30)}`);
    await cluster?.stop();
    await dbProxy?.stop();
    await redisProxy?.stop();
  }, 120_000);

  it('shares scenarios, routes and global variables: a change on one node reaches every node', async () => {
    await publish(a, countingScenario('counting', 0));
    await b.api('POST', '/api/routes', { name: 'cluster', matchType: 'prefix', pattern: '7', scenarioId: 'counting' });
    const heard: string[] = [];
    for (const number of ['7101', '7201', '7301', '7102', '7202', '7302']) {
      const summary = await ended(await cluster.emulator.placeCall(number));
      heard.push(...summary.spoken);
      await sleep(600); // past GLOBALS_REFRESH_MS: the next node has taken the write
    }
    // One counter across three nodes: each call saw the previous node's write.
    expect(heard).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Call number ${n}.`));
    const [row] = await cluster.sql<{ value: string }>("SELECT value FROM global_variables WHERE name = 'calls'");
    expect(JSON.parse(row!.value)).toBe(6);

    // A new published version on node c is what node a runs next (no per-node scenario cache).
    const changed = countingScenario('counting', 0);
    (changed.nodes as Array<{ id: string; params: unknown }>).find((n) => n.id === 'hello')!.params = {
      prompt: { tts: 'Version two.' },
    };
    await publish(c, changed);
    expect((await ended(await cluster.emulator.placeCall('7103'))).spoken).toEqual(['Version two.']);
    // And a route added on node a applies on node b (72.. calls go to b's socket).
    await publish(a, { ...countingScenario('other', 0), name: 'Other' });
    await a.api('POST', '/api/routes', {
      name: 'other',
      matchType: 'prefix',
      pattern: '7209',
      scenarioId: 'other',
      priority: 10,
    });
    const other = await ended(await cluster.emulator.placeCall('72091'));
    expect(other.spoken).toEqual(['Call number 8.']);
    expect(await cdrs('72091')).toMatchObject([{ result: 'done' }]);
  }, 180_000);

  it('parks calls from every node in one lot on the switch without giving a slot twice', async () => {
    await c.api('POST', '/api/parking-lots', {
      name: 'cluster-lot',
      parkNumber: '8800',
      slotFrom: 8801,
      slotTo: 8809,
      timeoutSeconds: 60,
    });
    // 8800 is not pinned: the emulator's dialplan sends the three calls round robin to a, b and c.
    const parked = [];
    for (let i = 0; i < 3; i++) parked.push(await cluster.emulator.placeCall('8800', `7988000000${i}`));
    const slots = await waitFor(
      'three parked calls',
      async () => {
        const info = await cluster.emulator.api('valet_info cluster-lot');
        const found = [...info.matchAll(/<extension uuid="([^"]+)">(\d+)<\/extension>/g)];
        return found.length === 3 ? found : undefined;
      },
      60_000,
    );
    expect(new Set(slots.map((m) => m[2])).size).toBe(3);
    expect(new Set(slots.map((m) => m[1]))).toEqual(new Set(parked));
    for (const uuid of parked) await cluster.emulator.hangup(uuid);
    for (const uuid of parked) await ended(uuid);
  }, 120_000);

  it('takes over a killed node’s campaign contacts after the lease: none lost, none answered twice', async () => {
    await publish(a, campaignScenario());
    const phones = Array.from({ length: 12 }, (_, i) => `7900000${String(i).padStart(4, '0')}`);
    const form = new FormData();
    form.append('name', 'cluster');
    form.append('file', new Blob([await xlsx(phones)]), 'contacts.xlsx');
    const created = await a.api<{ campaign: { id: string } }>('POST', '/api/campaigns', form);
    const id = created.campaign.id;
    await a.api('POST', `/api/campaigns/${id}/prepare`, {
      mapping: { phone: 'Phone' },
      settings: {
        scenarioId: 'campaign-ivr',
        concurrency: 6,
        callsPerSecond: 4,
        maxAttempts: 3,
        retry: { interrupted: 0, error: 0 },
        windows: [{ from: '00:00', to: '00:00' }],
      },
    });
    await a.api('POST', `/api/campaigns/${id}/start`);
    // Node b or c is dialing some of them: kill it without warning.
    const [dialing] = await waitFor(
      'node b or c to be dialing',
      async () => {
        const rows = await cluster.sql<{ owner: string }>(
          `SELECT lease_owner AS owner FROM campaign_attempts
           WHERE status = 'dialing' AND (lease_owner LIKE 'cluster-b%' OR lease_owner LIKE 'cluster-c%')
           AND started_at < $1`,
          [new Date(Date.now() - 1000).toISOString()],
        );
        return rows.length > 0 ? rows : undefined;
      },
      120_000,
      100,
    );
    const victim = dialing!.owner.startsWith('cluster-b') ? b : c;
    spare = victim === b ? c : b;
    victim.proc.kill('SIGKILL');
    await victim.exited;

    const campaign = await waitFor(
      'the campaign to complete',
      async () => {
        const current = await a.api<{ status: string }>('GET', `/api/campaigns/${id}`);
        return current.status === 'completed' ? current : undefined;
      },
      240_000,
      1000,
    );
    expect(campaign.status).toBe('completed');
    const contacts = await cluster.sql<{ phone: string; status: string; attempts: number }>(
      'SELECT phone, status, attempts FROM campaign_contacts WHERE campaign_id = $1',
      [id],
    );
    const attempts = await cluster.sql<{ contact_id: string; outcome: string; phone: string }>(
      `SELECT a.contact_id, a.outcome, c.phone FROM campaign_attempts a JOIN campaign_contacts c ON c.id = a.contact_id
       WHERE a.campaign_id = $1`,
      [id],
    );
    // None lost: every contact was reached in the end.
    expect(contacts).toHaveLength(12);
    expect(contacts.every((contact) => contact.status === 'done')).toBe(true);
    // The killed node's in-flight attempts were taken over (interrupted, then dialed again) ...
    expect(attempts.some((attempt) => attempt.outcome === 'interrupted')).toBe(true);
    // ... and nobody was dialed twice for one attempt, nor answered twice.
    const dialed = (await cluster.emulator.calls()).filter((call) => call.direction === 'outbound');
    for (const contact of contacts) {
      const mine = attempts.filter((attempt) => attempt.phone === contact.phone);
      expect(mine.filter((attempt) => attempt.outcome === 'answered')).toHaveLength(1);
      const originated = dialed.filter((call) => call.to.includes(contact.phone)).length;
      expect(originated).toBeGreaterThanOrEqual(1);
      expect(originated).toBeLessThanOrEqual(mine.length);
      if (!mine.some((attempt) => attempt.outcome === 'interrupted')) expect(originated).toBe(1);
    }
  }, 420_000);

  it('survives the database going away: calls end, nothing crashes, CDR writes are retried', async () => {
    await publish(a, countingScenario('db-wait', 4));
    await a.api('POST', '/api/routes', {
      name: 'db wait',
      matchType: 'prefix',
      pattern: '7140',
      scenarioId: 'db-wait',
      priority: 20,
    });
    // A call in progress when the database goes away carries on to its end.
    const inProgress = await cluster.emulator.placeCall('71401');
    await waitFor('the call to be answered', async () => (await cluster.emulator.activeCalls()) >= 1, 60_000);
    await sleep(1000);
    dbProxy.cut();
    const during = ['7111', '7112', '7113'];
    const uuids: string[] = [];
    for (const number of during) uuids.push(await cluster.emulator.placeCall(number));
    for (const uuid of uuids) await ended(uuid, 90_000);
    const carriedOn = await ended(inProgress, 90_000);
    expect(carriedOn.hangupCause).toBe('NORMAL_CLEARING');
    expect(carriedOn.spoken).toHaveLength(1);
    expect((await a.health()).status).toBe(503);
    await sleep(3000);
    expect(a.running).toBe(true);
    dbProxy.restore();
    await waitFor('node a healthy again', async () => (await a.health()).status === 200, 120_000, 500);
    // The CDRs of the calls during the outage were written once the database was back.
    await waitFor(
      'the CDR of the call in progress',
      async () => (await cdrs('71401'))[0]?.result === 'done',
      120_000,
      500,
    );
    for (const number of during)
      await waitFor(`the CDR of ${number}`, async () => (await cdrs(number)).some((cdr) => cdr.ended_at), 120_000, 500);
    // Node a serves calls again.
    const after = await ended(await cluster.emulator.placeCall('7114'));
    expect(after.spoken).toEqual(['Version two.']);
    expect(await cdrs('7114')).toMatchObject([{ result: 'done' }]);
    expect(a.running).toBe(true);
  }, 300_000);

  it('survives Redis going away: jobs queued meanwhile run once it is back', async () => {
    await publish(a, serviceScenario());
    redisProxy.cut();
    await sleep(2000);
    // The request waits for Redis rather than failing or losing the job.
    const queued = a.api('POST', '/api/jobs/services/bump/run', { args: {} }, [200, 201, 202]);
    await sleep(3000);
    expect(a.running).toBe(true);
    redisProxy.restore();
    await queued;
    const bumps = async () => {
      const rows = await cluster.sql<{ value: string }>("SELECT value FROM global_variables WHERE name = 'bumps'");
      return rows[0] ? (JSON.parse(rows[0].value) as number) : 0;
    };
    await waitFor('the run queued during the outage', async () => (await bumps()) === 1, 120_000, 500);
    // One at a time: a global counter is last-writer-wins across nodes (docs/scaling.md).
    for (let n = 2; n <= 4; n++) {
      await a.api('POST', '/api/jobs/services/bump/run', { args: {} }, [200, 201, 202]);
      await waitFor(`service run ${n}`, async () => (await bumps()) === n, 60_000, 300);
      await sleep(500);
    }
    expect(a.running).toBe(true);
  }, 240_000);

  it('reconnects after the switch restarts; calls in progress end with CDRs', async () => {
    await publish(a, countingScenario('long', 30));
    await a.api('POST', '/api/routes', {
      name: 'long',
      matchType: 'prefix',
      pattern: '7150',
      scenarioId: 'long',
      priority: 20,
    });
    await a.api('POST', '/api/routes', {
      name: 'long b',
      matchType: 'prefix',
      pattern: `${prefix(spare)}50`,
      scenarioId: 'long',
      priority: 20,
    });
    const numbers = ['71501', `${prefix(spare)}501`, '71502', `${prefix(spare)}502`];
    for (const number of numbers) await cluster.emulator.placeCall(number);
    await waitFor('the calls to be up', async () => (await cluster.emulator.activeCalls()) >= numbers.length, 60_000);
    await sleep(1500);
    cluster.emulator.proc.kill('SIGKILL');
    await cluster.emulator.exited;
    for (const number of numbers)
      await waitFor(
        `the CDR of ${number} to end`,
        async () => (await cdrs(number)).some((cdr) => cdr.ended_at !== null),
        120_000,
        500,
      );
    for (const node of [a, spare]) expect(node.running).toBe(true);
    await cluster.startEmulator();
    for (const node of [a, spare])
      await waitFor(
        `${node.name} to reconnect`,
        async () => (await node.health()).body.checks.switch?.status === 'up',
        120_000,
        500,
      );
    // Calls work again: inbound on both nodes, and originated through the control connections.
    for (const number of ['7121', `${prefix(spare)}21`])
      expect((await ended(await cluster.emulator.placeCall(number))).hangupCause).toBe('NORMAL_CLEARING');
    const callbacks: string[] = [];
    for (let i = 0; i < 3; i++)
      callbacks.push(
        (
          await a.api<{ callbackId: string }>('POST', '/api/jobs/callbacks', {
            number: `7910000000${i}`,
            scenarioId: 'campaign-ivr',
          })
        ).callbackId,
      );
    for (const id of callbacks)
      await waitFor(
        `callback ${id}`,
        async () => (await a.api<{ status: string }>('GET', `/api/jobs/callbacks/${id}`)).status === 'answered',
        120_000,
        500,
      );
  }, 300_000);

  it('drains calls on SIGTERM: the call in progress finishes, new ones are refused, the node exits', async () => {
    await publish(a, countingScenario('drain', 5));
    await a.api('POST', '/api/routes', {
      name: 'drain',
      matchType: 'prefix',
      pattern: `${prefix(spare)}60`,
      scenarioId: 'drain',
      priority: 20,
    });
    const inProgress = await cluster.emulator.placeCall(`${prefix(spare)}601`);
    await waitFor('the call to be answered', async () => (await cluster.emulator.activeCalls()) >= 1, 60_000);
    await sleep(1500);
    const sigtermAt = Date.now();
    spare.proc.kill('SIGTERM');
    await sleep(1500);
    const refused = await cluster.emulator.placeCall(`${prefix(spare)}602`);
    const refusedSummary = await ended(refused);
    expect(refusedSummary.spoken).toEqual([]);
    const summary = await ended(inProgress);
    expect(summary.hangupCause).toBe('NORMAL_CLEARING');
    expect(summary.spoken).toHaveLength(1);
    // The node waited for the call (it had seconds left), then stopped by itself.
    await spare.exited;
    expect(spare.exitedAt! - sigtermAt).toBeGreaterThanOrEqual(2000);
    await waitFor('the CDR', async () => (await cdrs(`${prefix(spare)}601`))[0]?.result === 'done', 60_000, 500);
  }, 180_000);
});

/** An IVR for campaigns and callbacks: plays, waits a few seconds, ends with a result. */
function campaignScenario(): Record<string, unknown> {
  return {
    format: 'ivr-scenario/1',
    id: 'campaign-ivr',
    name: 'Campaign IVR',
    kind: 'ivr',
    params: [],
    start: 'hello',
    nodes: [
      {
        id: 'hello',
        type: 'play',
        typeVersion: 1,
        params: { prompt: { tts: 'Hello from the campaign.' } },
        exits: { ok: 'wait' },
      },
      { id: 'wait', type: 'pause', typeVersion: 1, params: { duration: 3 }, exits: { ok: 'end' } },
      { id: 'end', type: 'end', typeVersion: 1, params: { action: 'hangup', result: 'reached' }, exits: {} },
    ],
    layout: {},
  };
}

/** A service scenario that bumps a global counter. */
function serviceScenario(): Record<string, unknown> {
  return {
    format: 'ivr-scenario/1',
    id: 'bump',
    name: 'Bump',
    kind: 'service',
    params: [],
    variables: [{ name: 'bumps', scope: 'global', type: 'int', initial: 0 }],
    start: 'bump',
    nodes: [
      {
        id: 'bump',
        type: 'assign',
        typeVersion: 1,
        params: { assignments: [{ variable: 'bumps', value: 'bumps + 1' }] },
        exits: { ok: 'end' },
      },
      { id: 'end', type: 'end', typeVersion: 1, params: {}, exits: {} },
    ],
    layout: {},
  };
}

async function xlsx(phones: string[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow(['Phone']);
  for (const phone of phones) sheet.addRow([phone]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
