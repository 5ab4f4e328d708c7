// ESLint checks the browser scripts (`make test`, through scripts/lint_js.py): the
// recommended rules, in a browser's scope. ESLint is the linter made for JavaScript and
// kept by the OpenJS Foundation; it and its rule sets are installed by `make env` from
// npm into .venv/node_modules, beside axe-core, so they are required from there.
import { createRequire } from "node:module";

const require = createRequire(new URL(".venv/package.json", import.meta.url));
const js = require("@eslint/js");
const globals = require("globals");

export default [
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: globals.browser,
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // a catch that ignores its error still names it (the scripts predate ES2019)
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // the two rules below flag, once each, an object literal's own hasOwnProperty
      // (publish.js) and a default that documents a result (cite.js): harmless there,
      // and changing the page's script changes every published page's bytes
      "no-prototype-builtins": "off",
      "no-useless-assignment": "off",
    },
  },
];
