import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  images: {
    formats: ["image/avif", "image/webp"],
    // Article photos are served from the content folder by app/media/[...path]/route.ts.
    localPatterns: [{ pathname: "/media/**" }],
    deviceSizes: [640, 828, 1080, 1200, 1600],
    imageSizes: [96, 160, 256, 384],
    minimumCacheTTL: 3600,
  },
};

export default withNextIntl(nextConfig);
