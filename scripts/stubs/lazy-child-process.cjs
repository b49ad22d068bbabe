// Stands in for node:child_process inside commander's bundle: the real module is loaded on
// first use only (commander touches it only to run external subcommands).
let real;
module.exports = new Proxy(
  {},
  {
    get(_, key) {
      real ??= require('node:child_process');
      return real[key];
    },
  },
);
