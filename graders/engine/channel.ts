/**
 * The engine's side of the authenticated runner channel (graders/runner/channel.ts has the runner's side): a
 * fresh 32-byte key per runner process, handed over on fd 5; every line is `<hmac hex> <sequence> <json>` with
 * HMAC-SHA256 over `<sequence> <json>`. A line on the result channel that does not carry the next sequence number
 * under the runner's key was not written by the runner's own code, whatever it says.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const KEY_FD = 5;
const MAC_HEX = 64;

export class ChannelKeys {
  readonly key = randomBytes(32);
  private sent = 0;
  private received = 0;

  private mac(payload: Buffer | string): Buffer {
    return createHmac("sha256", this.key).update(payload).digest();
  }

  /** One framed request line (with its newline) for the runner's stdin. */
  frame(message: unknown): Buffer {
    const payload = `${++this.sent} ${JSON.stringify(message)}`;
    return Buffer.from(`${this.mac(payload).toString("hex")} ${payload}\n`, "utf8");
  }

  /** The JSON text of an authentic next line from the runner, or null (forged, replayed, reordered or malformed). */
  open(line: Buffer): string | null {
    if (line.length <= MAC_HEX + 1 || line[MAC_HEX] !== 0x20) return null;
    const tag = Buffer.from(line.subarray(0, MAC_HEX).toString("latin1"), "hex");
    const payload = line.subarray(MAC_HEX + 1);
    if (tag.length !== 32 || !timingSafeEqual(tag, this.mac(payload))) return null;
    const space = payload.indexOf(0x20);
    if (space <= 0 || Number(payload.subarray(0, space).toString("latin1")) !== this.received + 1) return null;
    this.received++;
    return payload.subarray(space + 1).toString("utf8");
  }
}
