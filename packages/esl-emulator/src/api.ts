/**
 * API commands (`api` / `bgapi`) with FreeSWITCH's exact output texts, including their quirks
 * (trailing newline or not, `-USAGE:`, `_undef_`, `{"row_count": 0}`).
 */
import { randomUUID } from 'node:crypto';
import { isHangupCause } from './channel.js';
import { localStamp } from './event.js';
import { parseDialVars } from './apps.js';
import type { Session, DialplanApp } from './session.js';
import { uptimeText, type Switch } from './switch.js';

export type ApiCommand = (sw: Switch, args: string) => Promise<string> | string;

const NO_CHANNEL = '-ERR No such channel!\n';

function session(sw: Switch, uuid: string | undefined): Session | undefined {
  return uuid ? sw.sessions.get(uuid) : undefined;
}

/** Splits on spaces, keeping single-quoted parts together (originate's argument rules). */
export function splitArgs(args: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of args) {
    if (ch === "'") {
      quoted = !quoted;
      continue;
    }
    if (ch === ' ' && !quoted) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const ORIGINATE_USAGE =
  '-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]\n';

/** originate <dial> <exten>|&app(args) [dialplan] [context] [cid_name] [cid_num] [timeout] */
async function originate(sw: Switch, args: string): Promise<string> {
  const argv = splitArgs(args);
  if (argv.length < 2) return ORIGINATE_USAGE;
  const [dialArg, target, dialplan = 'XML', context = 'default', cidName, cidNum, timeout] = argv as [
    string,
    string,
    ...string[],
  ];
  const { vars, dial } = parseDialVars(dialArg);
  if (cidName) vars.origination_caller_id_name ??= cidName;
  if (cidNum) vars.origination_caller_id_number ??= cidNum;
  const result = await sw.dial(dial, { vars, timeoutSec: timeout ? Number(timeout) : undefined });
  if (!('session' in result)) return `-ERR ${result.cause}\n`;
  const leg = result.session;
  // Once answered, originate shows the callee as the caller (Caller-Caller-ID-Number: uas) and the
  // origination number as the callee, ANI and Orig-Caller-ID.
  const p = leg.channel.profile;
  const cid = p.callerIdNumber;
  // The far end named itself in its answer (a call to the switch's own profile): the origination
  // name then shows as the callee; otherwise FreeSWITCH's 'Outbound Call' becomes the caller name.
  const named = p.calleeIdName !== 'Outbound Call';
  leg.channel.hitDialplan = true;
  leg.channel.profile = {
    ...p,
    callerIdName: p.calleeIdName ?? 'Outbound Call',
    callerIdNumber: p.calleeIdNumber ?? p.destinationNumber,
    calleeIdName: named ? p.callerIdName : undefined,
    calleeIdNumber: cid,
  };
  if (leg.channel.name.startsWith('sofia/')) {
    leg.vars.set('pre_transfer_caller_id_number', cid);
    leg.vars.set('channel_cid_flipped', 'yes');
    leg.vars.set('call_uuid', leg.uuid);
    leg.fire('CALL_UPDATE', undefined, (ev) => ev.add('Direction', 'RECV'));
  }
  let apps: DialplanApp[];
  const app = /^&([\w-]+)(?:\((.*)\)?)?$/.exec(target);
  if (app) {
    // `&socket(127.0.0.1:8084` (unquoted, split on its space) still runs socket with what is left.
    const inner = app[2] !== undefined ? app[2].replace(/\)$/, '') : '';
    apps = [[app[1]!, inner || undefined]];
  } else {
    leg.channel.profile.destinationNumber = target;
    leg.channel.profile.context = context;
    apps = sw.route(target, context);
  }
  void dialplan;
  // The leg leaves originate's hold once the API has answered (API, BACKGROUND_JOB come first).
  setImmediate(() => {
    if (leg.channel.isHungUp) return void leg.finish();
    leg.setState('CS_EXECUTE');
    void leg.run(apps);
  });
  return `+OK ${leg.uuid}\n`;
}

