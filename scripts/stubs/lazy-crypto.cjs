// Stands in for node:crypto inside conf's side bundle: the real module is loaded on first use
// only (conf needs it only for its encryption option).
let real;
module.exports = new Proxy(
  {},
  {
    get(_, key) {
      real ??= require('node:crypto');
      return real[key];
    },
  },
);
