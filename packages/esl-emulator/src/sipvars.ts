/**
 * The channel variables a SIP call carries in FreeSWITCH (mod_sofia + the RTP stack), in the order
 * the captures show them. Values are plausible, not negotiated: there is no real SIP or RTP here.
 */
import type { Session } from './session.js';
import { localStamp } from './event.js';
import { Q850 } from './channel.js';

let ssrc = 3205006000;
let mediaPort = 16384;

export interface InboundSipCall {
  uuid: string;
  sessionId: number;
  from: string;
  fromDisplay: string;
  to: string;
  sipPort: number;
  callId: string;
  headers: Record<string, string>;
  subject?: string;
}

function sdp(origin: string, port: number): string {
  return `v=0\r\no=${origin} 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n`;
}

/** Variables of an incoming INVITE as mod_sofia sets them, before the dialplan runs. */
export function inboundSipVariables(s: Session, call: InboundSipCall): void {
  const v = s.vars;
  const fromUri = `${call.from}@127.0.0.1:${call.sipPort}`;
  const toUri = `${call.to}@127.0.0.1:5080`;
  v.set('direction', 'inbound');
  v.set('uuid', call.uuid);
  v.set('session_id', call.sessionId);
  v.set('sip_from_user', call.from);
  v.set('sip_from_port', call.sipPort);
  v.set('sip_from_uri', fromUri);
  v.set('sip_from_host', '127.0.0.1');
  v.set('video_media_flow', 'disabled');
  v.set('text_media_flow', 'disabled');
  v.set('channel_name', s.channel.name);
  v.set('sip_call_id', call.callId);
  v.set('sip_local_network_addr', '127.0.0.1');
  v.set('sip_network_ip', '127.0.0.1');
  v.set('sip_network_port', call.sipPort);
  v.set('sip_invite_stamp', s.channel.profile.times.created);
  v.set('sip_received_ip', '127.0.0.1');
  v.set('sip_received_port', call.sipPort);
  v.set('sip_via_protocol', 'udp');
  v.set('sip_from_user_stripped', call.from);
  v.set('sip_from_tag', `${call.sessionId}SIPpTag091`);
  v.set('sofia_profile_name', 'external');
  v.set('sofia_profile_url', 'sip:mod_sofia@127.0.0.1:5080');
  v.set('recovery_profile_name', 'external');
  v.set('sip_full_via', `SIP/2.0/UDP 127.0.0.1:${call.sipPort};branch=z9hG4bK-${call.sessionId}-1-0`);
  v.set('sip_from_display', call.fromDisplay);
  v.set('sip_full_from', `${call.fromDisplay} <sip:${fromUri}>;tag=${call.sessionId}SIPpTag091`);
  v.set('sip_to_display', call.to);
  v.set('sip_full_to', `${call.to} <sip:${toUri}>`);
  v.set('sip_req_user', call.to);
  v.set('sip_req_port', 5080);
  v.set('sip_req_uri', toUri);
  v.set('sip_req_host', '127.0.0.1');
  v.set('sip_to_user', call.to);
  v.set('sip_to_port', 5080);
  v.set('sip_to_uri', toUri);
  v.set('sip_to_host', '127.0.0.1');
  v.set('sip_contact_user', call.from);
  v.set('sip_contact_port', call.sipPort);
  v.set('sip_contact_uri', fromUri);
  v.set('sip_contact_host', '127.0.0.1');
  if (call.subject) v.set('sip_subject', call.subject);
  v.set('sip_via_host', '127.0.0.1');
  v.set('sip_via_port', call.sipPort);
  v.set('max_forwards', 70);
  for (const [name, value] of Object.entries(call.headers)) v.set(`sip_h_${name}`, value);
  v.set('switch_r_sdp', sdp('user1', 6000));
  v.set('ep_codec_string', 'CORE_PCM_MODULE.PCMA@8000h@20i@64000b');
  v.set('rtp_use_codec_string', 'PCMU,PCMA');
  v.set('remote_video_media_flow', 'inactive');
  v.set('remote_text_media_flow', 'inactive');
  v.set('remote_audio_media_flow', 'sendrecv');
  v.set('audio_media_flow', 'sendrecv');
  v.set('remote_media_ip', '127.0.0.1');
  v.set('remote_media_port', 6000);
  v.set('rtp_audio_recv_pt', 8);
  v.set('rtp_use_codec_name', 'PCMA');
  v.set('rtp_use_codec_rate', 8000);
  v.set('rtp_use_codec_ptime', 20);
  v.set('rtp_use_codec_channels', 1);
  v.set('rtp_last_audio_codec_string', 'PCMA@8000h@20i@1c');
  v.set('read_codec', 'PCMA');
  v.set('original_read_codec', 'PCMA');
  v.set('read_rate', 8000);
  v.set('original_read_rate', 8000);
  v.set('write_codec', 'PCMA');
  v.set('write_rate', 8000);
  v.set('dtmf_type', 'rfc2833');
  v.set('endpoint_disposition', 'RECEIVED');
  v.set('DP_MATCH', `ARRAY::${call.to}|:${call.to}`);
  v.set('call_uuid', call.uuid);
}

