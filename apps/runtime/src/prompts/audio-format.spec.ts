import { describe, expect, it } from 'vitest';
import { silentWav } from '../testing/wav.js';
import { AudioFormatError, inspectAudio } from './audio-format.js';

describe('inspectAudio', () => {
  it('reads format and duration from a WAV header', () => {
    expect(inspectAudio(silentWav(1500, 8000))).toEqual({
      format: 'wav',
      encoding: 'pcm',
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 16,
      durationMs: 1500,
    });
  });

  it('skips chunks before the audio (LIST) and handles odd chunk sizes', () => {
    const wav = silentWav(250, 16000);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.from([0])]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect(inspectAudio(withList)).toMatchObject({ format: 'wav', durationMs: 250, sampleRate: 16000 });
  });

  it('recognises MP3 by its ID3 tag or frame sync', () => {
    const frame = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]);
    expect(inspectAudio(frame)).toMatchObject({ format: 'mp3', sampleRate: 44100, channels: 2, durationMs: null });
    const tagged = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 2]), Buffer.alloc(2), frame]);
    expect(inspectAudio(tagged).format).toBe('mp3');
  });

  it('refuses anything else, and damaged WAV files', () => {
    expect(() => inspectAudio(Buffer.from('<?php system($_GET[1]); ?>'))).toThrow(AudioFormatError);
    expect(() => inspectAudio(silentWav(100).subarray(0, 30))).toThrow(/fmt chunk/);
    const noData = silentWav(100).subarray(0, 36);
    expect(() => inspectAudio(noData)).toThrow(/no data chunk/);
    const gsm = silentWav(100);
    gsm.writeUInt16LE(49, 20);
    expect(() => inspectAudio(gsm)).toThrow(/encoding 49/);
  });
});
