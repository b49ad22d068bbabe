// proper-lockfile uses graceful-fs only to retry on EMFILE; roadmap opens a handful of files, and
// graceful-fs patches the whole fs module at load time, so plain node:fs is used instead.
module.exports = require('node:fs');
