export { buildAsyncApiDocument } from "./asyncapi.js";
export type { AsyncApiOptions } from "./asyncapi.js";
export { messageSchemas, pushApiSchemas, unionSchema } from "./jsonSchemas.js";
export type { JsonSchema } from "./jsonSchemas.js";
