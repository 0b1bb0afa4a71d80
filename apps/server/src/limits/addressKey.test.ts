import { describe, expect, it } from "vitest";
import { addressKey } from "./addressKey.js";

describe("addressKey", () => {
  it("groups IPv6 addresses by their /64, however they are written", () => {
    const key = addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    expect(key).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002::1")).toBe(key);
    expect(addressKey("2001:DB8:1:2:ffff::")).toBe(key);
    expect(addressKey("2001:db8:1:2::1%eth0")).toBe(key);
    expect(addressKey("2001:db8:1:3::1")).not.toBe(key);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(addressKey("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
  });

  it("keeps IPv4 addresses apart and unwraps IPv4-mapped IPv6", () => {
    expect(addressKey("127.0.0.2")).toBe("127.0.0.2");
    expect(addressKey("::ffff:127.0.0.2")).toBe("127.0.0.2");
    expect(addressKey("127.0.0.3")).not.toBe(addressKey("127.0.0.2"));
  });

  it("passes anything else through unchanged", () => {
    expect(addressKey("unknown")).toBe("unknown");
  });
});
