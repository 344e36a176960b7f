import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import packageJson from "./package.json" with { type: "json" };
import { NO_CONTENT_POLICY, STATIC_SECURITY_HEADERS } from "./lib/security/headers";
import { IMAGE_DEVICE_SIZES, IMAGE_SIZES } from "./lib/seo/image-sizes";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // server.mjs compresses, after it has taken the client runtime out of the pages.
  compress: false,
  // The proxy must see the URL the router resolves rewrites against. Without this, a server bound
  // to an address (`-H 127.0.0.1`) hands the proxy `http://localhost:…`, so next-intl's locale
  // rewrite looks external and loops back as a redirect.
  skipProxyUrlNormalize: true,
  // Metadata is resolved before the first byte for every client, not streamed into <body>: the
  // <head> crawlers and link previews read is complete, and notFound() can still answer 404.
  htmlLimitedBots: /.*/,
  reactStrictMode: true,
  // Loaded from node_modules at run time, not bundled: a native module that finds its binary next to
  // its own files. Next's list already has better-sqlite3, not the name 13 is installed under
  // (lib/store/sqlite/driver.ts).
  serverExternalPackages: ["better-sqlite3-napi"],
  // CI (.ci/run) type-checks once with `npm run typecheck` (tsc over the same tsconfig and route
  // types) and then builds twice, on Node 20 and 24; each build's own check repeated it (14.6 s and
  // 5.5 s in the last CI log). Every other build checks as always.
  typescript: { ignoreBuildErrors: process.env.CI_TYPECHECKED === "1" },
  // One build serves every instance on every machine (docs/production.md, "Several machines"). Next
  // appends `?dpl=<id>` to asset URLs and answers with `x-nextjs-deployment-id`; a reader's browser
  // would reload on a mismatch, had it Next's client runtime (pages ship none: decision 0001). The
  // config is read again when a server starts, so the id must not depend on the machine or the
  // working folder: NEXT_DEPLOYMENT_ID (e.g. the commit a release is built from, the same in the
  // build's and the instances' environment) or the package's version (Next allows letters,
  // digits, "-" and "_" only).
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || `v${packageJson.version.replace(/[^\w-]/g, "-")}`,
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      // Pages get a nonce policy from the proxy; these never carry markup that should run.
      {
        // All of /media and /api but the editor's preview form (GET /api/draft), which needs its styles.
        source: "/:path(media/.*|api/(?!draft$).*)",
        headers: [{ key: "Content-Security-Policy", value: NO_CONTENT_POLICY }],
      },
    ];
  },
  images: {
    formats: ["image/avif", "image/webp"],
    // Article photos are served from the content folder by app/media/[...path]/route.ts.
    localPatterns: [{ pathname: "/media/**" }],
    // Shared with the export of resized copies for MEDIA_BASE_URL (lib/seo/image-sizes.ts).
    deviceSizes: IMAGE_DEVICE_SIZES,
    imageSizes: IMAGE_SIZES,
    minimumCacheTTL: 3600,
  },
};

export default withNextIntl(nextConfig);
