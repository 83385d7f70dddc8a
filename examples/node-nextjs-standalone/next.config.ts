import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Self-contained server in .next/standalone for small container images.
  output: 'standalone',
  poweredByHeader: false,
};

export default nextConfig;
