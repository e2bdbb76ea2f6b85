'use strict';
// What ESLint lints in this repository, in one place: eslint.config.js ignores IGNORED, and `npm test`
// (scripts/test.js) hashes lintFiles() to skip a lint whose inputs have not changed since it passed.
// This module loads nothing else, so the hash costs no ESLint start-up.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

/** ESLint's global ignores: folders (`name/**`, from the root) and file endings (`**\/*.d.ts`). */
const IGNORED = ['node_modules/**', 'dist/**', 'build/**', 'cdktf.out/**', 'cdktn.out/**', 'coverage/**', '**/*.d.ts'];

const IGNORED_FOLDERS = new Set(IGNORED.filter((pattern) => !pattern.startsWith('**/')).map((pattern) => pattern.replace(/\/\*\*$/, '')));
const IGNORED_ENDINGS = IGNORED.filter((pattern) => pattern.startsWith('**/*')).map((pattern) => pattern.slice('**/*'.length));
/** Every extension a config block of ESLint's or typescript-eslint's may match. */
const SOURCE = /\.[cm]?[jt]sx?$/;

/**
 * The files under `root`/`dir` whose name `keep` accepts, as paths from `root`, sorted, leaving out
 * the folders (paths from `root`) `skip` accepts.
 */
function filesUnder(root, dir, keep, skip = () => false) {
  return readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((entry) => {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return skip(path) ? [] : filesUnder(root, path, keep, skip);
    return entry.isFile() && keep(entry.name) ? [path] : [];
  });
}

/**
 * The files under `root` ESLint may lint: every source file outside the ignored folders (and `.git`),
 * but for the ignored endings. A superset of what it lints, which is what a hash of its inputs needs.
 */
const lintFiles = (root) => filesUnder(root, '',
  (name) => SOURCE.test(name) && !IGNORED_ENDINGS.some((ending) => name.endsWith(ending)),
  (path) => path.split('/').pop() === '.git' || IGNORED_FOLDERS.has(path));

module.exports = { IGNORED, filesUnder, lintFiles };