export class MediaVariables {
  /** RTP set-up variables added when the channel answers (CHANNEL_ANSWER carries them). */
  onAnswer(s: Session): void {
    const v = s.vars;
    if (v.has('rtp_local_sdp_str')) return;
    const port = (mediaPort += 2);
    if (mediaPort > 32000) mediaPort = 16384;
    v.set('rtp_local_sdp_str', sdp('FreeSWITCH', port).replace('s=-', 's=FreeSWITCH') + 'a=sendrecv\r\n');
    v.set('local_media_ip', '127.0.0.1');
    v.set('local_media_port', port);
    v.set('advertised_media_ip', '127.0.0.1');
    v.set('rtp_use_timer_name', 'soft');
    v.set('rtp_use_pt', 8);
    v.set('rtp_use_ssrc', ++ssrc);
    v.set('rtp_2833_send_payload', 101);
    v.set('rtp_2833_recv_payload', 101);
    v.set('remote_media_ip', '127.0.0.1');
    v.set('remote_media_port', 6000);
  }

  /**
   * The caller's ACK to our 200 OK: mod_sofia sets the dialog variables again (to-tag, CSeq...),
   * which moves them to the end. Seen from the first application after the answer.
   */
  onAck(s: Session): void {
    const v = s.vars;
    if (!s.channel.name.startsWith('sofia/') || s.channel.direction !== 'inbound' || v.has('sip_to_tag')) return;
    const tag = Math.random().toString(36).slice(2, 15);
    v.set('sip_to_tag', tag);
    for (const name of ['sip_from_tag']) v.set(name, v.get(name));
    v.set('sip_cseq', 1);
    for (const name of ['sip_call_id', 'sip_full_via', 'sip_from_display', 'sip_full_from', 'sip_to_display'])
      v.set(name, v.get(name));
    v.set('sip_full_to', `${v.get('sip_full_to') ?? ''};tag=${tag}`);
  }

