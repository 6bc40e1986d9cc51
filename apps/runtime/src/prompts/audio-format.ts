/** What the runtime knows of an uploaded audio file after reading its header. */
export type AudioInfo =
  | { format: 'wav'; sampleRate: number; channels: number; bitsPerSample: number; encoding: string; durationMs: number }
  | { format: 'mp3'; sampleRate: number | null; channels: number | null; durationMs: null };

/** WAVE format tags FreeSWITCH can play from a file. */
const WAV_ENCODINGS: Record<number, string> = { 1: 'pcm', 3: 'float', 6: 'alaw', 7: 'ulaw', 0xfffe: 'extensible' };

export class AudioFormatError extends Error {}

/** Reads the header of a WAV or MP3 file; anything else (or a damaged header) is an AudioFormatError. */
export function inspectAudio(bytes: Buffer): AudioInfo {
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WAVE')
    return inspectWav(bytes);
  if (looksLikeMp3(bytes)) return inspectMp3(bytes);
  throw new AudioFormatError('the file is neither WAV (RIFF/WAVE) nor MP3');
}

function inspectWav(bytes: Buffer): AudioInfo {
  let offset = 12;
  let fmt:
    { encoding: string; channels: number; sampleRate: number; byteRate: number; bitsPerSample: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new AudioFormatError('the WAV fmt chunk is truncated');
      const tag = bytes.readUInt16LE(body);
      const encoding = WAV_ENCODINGS[tag];
      if (!encoding) throw new AudioFormatError(`WAV encoding ${tag} is not supported (use PCM, A-law or µ-law)`);
      fmt = {
        encoding,
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        byteRate: bytes.readUInt32LE(body + 8),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
      if (fmt.channels < 1 || fmt.channels > 2)
        throw new AudioFormatError(`WAV with ${fmt.channels} channels is not supported (mono or stereo)`);
      if (fmt.sampleRate < 8000 || fmt.sampleRate > 192000)
        throw new AudioFormatError(`WAV sample rate ${fmt.sampleRate} Hz is out of range`);
      if (fmt.byteRate === 0) throw new AudioFormatError('the WAV byte rate is 0');
    } else if (id === 'data') {
      if (!fmt) throw new AudioFormatError('the WAV data chunk comes before its fmt chunk');
      // Streamed writers leave the size at 0 or 0xFFFFFFFF: then the data runs to the end of the file.
      const declared = size === 0 || size === 0xffffffff ? bytes.length - body : size;
      const dataBytes = Math.min(declared, bytes.length - body);
      if (dataBytes <= 0) throw new AudioFormatError('the WAV file holds no audio');
      const { byteRate, ...rest } = fmt;
      return { format: 'wav', ...rest, durationMs: Math.round((dataBytes / byteRate) * 1000) };
    }
    offset = body + size + (size % 2);
  }
  throw new AudioFormatError(fmt ? 'the WAV file has no data chunk' : 'the WAV file has no fmt chunk');
}

function looksLikeMp3(bytes: Buffer): boolean {
  if (bytes.length >= 10 && bytes.toString('ascii', 0, 3) === 'ID3') return true;
  return bytes.length >= 4 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x06) !== 0;
}

const MPEG1_RATES = [44100, 48000, 32000];

function inspectMp3(bytes: Buffer): AudioInfo {
  let offset = 0;
  if (bytes.toString('ascii', 0, 3) === 'ID3') {
    // ID3v2 size: four 7-bit bytes.
    offset = 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!);
  }
  const header = bytes.subarray(offset, offset + 4);
  if (header.length < 4 || header[0] !== 0xff || (header[1]! & 0xe0) !== 0xe0) {
    throw new AudioFormatError('the MP3 file has no frame header after its tag');
  }
  const versionBits = (header[1]! >> 3) & 0x03;
  const rateIndex = (header[2]! >> 2) & 0x03;
  const divisor = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 4;
  const sampleRate = rateIndex < 3 ? MPEG1_RATES[rateIndex]! / divisor : null;
  const channels = ((header[3]! >> 6) & 0x03) === 3 ? 1 : 2;
  // Duration needs a scan of every frame (VBR); the player reports it, the runtime does not guess.
  return { format: 'mp3', sampleRate, channels, durationMs: null };
}