const SHOW_FIELDS = [
  'uuid',
  'direction',
  'created',
  'created_epoch',
  'name',
  'state',
  'cid_name',
  'cid_num',
  'ip_addr',
  'dest',
  'application',
  'application_data',
  'dialplan',
  'context',
  'read_codec',
  'read_rate',
  'read_bit_rate',
  'write_codec',
  'write_rate',
  'write_bit_rate',
  'secure',
  'hostname',
  'presence_id',
  'presence_data',
  'accountcode',
  'callstate',
  'callee_name',
  'callee_num',
  'callee_direction',
  'call_uuid',
  'sent_callee_name',
  'sent_callee_num',
  'initial_cid_name',
  'initial_cid_num',
  'initial_ip_addr',
  'initial_dest',
  'initial_dialplan',
  'initial_context',
];

function channelRow(sw: Switch, s: Session): Record<string, string> {
  const ch = s.channel;
  const p = ch.profile;
  const created = Math.floor(p.times.created / 1000);
  return {
    uuid: ch.uuid,
    direction: ch.direction,
    created: localStamp(new Date(created)),
    created_epoch: String(Math.floor(created / 1000)),
    name: ch.name,
    state: ch.state,
    cid_name: p.callerIdName ?? '',
    cid_num: p.callerIdNumber ?? '',
    ip_addr: p.networkAddr ?? '',
    dest: p.destinationNumber,
    application: s.vars.get('current_application') ?? '',
    application_data: s.vars.get('current_application_data') ?? '',
    dialplan: (p.dialplan ?? 'XML').toLowerCase(),
    context: p.context,
    read_codec: ch.codec.name,
    read_rate: String(ch.codec.rate),
    read_bit_rate: String(ch.codec.bitRate),
    write_codec: ch.codec.name,
    write_rate: String(ch.codec.rate),
    write_bit_rate: String(ch.codec.bitRate),
    secure: '',
    hostname: sw.events.identity.hostname,
    presence_id: '',
    presence_data: '',
    accountcode: '',
    callstate: ch.callState,
    callee_name: p.calleeIdName ?? '',
    callee_num: p.calleeIdNumber ?? '',
    callee_direction: ch.direction === 'outbound' ? 'RECV' : '',
    call_uuid: ch.direction === 'outbound' ? ch.uuid : '',
    sent_callee_name: '',
    sent_callee_num: '',
    initial_cid_name: p.callerIdName ?? '',
    initial_cid_num: p.callerIdNumber ?? '',
    initial_ip_addr: p.networkAddr ?? '',
    initial_dest: p.destinationNumber,
    initial_dialplan: (p.dialplan ?? 'XML').toLowerCase(),
    initial_context: p.context,
  };
}

function show(sw: Switch, args: string): string {
  const argv = args.trim().split(/\s+/);
  const what = argv[0];
  if (what !== 'channels' && what !== 'calls') return '-USAGE: show <channels|calls|...>\n';
  const sessions = [...sw.sessions.values()].filter((s) => !s.isFinished);
  if (argv[1] === 'count') return `\n${sessions.length} total.\n`;
  const asJson = argv[1] === 'as' && argv[2] === 'json';
  if (asJson) {
    if (sessions.length === 0) return '{"row_count": 0}\n';
    return JSON.stringify({ row_count: sessions.length, rows: sessions.map((s) => channelRow(sw, s)) });
  }
  if (sessions.length === 0) return '\n0 total.\n';
  const lines = [
    SHOW_FIELDS.join(','),
    ...sessions.map((s) => SHOW_FIELDS.map((f) => channelRow(sw, s)[f] ?? '').join(',')),
  ];
  return `${lines.join('\n')}\n\n${sessions.length} total.\n`;
}

function status(sw: Switch): string {
  const up = Date.now() - sw.startedAt;
  const n = sw.sessions.size;
  return (
    `UP ${uptimeText(up)}\n` +
    `FreeSWITCH (Version 1.11.3-dev  64bit) is ready\n` +
    `${sw.sessionsSinceStartup} session(s) since startup\n` +
    `${n} session(s) - peak ${sw.peakSessions}, last 5min ${sw.peakSessions} \n` +
    `0 session(s) per Sec out of max 100, peak 0, last 5min 0 \n` +
    `${sw.maxSessions} session(s) max\n` +
    `min idle cpu 0.00/99.00\n` +
    `Current Stack Size/Max 240K/8192K\n`
  );
}

