// Which top-level folders of a lib may not import which others: dialects (slack/, slack-apps/,
// zulip/) never import each other, and the realtime hub imports no dialect. Read by
// eslint.config.mjs (no-restricted-imports) and by test/unit/dialect-boundaries.spec.ts.

/** lib source root → folder → folders it must not import. */
exports.forbiddenImports = {
  'libs/realtime/src': {
    hub: ['slack', 'slack-apps', 'connections', 'zulip'],
    slack: ['zulip'],
    'slack-apps': ['zulip'],
    connections: ['zulip'],
    zulip: ['slack', 'slack-apps', 'connections'],
  },
  'libs/gateway/src': {
    slack: ['zulip'],
    zulip: ['slack'],
  },
};

/** ESLint flat-config entries: one per folder, forbidding relative imports that climb into a forbidden folder. */
exports.dialectBoundaryRules = () =>
  Object.entries(exports.forbiddenImports).flatMap(([root, folders]) =>
    Object.entries(folders).map(([folder, forbidden]) => ({
      files: [`${root}/${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: forbidden.map((other) => ({
              // Folder names are plain words and dashes: nothing to escape.
              regex: `^(\\.\\./)+${other}(/|$)`,
              message: `${root}/${folder}/ must not import ${other}/ (see scripts/dialect-boundaries.js).`,
            })),
          },
        ],
      },
    })),
  );
