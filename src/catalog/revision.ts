/**
 * A fingerprint of what a learner's progress hangs on: the course ids, their module ids in order,
 * and the renames. Titles, links and estimates are left out, so fixing a link is not an "update"
 * that `status` reports. Two 32-bit FNV-1a hashes with different seeds make 64 bits, enough to
 * tell one version of a catalog from the next; node:crypto would cost milliseconds to load.
 */
export interface RevisionInput {
  courses: ReadonlyArray<{
    id: string;
    modules: ReadonlyArray<{ id: string; replaces?: readonly string[] }>;
  }>;
}

const PRIME = 0x01000193;

class Fnv {
  private a = 0x811c9dc5;
  private b = 0x050c5d1f;

  add(text: string): void {
    let { a, b } = this;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, PRIME);
      b = Math.imul(b ^ c, PRIME);
    }
    // A separator no id can hold, so ["ab", "c"] and ["a", "bc"] differ.
    this.a = Math.imul(a ^ 0x0a, PRIME);
    this.b = Math.imul(b ^ 0x1f, PRIME);
  }

  hex(): string {
    return (
      (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0')
    );
  }
}

export function catalogRevision(catalog: RevisionInput): string {
  const hash = new Fnv();
  for (const course of catalog.courses) {
    hash.add(`course ${course.id}`);
    for (const module of course.modules) {
      hash.add(module.id);
      for (const old of module.replaces ?? []) hash.add(`< ${old}`);
    }
  }
  return hash.hex();
}

/**
 * Exactly what catalogRevision reads, as text: catalogs with the same key have the same revision.
 * Much cheaper than the hash, so a revision worked out earlier (by the build, for the bundled
 * catalog) is checked against it rather than trusted.
 */
export function revisionKey(catalog: RevisionInput): string {
  return JSON.stringify(
    catalog.courses.map((c) => [c.id, c.modules.map((m) => [m.id, m.replaces ?? []])]),
  );
}

/** A short checksum of one line of text, to notice a stored file changed under its index. */
export function lineChecksum(text: string): string {
  const hash = new Fnv();
  hash.add(text);
  return hash.hex();
}
