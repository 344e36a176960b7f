import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Which better-sqlite3 a process loads depends on its Node line: lib/store/sqlite/driver.ts
    // decides, and everything else takes `Database` from there (types may come from the package).
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    ignores: ["lib/store/sqlite/driver.ts", "lib/store/sqlite/better-sqlite3-napi.d.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "better-sqlite3", allowTypeImports: true, message: "Use Database from lib/store/sqlite/driver.ts." },
            { name: "better-sqlite3-napi", allowTypeImports: true, message: "Use Database from lib/store/sqlite/driver.ts." },
          ],
        },
      ],
    },
  },
  globalIgnores([".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
