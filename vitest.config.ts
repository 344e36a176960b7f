import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "docs/**/*.test.ts"],
    environment: "node",
    // A PostgreSQL server for the PostgreSQL store's tests (test/pg-setup.ts).
    globalSetup: ["test/pg-setup.ts"],
  },
});
