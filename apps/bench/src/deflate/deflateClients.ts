import { SUBPROTOCOL, WS_PATH, encode } from "@duplex/protocol";
import WebSocket from "ws";

/** A Duplex client on the `ws` library, offering permessage-deflate as every browser does. */
export interface DeflateClient {
  ws: WebSocket;
  /** Whether the server accepted permessage-deflate. */
  compressed: boolean;
  messages: number;
}

function waitFor(ws: WebSocket, type: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${type} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (data: WebSocket.RawData) => {
      const text = data.toString();
      if (!text.includes(`"type":"${type}"`)) return;
      clearTimeout(timer);
      ws.off("message", onMessage);
      resolve(text);
    };
    ws.on("message", onMessage);
    ws.once("close", () => reject(new Error(`closed before ${type}`)));
  });
}

/** Connects, says hello as a guest and joins `room`; counts the chat messages it receives. */
export async function connectDeflateClient(
  port: number,
  index: number,
  room: string,
): Promise<DeflateClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, SUBPROTOCOL, {
    perMessageDeflate: true,
  });
  ws.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  const client: DeflateClient = {
    ws,
    compressed: ws.extensions.includes("permessage-deflate"),
    messages: 0,
  };
  ws.on("message", (data: WebSocket.RawData) => {
    if (data.toString().includes(`"type":"message"`)) client.messages += 1;
  });
  const welcome = waitFor(ws, "welcome", 30_000);
  ws.send(encode({ type: "hello", name: `deflate${index}` }));
  await welcome;
  const joined = waitFor(ws, "joined", 30_000);
  ws.send(encode({ type: "join", room }));
  await joined;
  return client;
}

/** A chat-sized message: what a person types, as the web app sends it. */
export function chatText(index: number, n: number): string {
  return `Message ${n} from seat ${index}: shall we move the review to Thursday afternoon instead?`;
}

let cid = 0;

export function sendChat(client: DeflateClient, room: string, text: string): void {
  client.ws.send(encode({ type: "send", room, cid: `d${++cid}`, text }));
}
