#!/usr/bin/env node
// Builds data/catalog.json (the bundled catalog) from the source facts in ../shared/catalog-sources,
// and merges in our own project ideas from scripts/project-ideas.yaml.
// Usage: node scripts/build-catalog.mjs [sourcesDir] [outFile] [ideasFile]
// The output is committed because users do not have the sources; rerun this after the sources or the
// ideas change.
// Titles and URLs are copied from the YAML, never written here. Anything unexpected aborts the build.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourcesDir = resolve(repoRoot, process.argv[2] ?? '../shared/catalog-sources');
const outFile = resolve(repoRoot, process.argv[3] ?? 'data/catalog.json');
const ideasFile = resolve(repoRoot, process.argv[4] ?? 'scripts/project-ideas.yaml');

const ID_PATTERN = /^[a-z0-9][a-z0-9._/-]*$/;
const HF_MINUTES_PER_CHAPTER = 420; // midpoint of the stated 6-8 hours per chapter
const HF_SETUP_MINUTES = 30;
const MLEP_WEEK_MINUTES = 300;
const MWML_LESSON_MINUTES = 60;

function fail(message) {
  throw new Error(`build-catalog: ${message}`);
}

function check(condition, message) {
  if (!condition) fail(message);
}

function load(name, dir = sourcesDir) {
  const file = resolve(dir, name);
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read ${file}: ${err.message}`);
  }
}

function text(value, what) {
  check(typeof value === 'string' && value.trim() !== '', `${what} is missing or empty`);
  return value;
}

/** Module fields in a fixed order, so the output is byte-for-byte stable. */
function module({ id, title, url, minutes, minutesBasis, part, optional }) {
  const m = { id, title, url, minutes, minutesBasis };
  if (part !== undefined) m.part = part;
  if (optional) m.optional = true;
  return m;
}

function course({ id, title, provider, url, track, prerequisites, tags, caveats, modules }) {
  const c = { id, title, provider, url };
  if (track !== undefined) c.track = track;
  if (prerequisites?.length) c.prerequisites = prerequisites;
  if (tags?.length) c.tags = tags;
  if (caveats?.length) c.caveats = caveats;
  c.modules = modules;
  return c;
}

function mlepCourses(src) {
  const ids = ['mlep-intro', 'mlep-data', 'mlep-modeling', 'mlep-deploy'];
  const weeks = [3, 4, 5, 4];
  check(src.courses?.length === 4, `MLEP: expected 4 courses, got ${src.courses?.length}`);
  return src.courses.map((c, i) => {
    check(c.order === i + 1, `MLEP: course at position ${i + 1} has order ${c.order}`);
    const id = ids[i];
    check(
      c.modules?.length === weeks[i],
      `MLEP ${id}: expected ${weeks[i]} weeks, got ${c.modules?.length}`,
    );
    const url = text(c.url, `MLEP ${id} url`);
    return course({
      id,
      title: text(c.title, `MLEP ${id} title`),
      provider: 'DeepLearning.AI',
      url,
      track: 'mlep',
      prerequisites: i > 0 ? [ids[i - 1]] : [],
      caveats: [
        'Third-party reports (June 2024, unverified) say the Machine Learning Engineering for Production (MLOps) Specialization was retired from Coursera; no official announcement was found.',
        'Week titles come from learner repositories that reproduce the Coursera syllabus (secondary sources), not from DeepLearning.AI or Coursera pages; some weeks appear under slightly different titles elsewhere.',
        `No source states durations: each week is assumed to take ${MLEP_WEEK_MINUTES / 60} hours.`,
        'No source gives per-week links, so every week links to the course page.',
        // Course 1 reportedly lives on as a standalone course under a later title (unverified in the source).
        ...(c.later_title
          ? [
              `DeepLearning.AI reportedly now offers this course on its own as "${c.later_title}" (unverified).`,
            ]
          : []),
      ],
      modules: c.modules.map((w, j) => {
        check(w.order === j + 1, `MLEP ${id}: week at position ${j + 1} has order ${w.order}`);
        return module({
          id: `${id}/week-${j + 1}`,
          title: text(w.title, `MLEP ${id} week ${j + 1} title`),
          url,
          minutes: MLEP_WEEK_MINUTES,
          minutesBasis: 'assumed',
          optional: w.optional === true,
        });
      }),
    });
  });
}

function hfCourse(src) {
  const chapters = src.chapters.filter((ch) => ch.number !== null && ch.number !== undefined);
  check(
    chapters.length === 13,
    `HF: expected chapters 0-12, got ${chapters.length} numbered chapters`,
  );
  const pattern = text(src.url_patterns?.current, 'HF url_patterns.current');
  check(pattern.includes('{local}'), 'HF: url_patterns.current has no {local}');
  const modules = [];
  chapters.forEach((ch, i) => {
    check(ch.number === i, `HF: chapter at position ${i} is number ${ch.number}`);
    // The placeholder page has no content to study.
    const sections = ch.sections.filter((s) => s.placeholder !== true);
    check(sections.length > 0, `HF chapter ${i}: no sections`);
    const setup = ch.number === 0;
    const total = setup ? HF_SETUP_MINUTES : HF_MINUTES_PER_CHAPTER;
    // Spread the chapter total evenly; the first sections absorb the remainder so the chapter still sums exactly.
    const base = Math.floor(total / sections.length);
    const extra = total - base * sections.length;
    sections.forEach((s, j) => {
      const local = text(s.local, `HF chapter ${i} section ${j + 1} local`);
      const url = pattern.replace('{local}', local);
      check(
        s.url === url,
        `HF ${local}: yaml url ${s.url} differs from the current pattern ${url}`,
      );
      modules.push(
        module({
          id: `hf-course/${local}`,
          title: text(s.title, `HF ${local} title`),
          url,
          minutes: base + (j < extra ? 1 : 0),
          minutesBasis: setup ? 'assumed' : 'derived',
          part: text(ch.toc_title, `HF chapter ${i} toc_title`),
        }),
      );
    });
  });
  check(modules.length === 99, `HF: expected 99 modules, got ${modules.length}`);
  return course({
    id: 'hf-course',
    // The programme field carries earlier names in parentheses; the title is the current name only.
    title: text(src.programme, 'HF programme').replace(/\s*\(.*\)\s*$/, ''),
    provider: text(src.provider, 'HF provider'),
    url: text(src.url, 'HF url'),
    caveats: [
      'Renamed from "NLP Course" to "LLM Course" in 2025; older links use /learn/nlp-course/ or /course/.',
      'Sections in chapters 1-3 were renumbered in 2025 and chapter12/3a became chapter12/3b, so old deep links may point to different content.',
      `Minutes are derived from the stated 6-8 hours per chapter: ${HF_MINUTES_PER_CHAPTER} minutes per chapter, spread evenly over its sections. The one-page setup chapter 0 is assumed to take ${HF_SETUP_MINUTES} minutes.`,
      'The Course Events pages and the "Coming soon..." placeholder at the end of chapter 12 are left out.',
    ],
    modules,
  });
}

function mwmlCourse(src) {
  const groups = src.groups;
  check(groups?.length === 8, `MwML: expected 8 groups, got ${groups?.length}`);
  const lessons = groups.flatMap((g) =>
    g.lessons.map((l) => ({ ...l, part: text(g.title, 'MwML group title') })),
  );
  check(lessons.length === 26, `MwML: expected 26 lessons, got ${lessons.length}`);
  const pageTitle = new Map();
  const entriesPerPage = new Map();
  for (const l of lessons) {
    entriesPerPage.set(l.slug, (entriesPerPage.get(l.slug) ?? 0) + 1);
    if (l.page_title !== undefined) pageTitle.set(l.slug, l.page_title);
  }
  check(entriesPerPage.size === 24, `MwML: expected 24 distinct pages, got ${entriesPerPage.size}`);
  const modules = lessons.map((l) => {
    const slug = text(l.slug, 'MwML slug');
    const page = text(pageTitle.get(slug), `MwML ${slug} page_title`);
    // Title rule: the page's own title. Entries sharing a page (Test: Code/Data/Models) would all get the same
    // title, so they take their homepage label, verbatim; their part ("Test") gives the context.
    const title = entriesPerPage.get(slug) > 1 ? text(l.title, `MwML ${slug} label`) : page;
    return module({
      id: `made-with-ml/${slug}${l.anchor ? `-${l.anchor}` : ''}`,
      title,
      url: text(l.url, `MwML ${slug} url`),
      minutes: MWML_LESSON_MINUTES,
      minutesBasis: 'assumed',
      part: l.part,
    });
  });
  return course({
    id: 'made-with-ml',
    title: text(src.programme, 'MwML programme'),
    provider: text(src.provider, 'MwML provider').replace(/\s*\(.*$/, ''),
    url: text(src.url, 'MwML url'),
    caveats: [
      `No self-paced hours are stated anywhere (the site only describes a one-day live cohort): each lesson is assumed to take ${MWML_LESSON_MINUTES} minutes.`,
      'This is the 2023 edition of the course; the three Testing entries are sections of one page.',
    ],
    modules,
  });
}

const IDEA_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const IDEA_FIELDS = ['id', 'title', 'deliverable', 'uses', 'modules', 'minutes', 'minutesBasis'];
const IDEAS_PER_COURSE = { min: 1, max: 2 };

/** A non-empty list of non-empty, distinct strings. */
function textList(value, what) {
  check(Array.isArray(value) && value.length > 0, `${what} must be a non-empty list`);
  for (const [i, v] of value.entries()) text(v, `${what}[${i}]`);
  check(new Set(value).size === value.length, `${what} has duplicates`);
  return value;
}

/** One project idea, checked against its course, with its fields in a fixed order. */
function projectIdea(raw, c, i) {
  const what = `project idea ${i + 1} of ${c.id}`;
  check(raw !== null && typeof raw === 'object' && !Array.isArray(raw), `${what} is not a mapping`);
  const keys = Object.keys(raw);
  const unknown = keys.filter((k) => !IDEA_FIELDS.includes(k));
  check(unknown.length === 0, `${what} has unknown field(s) ${unknown.join(', ')}`);
  const id = text(raw.id, `${what} id`);
  check(IDEA_ID_PATTERN.test(id), `${what}: id ${id} does not match ${IDEA_ID_PATTERN}`);
  const at = `project idea ${c.id}:${id}`;
  const moduleIds = new Set(c.modules.map((m) => m.id));
  const modules = textList(raw.modules, `${at} modules`);
  for (const m of modules) check(moduleIds.has(m), `${at}: module ${m} is not a module of ${c.id}`);
  check(
    Number.isInteger(raw.minutes) && raw.minutes > 0,
    `${at}: minutes must be a positive integer, got ${raw.minutes}`,
  );
  check(
    raw.minutesBasis === 'assumed',
    `${at}: minutesBasis must be assumed (the estimates are ours), got ${raw.minutesBasis}`,
  );
  return {
    id,
    title: text(raw.title, `${at} title`),
    deliverable: text(raw.deliverable, `${at} deliverable`),
    uses: textList(raw.uses, `${at} uses`),
    modules,
    minutes: raw.minutes,
    minutesBasis: raw.minutesBasis,
  };
}

/** Adds each course's project ideas after its caveats, before its modules; every course needs 1-2. */
function withProjectIdeas(courses, ideasByCourse) {
  check(
    ideasByCourse !== null && typeof ideasByCourse === 'object' && !Array.isArray(ideasByCourse),
    `${ideasFile} is not a mapping of course ids to ideas`,
  );
  const courseIds = new Set(courses.map((c) => c.id));
  for (const id of Object.keys(ideasByCourse))
    check(courseIds.has(id), `project ideas for ${id}, which is not a course`);
  return courses.map((c) => {
    const raw = ideasByCourse[c.id];
    const { min, max } = IDEAS_PER_COURSE;
    check(
      Array.isArray(raw) && raw.length >= min && raw.length <= max,
      `${c.id}: expected ${min}-${max} project ideas, got ${Array.isArray(raw) ? raw.length : 'none'}`,
    );
    const ideas = raw.map((idea, i) => projectIdea(idea, c, i));
    const ids = ideas.map((idea) => idea.id);
    check(new Set(ids).size === ids.length, `${c.id}: duplicate project idea ids`);
    const { modules, ...rest } = c;
    return { ...rest, projectIdeas: ideas, modules };
  });
}

function validate(catalog) {
  const seen = new Set();
  for (const c of catalog.courses) {
    for (const item of [c, ...c.modules]) {
      check(ID_PATTERN.test(item.id), `id ${item.id} does not match ${ID_PATTERN}`);
      check(!seen.has(item.id), `duplicate id ${item.id}`);
      seen.add(item.id);
      check(new URL(item.url).protocol === 'https:', `${item.id}: url ${item.url} is not https`);
    }
    for (const m of c.modules)
      check(Number.isInteger(m.minutes) && m.minutes > 0, `${m.id}: bad minutes`);
  }
  const optional = catalog.courses.flatMap((c) =>
    c.modules.filter((m) => m.optional).map((m) => m.id),
  );
  check(
    optional.length === 1 && optional[0] === 'mlep-data/week-4',
    `expected only mlep-data/week-4 to be optional, got [${optional.join(', ')}]`,
  );
}

const catalog = {
  formatVersion: 1,
  id: 'bundled',
  courses: withProjectIdeas(
    [
      ...mlepCourses(load('mlep-deeplearning-ai.yaml')),
      hfCourse(load('huggingface-course.yaml')),
      mwmlCourse(load('made-with-ml.yaml')),
    ],
    load(ideasFile, repoRoot),
  ),
};
validate(catalog);
writeFileSync(outFile, `${JSON.stringify(catalog, null, 2)}\n`);
const modules = catalog.courses.reduce((n, c) => n + c.modules.length, 0);
const ideas = catalog.courses.reduce((n, c) => n + c.projectIdeas.length, 0);
console.log(
  `wrote ${outFile}: ${catalog.courses.length} courses, ${modules} modules, ${ideas} project ideas`,
);
