import type { AbuseLimits } from "./limitsConfig.js";
import { RoomCreation } from "./roomLimits.js";

/** Budgets charged to a user and an address across all their sockets (one instance per node). */
export class Budgets {
  readonly rooms: RoomCreation;

  constructor(limits: AbuseLimits) {
    this.rooms = new RoomCreation(limits.rooms);
  }
}
