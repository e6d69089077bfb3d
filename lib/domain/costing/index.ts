export * from "./assumptions";
export * from "./categories";
export * from "./project";
export * from "./retraining";
export * from "./simulate";
export * from "./explain";
export * from "./catalogue";
export * from "./missing";
