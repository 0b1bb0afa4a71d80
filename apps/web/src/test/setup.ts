import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// `globals: false`, so Testing Library cannot register its own cleanup: unmount after every test.
afterEach(cleanup);
