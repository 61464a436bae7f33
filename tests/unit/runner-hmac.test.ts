import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fromUtf8, hmacSha256, sha256, utf8 } from "@/graders/runner/hmac";

/** A deterministic byte sequence of `n` bytes. */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

describe("the runner's plain-JavaScript SHA-256, HMAC and UTF-8", () => {
  it("hashes like node:crypto at every length around the 64-byte block and the 56-byte padding edge", () => {
    for (let n = 0; n <= 200; n++) {
      const m = bytes(n, n + 1);
      expect(Buffer.from(sha256(m)).toString("hex"), `length ${n}`).toBe(createHash("sha256").update(m).digest("hex"));
    }
  });

  it("hashes a message given in parts of any split like the whole", () => {
    const m = bytes(1000, 7);
    const whole = createHash("sha256").update(m).digest("hex");
    for (const cuts of [[0, 1000], [1, 999], [63, 65, 129], [64, 128, 192], [500, 501, 502], [3, 7, 11, 700]]) {
      const parts: Uint8Array[] = [];
      let at = 0;
      for (const c of [...cuts, 1000]) {
        parts.push(m.subarray(at, c));
        at = c;
      }
      expect(Buffer.from(sha256(...parts)).toString("hex"), `cuts ${cuts}`).toBe(whole);
    }
  });

  it("computes HMAC-SHA256 like node:crypto, with short and long keys", () => {
    for (const keyLength of [0, 16, 32, 64, 65, 100]) {
      const key = bytes(keyLength, 3);
      const message = bytes(777, keyLength + 5);
      expect(Buffer.from(hmacSha256(key)(message)).toString("hex")).toBe(createHmac("sha256", key).update(message).digest("hex"));
    }
  });

  it("hashes a 3 MB message (a large result line) like node:crypto", () => {
    const m = bytes(3 * 1024 * 1024 + 17, 11);
    expect(Buffer.from(sha256(m)).toString("hex")).toBe(createHash("sha256").update(m).digest("hex"));
  });

  it("encodes and decodes UTF-8 like Buffer, lone surrogates as U+FFFD", () => {
    const texts = ["", "plain ascii {\"a\":1}", "é ü ß", "日本語", "emoji 😀 and 𝔘", "lone \ud800 high", "lone \udc00 low", "end \ud83d"];
    for (const t of texts) {
      const encoded = utf8(t);
      expect(Buffer.from(encoded).equals(Buffer.from(new TextEncoder().encode(t))), t).toBe(true);
      expect(fromUtf8(encoded)).toBe(new TextDecoder().decode(encoded));
    }
    const invalid = new Uint8Array([0x61, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f, 0x98, 0x80, 0xff]);
    expect(fromUtf8(invalid)).toBe(new TextDecoder().decode(invalid));
  });
});
