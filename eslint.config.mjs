// Lint: Next's flat config (core web vitals, TypeScript) with React's hooks rules.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/db/generated/**",
    "lib/db/generated-pg/**",
    "playwright-report/**",
    "test-results/**",
    "bench/results/**",
    ".e2e-data/**",
    ".data/**",
    "next-env.d.ts",
  ]),
  {
    // A promise where a boolean belongs (`if (!requestHasSession(req))`) is always truthy:
    // the kind of slip that opens a door. These rules need types, so they run on server code.
    files: ["app/**/*.ts", "app/**/*.tsx", "lib/**/*.ts", "scripts/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: true }],
    },
  },
  {
    // Playwright fixtures receive a function named `use`; it is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    rules: {
      // Media is private, served by the studio's own routes behind the session and already
      // sized (thumbnails, previews); next/image's optimizer would fetch it without the cookie.
      "@next/next/no-img-element": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
]);
