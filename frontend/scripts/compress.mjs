#!/usr/bin/env node
// Precompresses the built UI for the Go server to serve as it is (brotli and gzip, at
// their highest levels, once at build time instead of on every request): every text file
// in dist/ over 1 KiB gets a .br and a .gz beside it, kept only when smaller.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const TEXT = /\.(js|mjs|css|html|svg|json|txt|webmanifest|map)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (TEXT.test(name)) yield p;
  }
}

let raw = 0;
let br = 0;
let gz = 0;
for (const file of files(dist)) {
  const body = readFileSync(file);
  if (body.length < 1024) continue;
  const b = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const g = gzipSync(body, { level: 9 });
  raw += body.length;
  if (b.length < body.length) {
    writeFileSync(`${file}.br`, b);
    br += b.length;
  }
  if (g.length < body.length) {
    writeFileSync(`${file}.gz`, g);
    gz += g.length;
  }
}
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`precompressed ${kb(raw)} of text: brotli ${kb(br)}, gzip ${kb(gz)}`);
