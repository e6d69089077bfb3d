import { describe, expect, it } from "vitest";
import { clientIpFrom, trustedProxyHops } from "./client-ip";

describe("the client's address from X-Forwarded-For", () => {
  it("takes the entry our one proxy added, not what the client wrote before it", () => {
    // A client that sends its own header to dodge the per-address limit: the proxy appends the real address.
    expect(clientIpFrom("6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(clientIpFrom("203.0.113.7")).toBe("203.0.113.7");
  });
  it("counts the configured number of trusted proxies from the right", () => {
    expect(clientIpFrom("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientIpFrom("10.0.0.2", 2)).toBe("unknown");
  });
  it("reads IPv6, bracketed addresses and several header lines", () => {
    expect(clientIpFrom("2001:DB8::1")).toBe("2001:db8::1");
    expect(clientIpFrom("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(clientIpFrom(["6.6.6.6", "198.51.100.4"])).toBe("198.51.100.4");
  });
  it.each([undefined, null, "", " , ", "not-an-ip", "<script>", "1.2.3.4, x".repeat(300), "1.2.3.4\u0000"])("gives “unknown” for %j", (h) => {
    expect(clientIpFrom(h as string | undefined)).toBe("unknown");
  });
  it("reads TRUSTED_PROXY_HOPS, defaulting to one", () => {
    expect(trustedProxyHops(undefined)).toBe(1);
    expect(trustedProxyHops("2")).toBe(2);
    expect(trustedProxyHops("0")).toBe(1);
    expect(trustedProxyHops("lots")).toBe(1);
  });
});
