'use strict';
// What ESLint lints in this repository, in one place: eslint.config.js ignores IGNORED, and `npm test`
// (scripts/test.js) hashes lintFiles() to skip a lint whose inputs have not changed since it passed.
// This module loads nothing else, so the hash costs no ESLint start-up.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

/** ESLint's global ignores: folders (`name/**`, from the root) and `**\/*.d.ts`. */
const IGNORED = ['node_modules/**', 'dist/**', 'build/**', 'cdktf.out/**', 'cdktn.out/**', 'coverage/**', '**/*.d.ts'];

const IGNORED_FOLDERS = new Set(IGNORED.filter((pattern) => !pattern.startsWith('**/')).map((pattern) => pattern.replace(/\/\*\*$/, '')));
/** Every extension a config block of ESLint's or typescript-eslint's may match. */
const SOURCE = /\.[cm]?[jt]sx?$/;

/**
 * The files under `root` ESLint may lint, sorted: every source file outside the ignored folders (and
 * `.git`), declarations excepted. A superset of what it lints, which is what a hash of its inputs needs.
 */
function lintFiles(root, dir = '') {
  return readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((entry) => {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === '.git' || IGNORED_FOLDERS.has(path) ? [] : lintFiles(root, path);
    return entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

module.exports = { IGNORED, lintFiles };