  /** Variables FreeSWITCH computes for the CDR at CHANNEL_HANGUP_COMPLETE. */
  onHangupComplete(s: Session): void {
    const v = s.vars;
    const ch = s.channel;
    const t = ch.profile.times;
    const cause = ch.hangupCause ?? 'NORMAL_CLEARING';
    const end = t.hangup || s.sw.now();
    const stamp = (us: number) => (us ? localStamp(new Date(us / 1000)) : undefined);
    const sec = (us: number) => Math.floor(us / 1_000_000);
    v.set('hangup_cause', cause);
    v.set('hangup_cause_q850', Q850[cause] ?? 16);
    v.set('digits_dialed', s.digitsDialed || 'none');
    v.set('start_stamp', stamp(t.created));
    v.set('profile_start_stamp', stamp(t.profileCreated));
    if (t.answered) v.set('answer_stamp', stamp(t.answered));
    if (t.bridged) v.set('bridge_stamp', stamp(t.bridged));
    if (t.progress) v.set('progress_stamp', stamp(t.progress));
    v.set('end_stamp', stamp(end));
    const epochs: Array<[string, number]> = [
      ['start', t.created],
      ['profile_start', t.profileCreated],
      ['answer', t.answered],
      ['bridge', t.bridged],
      ['last_hold', t.lastHold],
      ['hold_accum', -1],
      ['resurrect', t.resurrect],
      ['progress', t.progress],
      ['progress_media', t.progressMedia],
      ['end', end],
    ];
    for (const [name, us] of epochs) {
      if (us < 0) {
        v.set('hold_accum_seconds', 0);
        v.set('hold_accum_usec', 0);
        v.set('hold_accum_ms', 0);
        continue;
      }
      v.set(`${name}_epoch`, sec(us));
      v.set(`${name}_uepoch`, us);
    }
    if (s.lastApp) {
      v.set('last_app', s.lastApp[0]);
      if (s.lastApp[1]) v.set('last_arg', s.lastApp[1]);
    }
    v.set('caller_id', `"${ch.profile.callerIdName ?? ''}" <${ch.profile.callerIdNumber ?? ''}>`);
    const duration = end - t.created;
    const bill = t.answered ? end - t.answered : 0;
    const progress = t.progress ? t.progress - t.created : 0;
    const answer = t.answered ? t.answered - t.created : 0;
    const wait = answer;
    const media = t.progressMedia ? t.progressMedia - t.created : 0;
    const units: Array<[string, (us: number) => number]> = [
      ['sec', sec],
      ['msec', (us) => Math.floor(us / 1000)],
      ['usec', (us) => us],
    ];
    for (const [unit, f] of units) {
      const d = unit === 'sec' ? 'duration' : unit === 'msec' ? 'mduration' : 'uduration';
      const u = unit === 'sec' ? 'sec' : unit;
      v.set(d, f(duration));
      v.set(`bill${u}`, f(bill));
      v.set(`progress${u}`, f(progress));
      v.set(`answer${u}`, f(answer));
      v.set(`wait${u}`, f(wait));
      v.set(`progress_media${u}`, f(media));
      v.set(`flow_bill${u}`, f(duration));
    }
    if (ch.name.startsWith('sofia/')) {
      v.set('sip_hangup_disposition', s.vars.get('sip_hangup_disposition') ?? 'send_bye');
      const packets = Math.floor(bill / 20_000);
      for (const [name, value] of [
        ['in_raw_bytes', packets * 172],
        ['in_media_bytes', packets * 160],
        ['in_packet_count', packets],
        ['in_media_packet_count', packets],
        ['in_skip_packet_count', 0],
        ['in_jitter_packet_count', 0],
        ['in_dtmf_packet_count', s.digitsDialed.length * 10],
        ['in_cng_packet_count', 0],
        ['in_flush_packet_count', 0],
        ['in_largest_jb_size', 0],
        ['in_jitter_min_variance', 0],
        ['in_jitter_max_variance', 0],
        ['in_jitter_loss_rate', 0],
        ['in_jitter_burst_rate', 0],
        ['in_mean_interval', 0],
        ['in_flaw_total', 0],
        ['in_quality_percentage', 100],
        ['in_mos', '4.50'],
        ['out_raw_bytes', packets * 172],
        ['out_media_bytes', packets * 160],
        ['out_packet_count', packets],
        ['out_media_packet_count', packets],
        ['out_skip_packet_count', 0],
        ['out_dtmf_packet_count', 0],
        ['out_cng_packet_count', 0],
        ['rtcp_packet_count', 0],
        ['rtcp_octet_count', 0],
      ] as const)
        v.set(`rtp_audio_${name}`, value);
    }
  }
}

let outgoingSessionId = 100;

/** Where an outgoing SIP leg goes: sofia/<profile>/<user>@<host>:<port>. */
export interface OutgoingSipTarget {
  user: string;
  host: string;
  port: number;
}

export function outgoingSipTarget(rest: string): OutgoingSipTarget {
  const m = /^[^/]+\/([^@]+)@([^:;]+)(?::(\d+))?/.exec(rest);
  return { user: m?.[1] ?? rest, host: m?.[2] ?? '127.0.0.1', port: Number(m?.[3] ?? 5060) };
}

