// Replaces node:assert inside the side bundles of conf and the lock. Loading node:assert loads its
// error formatting, which sets up process.stderr as a stream, with node:tty: about 12 ms on every
// write. conf uses deepEqual (in its constructor) and signal-exit, under proper-lockfile, uses
// equal (a type check), so those two are kept; anything else fails loudly.
const { isDeepStrictEqual } = require('node:util');

function fail(message) {
  const error = new Error(message ?? 'Assertion failed');
  error.code = 'ERR_ASSERTION';
  throw error;
}

module.exports = {
  equal(actual, expected, message) {
    // biome-ignore lint/suspicious/noDoubleEquals: assert.equal is loose equality.
    if (actual != expected) fail(message);
  },
  deepEqual(actual, expected, message) {
    if (!isDeepStrictEqual(actual, expected)) fail(message);
  },
};
