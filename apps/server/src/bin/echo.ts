// The echo client of every WebSocket tutorial, against the Duplex server's `/echo`:
//   echo [--url ws://127.0.0.1:8080/echo] "Hello, server!"   one message, its reply, close 1000
//   echo [--url …]                                            interactive: one message per stdin line
import { createInterface } from "node:readline";
import { CloseCode, ECHO_PATH } from "@duplex/protocol";
import { WebSocket, type RawData } from "ws";

const DEFAULT_URL = `ws://127.0.0.1:8080${ECHO_PATH}`;

interface Args {
  url: string;
  /** Absent: interactive mode. */
  message: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  let url = DEFAULT_URL;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--url") url = argv[++i] ?? url;
    else if (arg.startsWith("--url=")) url = arg.slice("--url=".length);
    else if (arg === "--")
      continue; // pnpm forwards a separator before script arguments
    else words.push(arg);
  }
  return { url, message: words.length > 0 ? words.join(" ") : undefined };
}

function show(data: RawData, isBinary: boolean): string {
  if (!isBinary) return Buffer.isBuffer(data) ? data.toString("utf8") : String(data);
  const length = Array.isArray(data)
    ? data.reduce((n, b) => n + b.length, 0)
    : (data as Buffer | ArrayBuffer).byteLength;
  return `<binary, ${length} bytes>`;
}

function run({ url, message }: Args): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let sent = 0;
    let received = 0;
    let inputEnded = false;
    const closeWhenAnswered = () => {
      if (inputEnded && received >= sent && ws.readyState === WebSocket.OPEN) {
        ws.close(CloseCode.Normal, "bye");
      }
    };
    const send = (text: string) => {
      ws.send(text);
      sent += 1;
    };

    ws.on("error", (err) => {
      process.stderr.write(`echo: ${err.message}\n`);
    });
    ws.on("message", (data, isBinary) => {
      received += 1;
      process.stdout.write(`${show(data, isBinary)}\n`);
      closeWhenAnswered();
    });
    ws.on("close", (code, reason) => {
      const why = reason.length > 0 ? ` (${reason.toString()})` : "";
      process.stdout.write(`closed: ${code}${why}\n`);
      resolve(code === CloseCode.Normal || code === CloseCode.GoingAway ? 0 : 1);
    });

    ws.on("open", () => {
      if (message !== undefined) {
        send(message);
        inputEnded = true;
        return;
      }
      // Interactive: every line is a message; end of input (Ctrl-D) closes with 1000 once the
      // replies to everything sent have come back.
      const lines = createInterface({ input: process.stdin, terminal: false });
      lines.on("line", (line) => {
        if (ws.readyState === WebSocket.OPEN) send(line);
      });
      lines.on("close", () => {
        inputEnded = true;
        closeWhenAnswered();
      });
      ws.once("close", () => lines.close());
    });
  });
}

process.exitCode = await run(parseArgs(process.argv.slice(2)));
