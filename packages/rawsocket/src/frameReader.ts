import { FrameParser, isFin, rsvOf } from "./frameParser.js";

/** A frame as read off the wire, payload whole and copied. */
export interface ReadFrame {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/**
 * {@link FrameParser} with every payload gathered and kept: each `push` returns the frames it
 * completed. For tests that inspect every bit; a load generator uses the parser and skips payloads.
 */
export class FrameReader {
  #completed: ReadFrame[] = [];
  readonly #parser = new FrameParser({
    onData: (opcode, payload, first, masked) => this.#keep(opcode, payload, first, masked),
    onControl: (opcode, payload, first, masked) => this.#keep(opcode, payload, first, masked),
  });

  constructor() {
    this.#parser.collect = true;
  }

  push(chunk: Buffer): ReadFrame[] {
    this.#parser.push(chunk);
    const frames = this.#completed;
    this.#completed = [];
    return frames;
  }

  #keep(opcode: number, payload: Buffer | undefined, first: number, masked: boolean): void {
    this.#completed.push({
      fin: isFin(first),
      rsv: rsvOf(first),
      opcode,
      masked,
      payload: payload ? Buffer.from(payload) : Buffer.alloc(0),
    });
  }
}
