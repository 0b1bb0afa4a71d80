export { Opcode } from "./opcode.js";
export { closePayload, encodeFrame, maskedFrame, textFrame, type FrameSpec } from "./encode.js";
export { FrameParser, isFin, rsvOf, type FrameSink } from "./frameParser.js";
export { FrameReader, type ReadFrame } from "./frameReader.js";
export {
  expectedAccept,
  parseResponseHead,
  randomKey,
  rawHandshake,
  upgradeRequest,
  type HandshakeResult,
  type RawHandshakeOptions,
} from "./handshake.js";
