/**
 * Running totals of one server's socket traffic, kept as plain numbers on the hot path and read by
 * `/metrics` at scrape time (one object per server: tests run several servers in one process).
 */
export interface TrafficCounters {
  /** Text frames received from clients. */
  framesIn: number;
  /** Frames written to client sockets. */
  framesOut: number;
  /** Room broadcasts (messages, presence, typing…) handed to a joined or joining socket. */
  deliveries: number;
  /** Volatile frames (typing, stats) not sent because the socket was congested or still joining. */
  volatileDropped: number;
  /** Fields of client frames this version does not know, ignored by the tolerant reader. */
  ignoredFields: number;
  /** Client frames of a type this version does not know (answered `unknown_type`). */
  unknownTypes: number;
  /** Times a socket stopped reading because its queue of frames was full (readPause.ts). */
  readPauses: number;
}

export function newTrafficCounters(): TrafficCounters {
  return {
    framesIn: 0,
    framesOut: 0,
    deliveries: 0,
    volatileDropped: 0,
    ignoredFields: 0,
    unknownTypes: 0,
    readPauses: 0,
  };
}
