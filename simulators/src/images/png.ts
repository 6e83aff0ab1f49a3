import { deflateSync } from 'node:zlib';
import { hashToInt } from '../core/random.js';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Encodes 8-bit RGB pixels (`width * height * 3` bytes) as a PNG file. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const cache = new Map<string, Buffer>();

/**
 * A poster-like PNG derived from `key`: a two-tone gradient, a disc and a title band, different for every
 * key and always the same for the same key. Cached (bounded) because clients fetch the same posters often.
 */
export function posterPng(key: string, width = 200, height = 300): Buffer {
  const w = Math.max(8, Math.min(1000, Math.round(width)));
  const h = Math.max(8, Math.min(1500, Math.round(height)));
  const cacheKey = `${key}:${w}x${h}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const seed = hashToInt(key);
  const hue = seed % 360;
  const top = hsl(hue, 0.55, 0.45);
  const bottom = hsl((hue + 40) % 360, 0.6, 0.18);
  const disc = hsl((hue + 180) % 360, 0.65, 0.6);
  const cx = w * (0.3 + ((seed >>> 9) % 40) / 100);
  const cy = h * (0.25 + ((seed >>> 15) % 30) / 100);
  const radius = Math.min(w, h) * (0.15 + ((seed >>> 20) % 15) / 100);
  const pixels = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y += 1) {
    const t = y / h;
    for (let x = 0; x < w; x += 1) {
      const i = (y * w + x) * 3;
      let colour: [number, number, number];
      const dx = x - cx;
      const dy = y - cy;
      if (y > h * 0.78 && y < h * 0.9) colour = [240, 240, 240];
      else if (dx * dx + dy * dy < radius * radius) colour = disc;
      else colour = [top[0] + (bottom[0] - top[0]) * t, top[1] + (bottom[1] - top[1]) * t, top[2] + (bottom[2] - top[2]) * t];
      pixels[i] = colour[0];
      pixels[i + 1] = colour[1];
      pixels[i + 2] = colour[2];
    }
  }
  const png = encodePng(w, h, pixels);
  if (cache.size > 500) cache.clear();
  cache.set(cacheKey, png);
  return png;
}
