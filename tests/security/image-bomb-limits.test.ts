import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fileJobLoad, fileJobsAtOnce } from '@/lib/attachments/job-slots';
import { prepareFiles } from '@/lib/attachments/prepare';
import { fileOf } from '../support/files';

/**
 * Threat: a few kilobytes of PNG that decode to a gigabyte (a 16k×16k image of one colour), sent a few at
 * a time, take every core and the memory of the server: nobody else's request gets an answer. Images over
 * ~40 MP are refused from their header, and only a few files are decoded at once; the rest wait.
 */

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid greyscale PNG of `side`×`side` black pixels: tiny on the wire, huge once decoded. */
function decompressionBomb(side: number): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((side + 1) * side); // each row: filter byte 0, then `side` zero pixels
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}

describe('image decompression bombs', () => {
  it('refuses a 16000×16000 PNG from its header, quickly, with a message naming the file', async () => {
    const bomb = decompressionBomb(16_000);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);

    const started = performance.now();
    const result = await prepareFiles([fileOf('foto-do-buraco.png', bomb)]);

    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/"foto-do-buraco\.png" tem resolução grande demais/)] });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('still takes an ordinary phone photo (12 MP)', async () => {
    const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#557a2f' } }).jpeg().toBuffer();
    const result = await prepareFiles([fileOf('foto.jpg', new Uint8Array(photo))]);
    expect(result.ok).toBe(true);
  });

  it('decodes only a few files at a time: a burst waits its turn', async () => {
    const image = new Uint8Array(await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#aa3322' } }).png().toBuffer());
    let mostRunning = 0;
    let mostWaiting = 0;
    const sampler = setInterval(() => {
      const load = fileJobLoad();
      mostRunning = Math.max(mostRunning, load.running);
      mostWaiting = Math.max(mostWaiting, load.waiting);
    }, 1);

    // Three posts of five files each, as three citizens (or one attacker) sending at the same moment.
    const posts = await Promise.all([0, 1, 2].map((post) => prepareFiles(Array.from({ length: 5 }, (_, i) => fileOf(`foto-${post}-${i}.png`, image)))));
    clearInterval(sampler);

    expect(posts.every((result) => result.ok)).toBe(true);
    expect(mostRunning).toBeLessThanOrEqual(fileJobsAtOnce());
    expect(mostWaiting).toBeGreaterThan(0);
    expect(fileJobLoad()).toEqual({ running: 0, waiting: 0 });
  });
});
