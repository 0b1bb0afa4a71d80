import type { ConformanceCase } from "./caseKit.js";
import { closeCodes, limits } from "./closeAndLimitCases.js";
import { handshake } from "./handshakeCases.js";
import { validMessages } from "./messageCases.js";
import { controlFrames, fragmentation, reserved, utf8 } from "./violationCases.js";

export type { ConformanceCase, FrameCase, HandshakeCase } from "./caseKit.js";

/** Every case, in a stable order. */
export const CASES: readonly ConformanceCase[] = [
  ...handshake,
  ...validMessages,
  ...controlFrames,
  ...reserved,
  ...fragmentation,
  ...utf8,
  ...closeCodes,
  ...limits,
];
