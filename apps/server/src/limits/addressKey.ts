import { isIPv4, isIPv6 } from "node:net";

/**
 * The key every per-address limit counts under. An IPv4 address is itself (an IPv4-mapped IPv6
 * address `::ffff:a.b.c.d` is that IPv4 address). An IPv6 address is its /64: one subscriber is
 * routinely given a whole /64 (RFC 6177), so counting single IPv6 addresses would give one client
 * 2^64 budgets.
 */
export function addressKey(remote: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIPv4(remote)) return remote;
  const zoneless = remote.split("%")[0] ?? remote;
  if (!isIPv6(zoneless)) return remote;
  return `${expandIPv6(zoneless).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros. */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted quad is the last 32 bits.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
