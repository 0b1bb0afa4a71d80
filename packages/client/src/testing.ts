// Test doubles, kept out of the production entry so an app bundle never carries them.
export { FakePeer } from "./fakePeer.js";
export { FakeSocket } from "./fakeSocket.js";
export type { FakePeerOptions } from "./fakePeer.js";
