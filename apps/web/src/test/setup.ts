import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Store updates fired from tests are wrapped in act(); React warns unless it knows this is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// `globals: false`, so Testing Library cannot register its own cleanup: unmount after every test.
afterEach(cleanup);
