// Draws the app icons (the favicon's design: two white strokes on an indigo tile) as PNGs, with no
// image library: a few lines of coverage sampling and node's zlib. Run once; the PNGs are committed.
//   node apps/web/scripts/make-icons.mjs
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const out = join(dirname(fileURLToPath(import.meta.url)), "../public/icons");
const INDIGO = [0x4f, 0x46, 0xe5];
const WHITE = [255, 255, 255];
// In the favicon's 32-unit box: strokes M9 11h10 and M13 21h10, 3 wide, round caps.
const STROKES = [
  [9, 11, 19, 11],
  [13, 21, 23, 21],
];

function distToSegment(px, py, [x1, y1, x2, y2]) {
  const t = Math.max(
    0,
    Math.min(
      1,
      ((px - x1) * (x2 - x1) + (py - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2),
    ),
  );
  return Math.hypot(px - (x1 + t * (x2 - x1)), py - (y1 + t * (y2 - y1)));
}

function insideRoundRect(x, y, radius) {
  const cx = Math.max(radius, Math.min(32 - radius, x));
  const cy = Math.max(radius, Math.min(32 - radius, y));
  return x >= 0 && x <= 32 && y >= 0 && y <= 32 && Math.hypot(x - cx, y - cy) <= radius;
}

/** `maskable`: a full-bleed tile with the strokes inside the central safe zone (80 %). */
function draw(size, maskable) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  const scale = maskable ? 0.7 : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let stroke = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 32;
          const y = ((py + (sy + 0.5) / samples) / size) * 32;
          if (!(maskable || insideRoundRect(x, y, 8))) continue;
          tile++;
          const ix = 16 + (x - 16) / scale;
          const iy = 16 + (y - 16) / scale;
          if (STROKES.some((s) => distToSegment(ix, iy, s) <= 1.5)) stroke++;
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      const mix = tile === 0 ? 0 : stroke / tile;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(INDIGO[c] * (1 - mix) + WHITE[c] * mix);
      rgba[i + 3] = Math.round((tile / n) * 255);
    }
  }
  return png(size, rgba);
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

writeFileSync(join(out, "icon-192.png"), draw(192, false));
writeFileSync(join(out, "icon-512.png"), draw(512, false));
writeFileSync(join(out, "maskable-512.png"), draw(512, true));
