'use strict';
// TypeScript's build mode decides a project is up to date from the times of the project's own files; it
// never looks at the declarations in node_modules. So after `npm install` or `npm ci` changed them, a
// build or type check in build mode would pass on the old types. This tells when to pass --force.
const { existsSync, statSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

/**
 * Whether the packages a project in `root` resolves (the nearest node_modules at or above it, as Node
 * looks) were installed after `buildInfo` was written (npm writes node_modules/.package-lock.json on
 * every install), or that is unknown: no build info, or packages without that file. A project with no
 * node_modules at or above it (the build's test project) has nothing installed to compare.
 */
function installedSince(root, buildInfo) {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) {
      const installed = join(dir, 'node_modules', '.package-lock.json');
      if (!existsSync(installed) || !existsSync(buildInfo)) return true;
      return statSync(installed).mtimeMs > statSync(buildInfo).mtimeMs;
    }
    if (dirname(dir) === dir) return false;
  }
}

module.exports = { installedSince };
