// Replaces chalk's bundled colour detection, which loads node:tty (and with it the stream and
// net modules) on every start. roadmap decides the level itself in src/ui/color.ts and sets it
// on both chalk instances before anything is printed.
export default { stdout: false, stderr: false };
