export * from "./benefit";
export * from "./value";
export * from "./budget";
export * from "./portfolio-value";
