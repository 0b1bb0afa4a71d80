/** The GUID RFC 6455 §1.3 appends to `Sec-WebSocket-Key` before hashing. */
export const RFC6455_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The `Sec-WebSocket-Accept` a server must answer to `key`: base64(SHA-1(key + GUID)), computed with
 * Web Crypto so the browser checks the server's arithmetic itself.
 */
export async function computeAccept(
  key: string,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<string> {
  const digest = await subtle.digest("SHA-1", new TextEncoder().encode(key + RFC6455_GUID));
  return base64(new Uint8Array(digest));
}
