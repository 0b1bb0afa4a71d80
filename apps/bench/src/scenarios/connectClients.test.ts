import { describe, expect, it } from "vitest";
import { portFor, seatsInRooms, sourceAddress } from "./connectClients.js";

describe("portFor", () => {
  it("gives every seat the one port of a single server", () => {
    expect([0, 1, 2].map((i) => portFor(9000, i))).toEqual([9000, 9000, 9000]);
  });

  it("alternates a room's seats between a cluster's nodes so its traffic crosses them", () => {
    const ports = seatsInRooms(4, 4, "room").map((seat) => portFor([9001, 9002], seat.index));
    expect(ports).toEqual([9001, 9002, 9001, 9002]);
  });

  it("refuses an empty port list", () => {
    expect(() => portFor([], 0)).toThrow("no server port");
  });
});

describe("sourceAddress", () => {
  it("spreads seats over loopback addresses from 127.0.0.1, wrapping at the count asked for", () => {
    expect([0, 1, 99, 100, 101].map((i) => sourceAddress(i, 100))).toEqual([
      "127.0.0.1",
      "127.0.0.2",
      "127.0.0.100",
      "127.0.0.1",
      "127.0.0.2",
    ]);
  });
});
