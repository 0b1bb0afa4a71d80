import { describe, expect, it } from "vitest";
import { LoginLockout } from "./LoginLockout.js";

describe("LoginLockout", () => {
  it("locks one name from one address after 5 failures, for the rest of the window", () => {
    let now = 0;
    const lockout = new LoginLockout(undefined, () => now);
    for (let i = 0; i < 4; i++) lockout.fail("alice", "10.0.0.1");
    expect(lockout.retryAfterMs("alice", "10.0.0.1")).toBe(0);
    lockout.fail("alice", "10.0.0.1");
    expect(lockout.retryAfterMs("alice", "10.0.0.1")).toBe(15 * 60_000);
    // Nobody elsewhere is locked out of alice, and the address may still try other names.
    expect(lockout.retryAfterMs("alice", "10.0.0.2")).toBe(0);
    expect(lockout.retryAfterMs("bob", "10.0.0.1")).toBe(0);
    now = 15 * 60_000;
    expect(lockout.retryAfterMs("alice", "10.0.0.1")).toBe(0);
  });

  it("locks an address after 20 failures over any names", () => {
    const lockout = new LoginLockout(undefined, () => 0);
    for (let i = 0; i < 20; i++) lockout.fail(`user${i}`, "10.0.0.1");
    expect(lockout.retryAfterMs("someone-new", "10.0.0.1")).toBe(15 * 60_000);
    expect(lockout.retryAfterMs("someone-new", "10.0.0.2")).toBe(0);
  });

  it("forgets a name's failures from an address after a success there", () => {
    const lockout = new LoginLockout(undefined, () => 0);
    for (let i = 0; i < 4; i++) lockout.fail("alice", "10.0.0.1");
    lockout.succeed("alice", "10.0.0.1");
    lockout.fail("alice", "10.0.0.1");
    expect(lockout.retryAfterMs("alice", "10.0.0.1")).toBe(0);
  });
});

describe("LoginLockout memory", () => {
  it("drops expired windows on a later failure, so idle keys do not pile up", () => {
    let now = 0;
    const lockout = new LoginLockout({ sweepEveryMs: 60_000 }, () => now);
    for (let i = 0; i < 50; i++) lockout.fail(`user${i}`, `10.0.${i}.1`);
    expect(lockout.size).toBe(100); // one name-and-address key and one address key each
    now = 15 * 60_000; // every window has ended
    lockout.fail("bob", "10.9.9.9");
    expect(lockout.size).toBe(2);
  });

  it("never holds more than maxKeys, forgetting the oldest windows first", () => {
    let now = 0;
    const lockout = new LoginLockout({ maxKeys: 100 }, () => now);
    for (let i = 0; i < 1_000; i++) {
      now = i;
      lockout.fail(`user${i}`, `10.1.${i % 250}.${Math.floor(i / 250)}`);
      expect(lockout.size).toBeLessThanOrEqual(100);
    }
    // The newest attempts are still counted: a fresh lock holds right after the spray.
    for (let i = 0; i < 4; i++) lockout.fail("alice", "10.0.0.1");
    expect(lockout.retryAfterMs("alice", "10.0.0.1")).toBe(0);
    lockout.fail("alice", "10.0.0.1");
    expect(lockout.retryAfterMs("alice", "10.0.0.1")).toBeGreaterThan(0);
    expect(lockout.size).toBeLessThanOrEqual(100);
  });

  it("counts an IPv6 address as its /64, so hopping addresses in it gets no fresh budget", () => {
    const lockout = new LoginLockout(undefined, () => 0);
    for (let i = 0; i < 5; i++) lockout.fail("alice", `2001:db8:1:2::${i + 1}`);
    expect(lockout.retryAfterMs("alice", "2001:db8:1:2::ffff")).toBe(15 * 60_000);
    expect(lockout.retryAfterMs("alice", "2001:db8:1:3::1")).toBe(0);
  });
});