function conferenceApi(sw: Switch, args: string): string {
  const argv = args.trim().split(/\s+/).filter(Boolean);
  if (argv.length === 0) return '-ERR Usage: conference <name> <command>\n';
  if (argv[0] === 'list') {
    if (sw.conferences.size === 0) return '+OK No active conferences.\n';
    let out = '';
    for (const conf of sw.conferences.values()) {
      out += `+OK Conference ${conf.name} (${conf.members.length} member${conf.members.length === 1 ? '' : 's'} rate: 8000 flags: running|answered|enforce_min|dynamic|exit_sound|enter_sound)\n`;
      out += memberLines(conf.members);
    }
    return out;
  }
  const conf = sw.conferences.get(argv[0]!);
  if (!conf) return `-ERR Conference ${argv[0]} not found\n`;
  switch (argv[1]) {
    case 'list':
      if (argv[2] === 'count') return String(conf.members.length);
      return memberLines(conf.members);
    case 'kick':
    case 'hup': {
      const target = argv[2];
      const members =
        target === 'all'
          ? [...conf.members]
          : conf.members.filter((m) => String(m.id) === target || m.session.uuid === target);
      if (members.length === 0) return `-ERR Non-Existant ID ${target}\n`;
      for (const m of members) {
        m.leave();
        if (argv[1] === 'hup') m.session.hangup('NORMAL_CLEARING');
      }
      return `+OK ${argv[1]} ${target}\n`;
    }
    default:
      return `-ERR Unknown command ${argv[1] ?? ''}\n`;
  }
}

function memberLines(members: Array<{ id: number; session: Session; floor: boolean }>): string {
  return [...members]
    .reverse()
    .map((m) => {
      const p = m.session.channel.profile;
      return `${m.id};${m.session.channel.name};${m.session.uuid};${p.callerIdName ?? ''};${p.callerIdNumber ?? ''};hear|speak${m.floor ? '|floor' : ''};0;0;0\n`;
    })
    .join('');
}

function valetInfo(sw: Switch, args: string): string {
  const only = args.trim();
  let out = '<lots>\n';
  for (const [name, lot] of sw.valetLots) {
    if (only && only !== name) continue;
    out += `  <lot name="${name}">\n`;
    for (const [ext, slot] of lot) out += `    <extension uuid="${slot.session.uuid}">${ext}</extension>\n`;
    out += '  </lot>\n';
  }
  return `${out}</lots>\n`;
}

