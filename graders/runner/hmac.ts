/**
 * HMAC-SHA256 and UTF-8 encoding in plain JavaScript, for the runner's authenticated protocol channel. It uses only
 * language intrinsics (frozen by the runner's lockdown before student code loads) and typed arrays, never Node's
 * crypto or Buffer, so no object student code can reach takes part in handling the key.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/** One 64-byte block of `bytes` at `at` into the state `h` (8 words), with `w` (64 words) as scratch. */
function compress(h: DataView, w: DataView, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const o = at + i * 4;
    w.setInt32(i * 4, (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!);
  }
  for (let i = 16; i < 64; i++) {
    const x = w.getInt32((i - 15) * 4);
    const y = w.getInt32((i - 2) * 4);
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w.setInt32(i * 4, (w.getInt32((i - 16) * 4) + s0 + w.getInt32((i - 7) * 4) + s1) | 0);
  }
  let a = h.getInt32(0);
  let b = h.getInt32(4);
  let c = h.getInt32(8);
  let d = h.getInt32(12);
  let e = h.getInt32(16);
  let f = h.getInt32(20);
  let g = h.getInt32(24);
  let hh = h.getInt32(28);
  for (let i = 0; i < 64; i++) {
    const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i]! + w.getInt32(i * 4)) | 0;
    const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h.setInt32(0, (h.getInt32(0) + a) | 0);
  h.setInt32(4, (h.getInt32(4) + b) | 0);
  h.setInt32(8, (h.getInt32(8) + c) | 0);
  h.setInt32(12, (h.getInt32(12) + d) | 0);
  h.setInt32(16, (h.getInt32(16) + e) | 0);
  h.setInt32(20, (h.getInt32(20) + f) | 0);
  h.setInt32(24, (h.getInt32(24) + g) | 0);
  h.setInt32(28, (h.getInt32(28) + hh) | 0);
}

/**
 * SHA-256 of the concatenation of `parts`, block by block from the parts themselves (no copy of the message).
 * Every store goes through a DataView: after the runner's lockdown freezes the intrinsics' prototypes, V8 (Node 20)
 * takes a slow path for each indexed store into a typed array (10–50× slower), while DataView stores keep their
 * speed.
 */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = new DataView(new ArrayBuffer(32));
  [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19].forEach((v, i) => h.setUint32(i * 4, v));
  const w = new DataView(new ArrayBuffer(256));
  const block = new Uint8Array(64);
  const blockView = new DataView(block.buffer);
  let buffered = 0;
  let length = 0;
  for (const p of parts) {
    length += p.length;
    let at = 0;
    if (buffered > 0) {
      const take = Math.min(64 - buffered, p.length);
      block.set(p.subarray(0, take), buffered);
      buffered += take;
      at = take;
      if (buffered < 64) continue;
      compress(h, w, block, 0);
      buffered = 0;
    }
    for (; at + 64 <= p.length; at += 64) compress(h, w, p, at);
    if (at < p.length) {
      block.set(p.subarray(at), 0);
      buffered = p.length - at;
    }
  }
  blockView.setUint8(buffered, 0x80);
  block.fill(0, buffered + 1);
  if (buffered >= 56) {
    compress(h, w, block, 0);
    block.fill(0, 0, 56);
  }
  const bits = length * 8;
  blockView.setUint32(56, Math.floor(bits / 2 ** 32));
  blockView.setUint32(60, bits >>> 0);
  compress(h, w, block, 0);
  return new Uint8Array(h.buffer);
}

/** A keyed MAC function: HMAC-SHA256 with the key's pads computed once. */
export function hmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  return (message) => sha256(outer, sha256(inner, message));
}

const HEX = "0123456789abcdef";

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]! >>> 4]! + HEX[bytes[i]! & 15]!;
  return out;
}

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  // DataView stores: see sha256 on typed-array stores after lockdown.
  const view = new DataView(out.buffer);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) view.setUint8(n++, c);
    else if (c < 0x800) {
      view.setUint8(n++, 0xc0 | (c >>> 6));
      view.setUint8(n++, 0x80 | (c & 63));
    } else if (c < 0x10000) {
      view.setUint8(n++, 0xe0 | (c >>> 12));
      view.setUint8(n++, 0x80 | ((c >>> 6) & 63));
      view.setUint8(n++, 0x80 | (c & 63));
    } else {
      view.setUint8(n++, 0xf0 | (c >>> 18));
      view.setUint8(n++, 0x80 | ((c >>> 12) & 63));
      view.setUint8(n++, 0x80 | ((c >>> 6) & 63));
      view.setUint8(n++, 0x80 | (c & 63));
    }
  }
  return out.subarray(0, n);
}

/** The string of UTF-8 bytes (invalid sequences become U+FFFD). */
export function fromUtf8(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  // Little-endian DataView stores (the runner's host is little-endian; see sha256 on typed-array stores).
  const view = new DataView(units.buffer);
  let n = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let c = 0xfffd;
    let need = 0;
    if (b < 0x80) c = b;
    else if (b >= 0xc2 && b < 0xe0) (c = b & 31), (need = 1);
    else if (b >= 0xe0 && b < 0xf0) (c = b & 15), (need = 2);
    else if (b >= 0xf0 && b < 0xf5) (c = b & 7), (need = 3);
    i++;
    let ok = true;
    for (let k = 0; k < need; k++, i++) {
      const next = bytes[i];
      if (next === undefined || (next & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      c = (c << 6) | (next & 63);
    }
    if (!ok || (need === 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (need === 3 && (c < 0x10000 || c > 0x10ffff))) c = 0xfffd;
    if (c >= 0x10000) {
      c -= 0x10000;
      view.setUint16(2 * n++, 0xd800 + (c >>> 10), true);
      view.setUint16(2 * n++, 0xdc00 + (c & 1023), true);
    } else view.setUint16(2 * n++, c, true);
  }
  let out = "";
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return out;
}

/** Compares two byte strings in time independent of where they differ. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
