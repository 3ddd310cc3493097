// Maps the tsconfig path aliases (@switchboard/*) for Jest.
const { compilerOptions } = require('../tsconfig.base.json');

exports.pathsToModuleNameMapper = () => {
  const map = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    map[`^${alias.replace('/', '\\/')}$`] = `<rootDir>/${target}`;
  }
  return map;
};
