'use strict';
// The compile caches live in the temporary directory, which other users of the machine can write
// to. V8 trusts cached code that matches the source's length, so a cache another user planted (or
// a directory of theirs we were steered into) would run their code as ours. A cache directory is
// used only when it is ours alone: a real directory, owned by us, writable by no one else.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** `<tmp>/<name>-<uid>`, made if missing; null when it exists but isn't safe to trust. */
function privateCacheDir(name) {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  // A relative TMPDIR would put a cache in whatever directory the command runs in.
  if (!path.isAbsolute(os.tmpdir())) return null;
  const dir = path.join(os.tmpdir(), `${name}-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if (error.code !== 'EEXIST') return null;
  }
  try {
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory()) return null;
    // Windows has no uids, and its temporary directory is the user's own.
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return null;
    return dir;
  } catch {
    return null;
  }
}

module.exports = { privateCacheDir };
