// Types for tests that import next.config.mjs (tests/proxy.test.ts).
import type { NextConfig } from "next";
export declare const STATIC_SECURITY_HEADERS: { key: string; value: string }[];
declare const nextConfig: NextConfig;
export default nextConfig;
