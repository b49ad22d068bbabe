// Replaces ajv, ajv-formats and semver inside conf's side bundle. conf loads them at import but
// only uses them for its `schema` and `migrations` options, which roadmap never passes (its own
// validation and migrations live in src/store/); loading them would cost ~40 ms per write.
// If an option that needs them is ever passed, this fails loudly instead of silently skipping.
function unavailable() {
  throw new Error('conf schema and migration options are not available in roadmap');
}
class Ajv {
  constructor() {
    unavailable();
  }
}
module.exports = {
  Ajv2020: Ajv,
  Ajv,
  default: unavailable,
  eq: unavailable,
  clean: unavailable,
  satisfies: unavailable,
  lte: unavailable,
  gt: unavailable,
};
