import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/client-ip";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("client IP for the per-IP limits", () => {
  it("without TRUST_PROXY takes the address Next.js recorded (the last entry), normalising IPv4-mapped IPv6", () => {
    expect(clientIp(h("::ffff:127.0.0.1"), {})).toBe("127.0.0.1");
    expect(clientIp(h("10.0.0.1, 192.0.2.3"), {})).toBe("192.0.2.3");
    expect(clientIp(h(), {})).toBe("unknown");
  });
  it("with TRUST_PROXY=N takes the N-th entry from the right and ignores what the client prepended", () => {
    expect(clientIp(h("6.6.6.6, 192.0.2.10"), { TRUST_PROXY: "1" })).toBe("192.0.2.10");
    expect(clientIp(h("6.6.6.6, 192.0.2.10, 10.0.0.2"), { TRUST_PROXY: "2" })).toBe("192.0.2.10");
  });
  it("refuses a nonsense TRUST_PROXY", () => {
    expect(() => clientIp(h("1.2.3.4"), { TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY must be a number/);
  });
});
