// Builds benchmark config directories directly on disk, in the same format the store writes,
// so that setting up 40,000 done modules doesn't take 40,000 CLI runs.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const AT = Date.parse('2026-01-05T18:00:00.000Z');

/**
 * A config dir with every course of `catalog` on the roadmap, the first `done` modules (in
 * roadmap order) done, and `logEntries` lines in the activity log. As a learner who kept to the
 * focus rules would have it: each course whose modules are all done has shipped its project, and
 * the course of the first module still to do is the active one, so `done` on it needs no switch.
 */
export function writeFixture(dir, catalog, { done, logEntries = done + 1 }) {
  mkdirSync(dir, { recursive: true });
  const roadmap = catalog.courses.map((c) => ({
    courseId: c.id,
    addedAt: new Date(AT).toISOString(),
  }));
  const modules = catalog.courses.flatMap((c) =>
    c.modules.map((m) => ({ course: c.id, id: m.id })),
  );
  const progress = {};
  const lines = [];
  lines.push(
    JSON.stringify({
      id: randomUUID(),
      at: new Date(AT).toISOString(),
      type: 'add',
      courseId: roadmap[0]?.courseId,
      courseIds: roadmap.map((r) => r.courseId),
      before: { roadmap: [] },
    }),
  );
  for (let i = 0; i < done; i++) {
    const m = modules[i];
    const at = new Date(AT + i * 3_600_000).toISOString();
    progress[m.id] = { status: 'done', at, notes: [] };
    lines.push(
      JSON.stringify({
        id: randomUUID(),
        at,
        type: 'done',
        courseId: m.course,
        moduleId: m.id,
        before: { progress: { [m.id]: null } },
      }),
    );
  }
  // Pad the log with reset/done pairs on the last done module, leaving its state as it is.
  for (let i = lines.length; i < logEntries; i++) {
    const m = modules[Math.max(0, done - 1)];
    const at = new Date(AT + (done + i) * 60_000).toISOString();
    const entry =
      i % 2 === 0
        ? { type: 'reset', before: { progress: { [m.id]: progress[m.id] ?? null } } }
        : { type: 'done', before: { progress: { [m.id]: null } } };
    lines.push(
      JSON.stringify({ id: randomUUID(), at, courseId: m.course, moduleId: m.id, ...entry }),
    );
  }
  const log = `${lines.slice(0, logEntries).join('\n')}\n`;
  writeFileSync(join(dir, 'activity.jsonl'), log);
  const courses = {};
  const projects = {};
  const at = new Date(AT).toISOString();
  for (const course of catalog.courses) {
    const finished = course.modules.every((m) => progress[m.id]);
    const current = modules[done]?.course === course.id;
    if (!finished && !current) continue;
    courses[course.id] = { transitions: [{ at, state: 'active' }] };
    if (finished) {
      projects[course.id] = {
        title: `Project for ${course.id}`,
        stage: 'shipped',
        shippedRef: 'v1',
        shippedAt: at,
        stages: [{ at, stage: 'shipped' }],
      };
    }
  }
  // Progress as schema 3 keeps it: a line per module, grouped by the id's first part.
  const stored = {};
  for (const [id, entry] of Object.entries(progress)) {
    const group = id.split('/')[0];
    stored[group] ??= [];
    stored[group].push(`${id} ${entry.status} ${entry.at}`);
  }
  const state = {
    schemaVersion: 3,
    roadmap,
    progress: stored,
    journal: {},
    courses,
    projects,
    settings: {},
    log: { bytes: Buffer.byteLength(log), entries: Math.min(lines.length, logEntries) },
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(state, null, '\t'));
  return { modules: modules.map((m) => m.id), todo: modules.slice(done).map((m) => m.id) };
}

/** A user catalog of `courses` × `modules`, for the scale figures. */
export function syntheticCatalog(courses, modules) {
  return {
    formatVersion: 1,
    id: 'bench',
    courses: Array.from({ length: courses }, (_, c) => ({
      id: `bench-${c}`,
      title: `Benchmark course ${c}`,
      provider: 'Bench',
      url: `https://example.org/${c}`,
      modules: Array.from({ length: modules }, (_, m) => ({
        id: `bench-${c}/m${m}`,
        title: `Module ${m} of course ${c}`,
        url: `https://example.org/${c}/${m}`,
        minutes: 30,
        minutesBasis: 'assumed',
      })),
    })),
  };
}

/**
 * An export document (the format `roadmap import` reads) for the scale figures: every course of
 * `catalog` on the roadmap, the first `done` modules done, and `logEntries` activity-log entries,
 * the last of them undoable. As in writeFixture, finished courses have shipped their projects and
 * the course of the first module to do is the active one. The modules were done one an hour, the
 * last a day before `end` (the export's time), so the whole history is in the past, as a
 * learner's is; 40,000 of them go back about four and a half years.
 */
export function scaleExport(catalog, { done, logEntries, end = Date.now() }) {
  const iso = (ms) => new Date(ms).toISOString();
  const start = Math.floor(end / 3_600_000) * 3_600_000 - (done + 24) * 3_600_000;
  const modules = catalog.courses.flatMap((c) =>
    c.modules.map((m) => ({ course: c.id, id: m.id })),
  );
  const roadmap = catalog.courses.map((c) => ({ courseId: c.id, addedAt: iso(start) }));
  const progress = modules.slice(0, done).map((m, i) => ({
    moduleId: m.id,
    status: 'done',
    at: iso(start + i * 3_600_000),
  }));
  const log = [
    {
      id: 'bench-0',
      at: iso(start),
      type: 'add',
      courseId: roadmap[0].courseId,
      courseIds: roadmap.map((r) => r.courseId),
      before: { roadmap: [] },
      after: { roadmap },
    },
  ];
  // A done entry per done module, then notes on the last one until the log is long enough.
  for (let i = 0; log.length < logEntries; i++) {
    const at = iso(start + i * 60_000);
    if (i < done) {
      const m = modules[i];
      const entry = { status: 'done', at: progress[i].at, notes: [] };
      log.push({
        id: `bench-${log.length}`,
        at: progress[i].at,
        type: 'done',
        courseId: m.course,
        moduleId: m.id,
        before: { progress: { [m.id]: null } },
        after: { progress: { [m.id]: entry } },
      });
    } else {
      const m = modules[done - 1];
      const journal = { sessions: [], notes: [{ at, text: `note ${i}` }] };
      log.push({
        id: `bench-${log.length}`,
        at,
        type: 'note',
        courseId: m.course,
        moduleId: m.id,
        note: `note ${i}`,
        before: { journal: { [m.id]: null } },
        after: { journal: { [m.id]: journal } },
      });
    }
  }
  const finished = new Set(progress.map((p) => p.moduleId));
  const courses = [];
  const projects = [];
  for (const course of catalog.courses) {
    const complete = course.modules.every((m) => finished.has(m.id));
    if (!complete && modules[done]?.course !== course.id) continue;
    courses.push({ courseId: course.id, transitions: [{ at: iso(start), state: 'active' }] });
    if (complete) {
      projects.push({
        courseId: course.id,
        title: `Project for ${course.id}`,
        stage: 'shipped',
        shippedRef: 'v1',
        shippedAt: iso(start),
        stages: [{ at: iso(start), stage: 'shipped' }],
      });
    }
  }
  return {
    format: 'roadmap-export',
    version: 1,
    exportedAt: iso(end),
    roadmap,
    progress,
    journal: [],
    courses,
    projects,
    settings: {},
    log,
    catalogs: [],
  };
}
