// Test doubles, kept out of the production entry so an app bundle never carries them.
export { FakePeer, FakeSocket } from "./fakePeer.js";
export type { FakePeerOptions } from "./fakePeer.js";
