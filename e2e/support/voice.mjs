// A stand-in voice for Chromium's fake microphone. Its own fake device beeps
// briefly once a second: too little sound, averaged over Janus's talking
// window, to count as talking. This writes a WAV of a voice-like buzz (140 Hz
// and its harmonics, loudness swinging four times a second like syllables,
// never silent) for `--use-file-for-fake-audio-capture`, which Chromium loops.
import { writeFileSync } from 'node:fs';

const RATE = 48_000;

/** Writes `seconds` of the voice as 16-bit mono PCM WAV at `path`; returns `path`. */
export function writeVoiceWav(path, seconds = 6) {
  const samples = RATE * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let n = 0; n < samples; n++) {
    const t = n / RATE;
    const loudness = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
    let value = 0;
    for (let k = 1; k <= 7; k++) value += Math.sin(2 * Math.PI * 140 * k * t) / k;
    data.writeInt16LE(Math.max(-32767, Math.min(32767, Math.round(value * 0.35 * loudness * 32767))), n * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
  return path;
}
