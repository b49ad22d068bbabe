/**
 * The long-running counts (kills, fuzz, fifty writers) run on the machine's Node only; CI runs
 * the rest of the suite again on Node 22 and 24 with ROADMAP_SKIP_HEAVY=1.
 */
export const skipHeavy = process.env.ROADMAP_SKIP_HEAVY === '1';
