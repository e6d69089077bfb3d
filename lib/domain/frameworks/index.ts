export * from "./conditions";
export * from "./consensus";
export * from "./evaluate";
export * from "./flags";
export * from "./registry";
export * from "./score";
export * from "./sensitivity";
export * from "./types";