/** Variables of an outgoing sofia leg as it is created (before the originate variables are applied). */
export function outgoingSipVariables(s: Session, t: OutgoingSipTarget): void {
  const v = s.vars;
  v.set('direction', 'outbound');
  v.set('is_outbound', 'true');
  v.set('uuid', s.uuid);
  v.set('call_uuid', s.uuid);
  v.set('session_id', ++outgoingSessionId);
  v.set('sip_profile_name', 'external');
  v.set('video_media_flow', 'disabled');
  v.set('text_media_flow', 'disabled');
  v.set('channel_name', s.channel.name);
  v.set('sip_destination_url', `sip:${t.user}@${t.host}:${t.port}`);
}

/** What mod_sofia records when the far end answers an outgoing leg (its 200 OK). */
export function answeredSipVariables(s: Session, t: OutgoingSipTarget): void {
  const v = s.vars;
  const from = s.channel.profile.callerIdNumber ?? '0000000000';
  const uri = `${t.user}@${t.host}:${t.port}`;
  const via = `SIP/2.0/UDP 127.0.0.1:5080;rport;branch=z9hG4bK${Math.random().toString(36).slice(2, 15)}`;
  const fromTag = Math.random().toString(36).slice(2, 15);
  const toTag = `${outgoingSessionId}SIPpTag01${outgoingSessionId % 10}`;
  v.set('audio_media_flow', 'sendrecv');
  v.set('sip_outgoing_contact_uri', '<sip:mod_sofia@127.0.0.1:5080>');
  v.set('sip_req_uri', uri);
  v.set('sofia_profile_name', 'external');
  v.set('recovery_profile_name', 'external');
  v.set('sofia_profile_url', 'sip:mod_sofia@127.0.0.1:5080');
  v.set('sip_local_network_addr', '127.0.0.1');
  v.set('sip_reply_host', t.host);
  v.set('sip_reply_port', t.port);
  v.set('sip_network_ip', t.host);
  v.set('sip_network_port', t.port);
  v.set('sip_recover_contact', `<sip:${uri};transport=UDP>`);
  v.set('sip_full_via', via);
  v.set('sip_recover_via', via);
  v.set('sip_full_from', `<sip:${from}@127.0.0.1>;tag=${fromTag}`);
  v.set('sip_full_to', `<sip:${uri}>;tag=${toTag}`);
  v.set('sip_from_user', from);
  v.set('sip_from_uri', `${from}@127.0.0.1`);
  v.set('sip_from_host', '127.0.0.1');
  v.set('sip_to_user', t.user);
  v.set('sip_to_port', t.port);
  v.set('sip_to_uri', uri);
  v.set('sip_to_host', t.host);
  v.set('sip_contact_params', 'transport=UDP');
  v.set('sip_contact_user', t.user);
  v.set('sip_contact_port', t.port);
  v.set('sip_contact_uri', uri);
  v.set('sip_contact_host', t.host);
  v.set('sip_to_tag', toTag);
  v.set('sip_from_tag', fromTag);
  v.set('sip_cseq', 100000000 + Math.floor(Math.random() * 99999999));
  v.set('sip_call_id', s.uuid.split('').reverse().join(''));
  v.set('switch_r_sdp', sdp(t.user, 6100));
  v.set('ep_codec_string', 'CORE_PCM_MODULE.PCMA@8000h@20i@64000b');
  v.set('rtp_use_codec_string', 'PCMU,PCMA');
  v.set('remote_video_media_flow', 'inactive');
  v.set('remote_text_media_flow', 'inactive');
  v.set('remote_audio_media_flow', 'sendrecv');
  v.set('rtp_audio_recv_pt', 8);
  v.set('rtp_use_codec_name', 'PCMA');
  v.set('rtp_use_codec_rate', 8000);
  v.set('rtp_use_codec_ptime', 20);
  v.set('rtp_use_codec_channels', 1);
  v.set('rtp_last_audio_codec_string', 'PCMA@8000h@20i@1c');
  v.set('read_codec', 'PCMA');
  v.set('original_read_codec', 'PCMA');
  v.set('read_rate', 8000);
  v.set('original_read_rate', 8000);
  v.set('write_codec', 'PCMA');
  v.set('write_rate', 8000);
  v.set('dtmf_type', 'rfc2833');
}