export const API_COMMANDS: Record<string, ApiCommand> = {
  status: (sw) => status(sw),
  uptime: (sw) => String(Math.floor((Date.now() - sw.startedAt) / 1000)),
  version: () => 'FreeSWITCH Version 1.11.3-dev+git~emulator (-emulator 64bit)\n',
  hostname: (sw) => sw.events.identity.hostname,
  // No name: every global as `name=value` lines; an unknown name: nothing at all.
  global_getvar: (sw, args) => {
    const name = args.trim();
    const vars = sw.globalVariables();
    if (!name) return [...vars].map(([n, v]) => `${n}=${v}\n`).join('');
    return vars.get(name) ?? '';
  },
  eval: (_sw, args) => args,
  echo: (_sw, args) => args,
  reloadxml: (sw) => {
    sw.log('INFO', 'Timezone reloaded 597 definitions', 'switch_time.c', 'switch_load_timezones', 1437);
    return '+OK [Success]\n';
  },
  'sofia status': () => '',
  originate,
  show,
  status_json: (sw) => JSON.stringify({ sessions: sw.sessions.size }),
  uuid_exists: (sw, args) => String(sw.sessions.has(args.trim().split(/\s+/)[0] ?? '')),
  uuid_getvar: (sw, args) => {
    const [uuid, name] = args.trim().split(/\s+/);
    const s = session(sw, uuid);
    if (!s) return NO_CHANNEL;
    if (!name) return '-USAGE: <uuid> <var>\n';
    return s.vars.get(name) ?? '_undef_';
  },
  uuid_setvar: (sw, args) => {
    const m = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(args.trim());
    const s = session(sw, m?.[1] ?? args.trim());
    if (!s) return NO_CHANNEL;
    if (!m) return '-USAGE: <uuid> <var> [value]\n';
    s.vars.set(m[2]!, m[3] === undefined || m[3] === '' ? undefined : m[3]);
    return '+OK\n';
  },
  uuid_kill: (sw, args) => {
    const [uuid, cause] = args.trim().split(/\s+/);
    const s = session(sw, uuid);
    if (!s) return NO_CHANNEL;
    s.hangup(cause && isHangupCause(cause) ? cause : 'NORMAL_CLEARING');
    return '+OK\n';
  },
  uuid_bridge: (sw, args) => {
    const [a, b] = args.trim().split(/\s+/);
    const sa = session(sw, a);
    const sb = session(sw, b);
    if (!sa || !sb || sa === sb) return '-ERR Invalid uuid\n';
    sw.uuidBridge(sa, sb);
    return `+OK ${sb.uuid}\n`;
  },
  uuid_transfer: (sw, args) => {
    const argv = args
      .trim()
      .split(/\s+/)
      .filter((a) => a !== '-bleg' && a !== '-both');
    const [uuid, dest, dialplan = 'XML', context] = argv;
    const s = session(sw, uuid);
    if (!s) return NO_CHANNEL;
    if (!dest) return '-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n';
    s.history.add({ type: 'transfer', to: dest });
    s.requestBreak({ kind: 'transfer', exten: dest, dialplan, context: context ?? s.channel.profile.context });
    return '+OK\n';
  },
  // uuid_break <uuid> [all]: stops the channel's media only (see Session.breakMedia); the channel stays up.
  uuid_break: (sw, args) => {
    const trimmed = args.trim();
    if (!trimmed) return '-USAGE: <uuid> [all]\n';
    const space = trimmed.indexOf(' ');
    const s = session(sw, space < 0 ? trimmed : trimmed.slice(0, space));
    // mod_commands capitalises this one differently from uuid_kill's.
    if (!s) return '-ERR No Such Channel!\n';
    s.breakMedia(space >= 0 && trimmed.slice(space + 1).includes('all'));
    return '+OK\n';
  },
  uuid_answer: (sw, args) => {
    const s = session(sw, args.trim());
    if (!s) return NO_CHANNEL;
    s.markAnswered();
    return '+OK\n';
  },
  uuid_send_dtmf: (sw, args) => {
    const [uuid, digits = ''] = args.trim().split(/\s+/);
    const s = session(sw, uuid);
    if (!s) return NO_CHANNEL;
    for (const d of digits.split('@')[0]!) s.receiveDtmf(d);
    return '+OK\n';
  },
  hupall: (sw, args) => {
    const cause = args.trim().split(/\s+/)[0] || 'MANAGER_REQUEST';
    for (const s of sw.sessions.values()) s.hangup(isHangupCause(cause) ? cause : 'MANAGER_REQUEST');
    return '+OK hangup all channels with cause ' + cause + '\n';
  },
  conference: conferenceApi,
  valet_info: valetInfo,
  create_uuid: () => randomUUID(),
};

/** Runs an API command line (`status`, `uuid_getvar <uuid> x`...) and returns its output. */
export async function executeApi(sw: Switch, line: string): Promise<string> {
  const trimmed = line.replace(/^\s+/, '');
  const space = trimmed.indexOf(' ');
  const cmd = space < 0 ? trimmed : trimmed.slice(0, space);
  const args = space < 0 ? '' : trimmed.slice(space + 1);
  if (cmd === 'sofia' && args.trim() === 'status') return SOFIA_STATUS;
  const impl = API_COMMANDS[cmd];
  if (!impl) return `-ERR ${cmd} Command not found!\n`;
  const output = await impl(sw, args);
  // switch_api_execute fires API once the command has run (after an originate's call is up).
  const ev = sw.events.create('API');
  ev.add('API-Command', cmd);
  if (args) ev.add('API-Command-Argument', args);
  sw.fire(ev);
  return output;
}

const SOFIA_STATUS =
  '                     Name\t   Type\t                                      Data\tState\n' +
  '=================================================================================================\n' +
  '                 external\tprofile\t              sip:mod_sofia@127.0.0.1:5080\tRUNNING (0)\n' +
  '=================================================================================================\n' +
  '1 profile 0 aliases\n';
