import type { IncomingMessage, ServerResponse } from "node:http";

/** An HTTP endpoint owning one exact path (every method: it answers 405 itself). */
export type Route = (req: IncomingMessage, res: ServerResponse) => void;
