// Lint rules (ESLint flat config), kept in scripts/ so the top level stays as the design card lays it out.
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

// "What day is it" has one answer: app/modules/platform/clock.server.ts, which tests and GT_CLOCK can set.
const CLOCK_RULES = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "Ask the clock (platform/clock.server.ts): now(), today(), or machineNow() for lucia's session times.",
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: "Ask the clock (platform/clock.server.ts): epochMs(); time a span with performance.now().",
  },
];

// The environment has one reader, which checks it at start-up (README's Configuration table).
const ENV_RULE = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "Read settings through config() (app/modules/platform/config.server.ts), which checks them; add a new variable there and to the README's table.",
};

// One door into the database: transactions and the settings row level security reads are opened
// and named in app/modules/tenancy/with-partnership.server.ts only (withPartnership, asUser,
// asPlatformAdmin, inTransaction, setScope).
const DOOR_RULES = [
  {
    selector: "CallExpression[callee.property.name='transaction']",
    message: "Open transactions through app/modules/tenancy/with-partnership.server.ts (withPartnership, asUser, asPlatformAdmin, inTransaction).",
  },
  { selector: "TemplateElement[value.raw=/set_config\\('app\\./]", message: "Name the scope with setScope() or the door's helpers (tenancy/with-partnership.server.ts)." },
];

const NO_ROUTE_IMPORTS = { group: ["**/routes/*", "~/routes/*"], message: "Modules never import routes: move the shared code into a module." };
// One CSV reader (decoding, binary refusal, problems by row and column) and one writer (formula guard, BOM).
const NO_CSV_LIBRARIES = {
  group: ["csv-parse", "csv-parse/*", "csv-stringify", "csv-stringify/*"],
  message: "Read and write CSV through app/modules/platform/csv (readCsv, csvText, csvResponse), which guards formulas and adds the byte order mark.",
};

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".data/**", "app/modules/auth/common-passwords.ts"] },
  ...tseslint.configs.recommended,
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [NO_ROUTE_IMPORTS, NO_CSV_LIBRARIES] }],
      "no-restricted-syntax": ["error", ...CLOCK_RULES],
    },
  },
  {
    // The CSV module itself, and tests, which read downloads with the library as an outside check.
    files: ["app/modules/platform/csv/**/*.ts", "tests/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_ROUTE_IMPORTS] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...CLOCK_RULES, ENV_RULE] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: [
      "app/modules/tenancy/with-partnership.server.ts",
      "app/modules/platform/config.server.ts",
      "app/modules/platform/origin.server.ts",
      "app/modules/platform/clock.server.ts",
    ],
    rules: { "no-restricted-syntax": ["error", ...CLOCK_RULES, ENV_RULE, ...DOOR_RULES] },
  },
  {
    // The clock turns GT_CLOCK into an offset for child processes at load; the served origin is
    // written once the server listens (see config.server.ts).
    files: ["app/modules/platform/config.server.ts", "app/modules/platform/origin.server.ts"],
    rules: { "no-restricted-syntax": ["error", ...CLOCK_RULES] },
  },
  {
    files: ["app/modules/platform/clock.server.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["app/routes/**/*.tsx", "app/routes/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom)$/]", message: "Routes never write SQL: call a module function." },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: "Routes never write SQL: call a module function." },
        ...CLOCK_RULES,
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/app/*", "~/*"], message: "db/ never imports app/." }, NO_CSV_LIBRARIES] }],
    },
  },
);
