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
