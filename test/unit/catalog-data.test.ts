import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The named export: ajv's default export is CommonJS and not constructable under `module: NodeNext`.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { lintCatalog } from '../../src/catalog/lint.js';
import type { Catalog, CatalogCourse, CatalogModule } from '../../src/catalog/types.js';

const repoFile = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
const catalogText = readFileSync(repoFile('data/catalog.json'), 'utf8');
const catalog = JSON.parse(catalogText) as Catalog;
const schema = JSON.parse(readFileSync(repoFile('data/catalog.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const course = (id: string): CatalogCourse => {
  const found = catalog.courses.find((c) => c.id === id);
  if (!found) throw new Error(`no course ${id}`);
  return found;
};
const allModules = catalog.courses.flatMap((c) => c.modules);
const mod = (id: string): CatalogModule => {
  const found = allModules.find((m) => m.id === id);
  if (!found) throw new Error(`no module ${id}`);
  return found;
};

describe('bundled catalog: structure', () => {
  it('has the courses in order', () => {
    expect(catalog.formatVersion).toBe(1);
    expect(catalog.id).toBe('bundled');
    expect(catalog.courses.map((c) => c.id)).toEqual([
      'mlep-intro',
      'mlep-data',
      'mlep-modeling',
      'mlep-deploy',
      'hf-course',
      'made-with-ml',
    ]);
  });

  it('pins module counts', () => {
    expect(catalog.courses.map((c) => c.modules.length)).toEqual([3, 4, 5, 4, 99, 26]);
  });

  it('chains the MLEP courses as one track', () => {
    const mlep = catalog.courses.slice(0, 4);
    expect(mlep.every((c) => c.track === 'mlep' && c.provider === 'DeepLearning.AI')).toBe(true);
    expect(mlep.map((c) => c.prerequisites)).toEqual([
      undefined,
      ['mlep-intro'],
      ['mlep-data'],
      ['mlep-modeling'],
    ]);
    expect(course('mlep-data').modules.map((m) => m.id)).toEqual([
      'mlep-data/week-1',
      'mlep-data/week-2',
      'mlep-data/week-3',
      'mlep-data/week-4',
    ]);
    for (const c of mlep) {
      const caveats = c.caveats?.join('\n') ?? '';
      expect(caveats).toMatch(/retired/);
      expect(caveats).toMatch(/unverified/);
      expect(caveats).toMatch(/learner repositories/);
      expect(caveats).toMatch(/assumed/);
    }
  });

  it('marks only mlep-data/week-4 optional', () => {
    expect(
      allModules.filter((m) => m.optional !== undefined).map((m) => [m.id, m.optional]),
    ).toEqual([['mlep-data/week-4', true]]);
  });

  it('leaves out the HF course events and the placeholder page', () => {
    const ids = course('hf-course').modules.map((m) => m.id);
    expect(ids).not.toContain('hf-course/chapter12/7');
    expect(ids.some((id) => id.includes('events'))).toBe(false);
    expect(ids[0]).toBe('hf-course/chapter0/1');
    expect(ids.at(-1)).toBe('hf-course/chapter12/6');
  });

  it('gives every course a caveat about its durations', () => {
    for (const c of catalog.courses)
      expect(
        c.caveats?.some((s) => /hours/.test(s)),
        c.id,
      ).toBe(true);
  });
});

describe('bundled catalog: values copied from the sources', () => {
  it.each([
    [
      'mlep-intro/week-1',
      'Overview of the ML Lifecycle and Deployment',
      'https://www.coursera.org/learn/introduction-to-machine-learning-in-production',
    ],
    [
      'mlep-data/week-4',
      'Advanced Labeling, Augmentation and Data Preprocessing',
      'https://www.coursera.org/learn/machine-learning-data-lifecycle-in-production',
    ],
    [
      'mlep-modeling/week-5',
      'Interpretability',
      'https://www.coursera.org/learn/machine-learning-modeling-pipelines-in-production',
    ],
    [
      'mlep-deploy/week-4',
      'Model Monitoring and Logging',
      'https://www.coursera.org/learn/deploying-machine-learning-models-in-production',
    ],
    ['hf-course/chapter0/1', 'Introduction', 'https://huggingface.co/learn/llm-course/chapter0/1'],
    [
      'hf-course/chapter3/2',
      'Processing the data',
      'https://huggingface.co/learn/llm-course/chapter3/2',
    ],
    [
      'hf-course/chapter6/3b',
      'Fast tokenizers in the QA pipeline',
      'https://huggingface.co/learn/llm-course/chapter6/3b',
    ],
    [
      'hf-course/chapter12/3b',
      'Advanced Understanding of GRPO in DeepSeekMath',
      'https://huggingface.co/learn/llm-course/chapter12/3b',
    ],
    ['made-with-ml/setup', 'Setup', 'https://madewithml.com/courses/mlops/setup/'],
    [
      'made-with-ml/product-design',
      'Machine Learning Product Design',
      'https://madewithml.com/courses/mlops/product-design/',
    ],
    [
      'made-with-ml/systems-design',
      'Machine Learning Systems Design',
      'https://madewithml.com/courses/mlops/systems-design/',
    ],
    ['made-with-ml/testing', 'Code', 'https://madewithml.com/courses/mlops/testing/'],
    ['made-with-ml/testing-data', 'Data', 'https://madewithml.com/courses/mlops/testing/#data'],
    [
      'made-with-ml/testing-models',
      'Models',
      'https://madewithml.com/courses/mlops/testing/#models',
    ],
    [
      'made-with-ml/data-engineering',
      'Data Engineering for Machine Learning',
      'https://madewithml.com/courses/mlops/data-engineering/',
    ],
  ])('%s', (id, title, url) => {
    expect(mod(id)).toMatchObject({ title, url });
  });

  it('has the course titles and urls', () => {
    expect(catalog.courses.map((c) => [c.title, c.provider, c.url])).toEqual([
      [
        'Introduction to Machine Learning in Production',
        'DeepLearning.AI',
        'https://www.coursera.org/learn/introduction-to-machine-learning-in-production',
      ],
      [
        'Machine Learning Data Lifecycle in Production',
        'DeepLearning.AI',
        'https://www.coursera.org/learn/machine-learning-data-lifecycle-in-production',
      ],
      [
        'Machine Learning Modeling Pipelines in Production',
        'DeepLearning.AI',
        'https://www.coursera.org/learn/machine-learning-modeling-pipelines-in-production',
      ],
      [
        'Deploying Machine Learning Models in Production',
        'DeepLearning.AI',
        'https://www.coursera.org/learn/deploying-machine-learning-models-in-production',
      ],
      [
        'Hugging Face LLM Course',
        'Hugging Face',
        'https://huggingface.co/learn/llm-course/chapter1/1',
      ],
      ['Made With ML - MLOps course', 'Made With ML', 'https://madewithml.com/courses/mlops/'],
    ]);
  });

  it('uses the chapter and group titles as parts', () => {
    expect(mod('hf-course/chapter0/1').part).toBe('0. Setup');
    expect(mod('hf-course/chapter3/2').part).toBe('3. Fine-tuning a pretrained model');
    expect(mod('made-with-ml/product-design').part).toBe('Design');
    expect(mod('made-with-ml/testing-models').part).toBe('Test');
    expect([...new Set(course('hf-course').modules.map((m) => m.part))]).toHaveLength(13);
    expect([...new Set(course('made-with-ml').modules.map((m) => m.part))]).toEqual([
      'Design',
      'Data',
      'Model',
      'Develop',
      'Utilities',
      'Test',
      'Reproducibility',
      'Production',
    ]);
  });
});

describe('bundled catalog: minutes', () => {
  it('spreads 420 minutes over each HF chapter (setup: 30)', () => {
    const perPart = new Map<string, number>();
    for (const m of course('hf-course').modules) {
      perPart.set(m.part ?? '', (perPart.get(m.part ?? '') ?? 0) + m.minutes);
      expect(m.minutesBasis).toBe(m.part === '0. Setup' ? 'assumed' : 'derived');
    }
    for (const [part, minutes] of perPart)
      expect(minutes, part).toBe(part === '0. Setup' ? 30 : 420);
  });

  it('assumes 300 minutes per MLEP week and 60 per Made With ML lesson', () => {
    for (const c of catalog.courses) {
      if (c.id === 'hf-course') continue;
      const expected = c.id === 'made-with-ml' ? 60 : 300;
      for (const m of c.modules)
        expect([m.id, m.minutes, m.minutesBasis]).toEqual([m.id, expected, 'assumed']);
    }
  });
});

describe('bundled catalog: validity', () => {
  it('matches data/catalog.schema.json', () => {
    expect(validate(catalog), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('passes lintCatalog', () => {
    expect(lintCatalog(catalog)).toEqual([]);
  });

  const rebuildSources = repoFile('../shared/catalog-sources');
  it.skipIf(!existsSync(rebuildSources))(
    'is what scripts/build-catalog.mjs builds from the sources',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
      try {
        const out = join(dir, 'catalog.json');
        execFileSync(
          process.execPath,
          [repoFile('scripts/build-catalog.mjs'), rebuildSources, out],
          { stdio: 'pipe' },
        );
        expect(readFileSync(out, 'utf8')).toBe(catalogText);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

/** A course's project ideas: our own suggestions, merged in by scripts/build-catalog.mjs. */
interface ProjectIdea {
  id: string;
  title: string;
  deliverable: string;
  uses: string[];
  modules: string[];
  minutes: number;
  minutesBasis: string;
}
const ideasOf = (c: CatalogCourse): ProjectIdea[] =>
  (c as CatalogCourse & { projectIdeas?: ProjectIdea[] }).projectIdeas ?? [];
const everyIdea = catalog.courses.flatMap((c) =>
  ideasOf(c).map((idea) => [`${c.id}:${idea.id}`, c, idea] as const),
);

describe('bundled catalog: project ideas', () => {
  it('gives every course one or two ideas', () => {
    for (const c of catalog.courses) {
      const n = ideasOf(c).length;
      expect(n >= 1 && n <= 2, `${c.id} has ${n} ideas`).toBe(true);
    }
  });

  it('puts them after the caveats and before the modules', () => {
    for (const c of catalog.courses)
      expect(Object.keys(c).slice(-3), c.id).toEqual(['caveats', 'projectIdeas', 'modules']);
  });

  it('gives ideas unique slug ids within each course', () => {
    for (const c of catalog.courses) {
      const ids = ideasOf(c).map((idea) => idea.id);
      expect(new Set(ids).size, c.id).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
  });

  it.each(everyIdea)('%s has exactly the idea fields, none empty', (_name, _course, idea) => {
    expect(Object.keys(idea)).toEqual([
      'id',
      'title',
      'deliverable',
      'uses',
      'modules',
      'minutes',
      'minutesBasis',
    ]);
    for (const value of [idea.id, idea.title, idea.deliverable, ...idea.uses, ...idea.modules])
      expect(value.trim()).not.toBe('');
    expect(idea.uses.length).toBeGreaterThan(0);
    expect(idea.modules.length).toBeGreaterThan(0);
    expect(new Set(idea.uses).size).toBe(idea.uses.length);
  });

  it.each(everyIdea)('%s names modules of its own course', (_name, c, idea) => {
    const ids = new Set(c.modules.map((m) => m.id));
    for (const m of idea.modules) expect(ids.has(m), m).toBe(true);
    expect(new Set(idea.modules).size).toBe(idea.modules.length);
  });

  it.each(everyIdea)('%s has an assumed estimate of 8-30 hours', (_name, _course, idea) => {
    expect(Number.isInteger(idea.minutes) && idea.minutes > 0, String(idea.minutes)).toBe(true);
    expect(idea.minutes).toBeGreaterThanOrEqual(8 * 60);
    expect(idea.minutes).toBeLessThanOrEqual(30 * 60);
    expect(idea.minutesBasis).toBe('assumed');
  });

  const sources = repoFile('../shared/catalog-sources');
  type Ideas = Record<string, Record<string, unknown>[]>;
  const first = (ideas: Ideas, courseId: string) => ideas[courseId]![0]!;
  it.skipIf(!existsSync(sources)).each<[string, (ideas: Ideas) => void, string]>([
    [
      'a module of another course',
      (ideas) => {
        first(ideas, 'mlep-intro').modules = ['mlep-data/week-1'];
      },
      'module mlep-data/week-1 is not a module of mlep-intro',
    ],
    [
      'an unknown course id',
      (ideas) => {
        ideas['no-such-course'] = ideas['mlep-intro']!;
      },
      'no-such-course, which is not a course',
    ],
    [
      'an empty title',
      (ideas) => {
        first(ideas, 'hf-course').title = ' ';
      },
      'title is missing or empty',
    ],
    [
      'an empty uses list',
      (ideas) => {
        first(ideas, 'hf-course').uses = [];
      },
      'uses must be a non-empty list',
    ],
    [
      'a missing deliverable',
      (ideas) => {
        delete first(ideas, 'made-with-ml').deliverable;
      },
      'deliverable is missing or empty',
    ],
    [
      'an unknown field',
      (ideas) => {
        first(ideas, 'made-with-ml').hours = 3;
      },
      'unknown field(s) hours',
    ],
    [
      'zero minutes',
      (ideas) => {
        first(ideas, 'mlep-deploy').minutes = 0;
      },
      'minutes must be a positive integer',
    ],
    [
      'fractional minutes',
      (ideas) => {
        first(ideas, 'mlep-deploy').minutes = 90.5;
      },
      'minutes must be a positive integer',
    ],
    [
      'a basis other than assumed',
      (ideas) => {
        first(ideas, 'mlep-data').minutesBasis = 'stated';
      },
      'minutesBasis must be assumed',
    ],
    [
      'a course without ideas',
      (ideas) => {
        delete ideas['mlep-modeling'];
      },
      'mlep-modeling: expected 1-2 project ideas, got none',
    ],
    [
      'a course with three ideas',
      (ideas) => {
        ideas['hf-course']!.push({ ...first(ideas, 'hf-course'), id: 'third' });
      },
      'hf-course: expected 1-2 project ideas, got 3',
    ],
    [
      'a duplicate idea id',
      (ideas) => {
        ideas['hf-course']![1]!.id = first(ideas, 'hf-course').id;
      },
      'hf-course: duplicate project idea ids',
    ],
  ])('the build aborts on %s', (_name, breakIt, message) => {
    const ideas = parseYaml(readFileSync(repoFile('scripts/project-ideas.yaml'), 'utf8')) as Ideas;
    breakIt(ideas);
    const dir = mkdtempSync(join(tmpdir(), 'catalog-ideas-'));
    try {
      const ideasFile = join(dir, 'ideas.yaml');
      const out = join(dir, 'catalog.json');
      writeFileSync(ideasFile, stringifyYaml(ideas));
      const run = spawnSync(
        process.execPath,
        [repoFile('scripts/build-catalog.mjs'), sources, out, ideasFile],
        { encoding: 'utf8' },
      );
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A valid two-course catalog for the negative tests to break, with its parts named for easy access. */
interface Small {
  c: Catalog;
  a: CatalogCourse;
  b: CatalogCourse;
  am: CatalogModule;
  bm: CatalogModule;
}
function small(): Small {
  const mk = (id: string): [CatalogCourse, CatalogModule] => {
    const m: CatalogModule = {
      id: `${id}/one`,
      title: 'One',
      url: `https://example.com/${id}/1`,
      minutes: 10,
      minutesBasis: 'assumed',
    };
    return [
      {
        id,
        title: `Course ${id}`,
        provider: 'Example',
        url: `https://example.com/${id}`,
        modules: [m],
      },
      m,
    ];
  };
  const [a, am] = mk('a');
  const [b, bm] = mk('b');
  return { c: { formatVersion: 1, id: 'test', courses: [a, b] }, a, b, am, bm };
}

describe('lintCatalog', () => {
  it('accepts the small catalog', () => {
    expect(lintCatalog(small().c)).toEqual([]);
    expect(validate(small().c)).toBe(true);
  });

  it.each<[string, (s: Small) => void, string, string]>([
    [
      'duplicate course id',
      ({ b }) => {
        b.id = 'a';
      },
      'courses[1].id',
      'duplicate course id "a"',
    ],
    [
      'duplicate module id',
      ({ bm }) => {
        bm.id = 'a/one';
      },
      'courses[1].modules[0].id',
      'duplicate module id "a/one"',
    ],
    [
      'bad id',
      ({ a }) => {
        a.id = 'A b';
      },
      'courses[0].id',
      'does not match',
    ],
    [
      'unresolved prerequisite',
      ({ b }) => {
        b.prerequisites = ['nope'];
      },
      'courses[1].prerequisites[0]',
      '"nope" is not a course',
    ],
    [
      'two-course cycle',
      ({ a, b }) => {
        a.prerequisites = ['b'];
        b.prerequisites = ['a'];
      },
      'courses[0].prerequisites',
      'cycle: a -> b -> a',
    ],
    [
      'self cycle',
      ({ b }) => {
        b.prerequisites = ['b'];
      },
      'courses[1].prerequisites',
      'cycle: b -> b',
    ],
    [
      'http url',
      ({ a }) => {
        a.url = 'http://example.com/a';
      },
      'courses[0].url',
      'must use https',
    ],
    [
      'javascript: url',
      ({ am }) => {
        am.url = 'javascript:alert(1)';
      },
      'courses[0].modules[0].url',
      'found javascript:',
    ],
    [
      'unparsable url',
      ({ b }) => {
        b.url = 'example.com';
      },
      'courses[1].url',
      'not a valid URL',
    ],
    [
      'zero minutes',
      ({ am }) => {
        am.minutes = 0;
      },
      'courses[0].modules[0].minutes',
      'positive',
    ],
    [
      'fractional minutes',
      ({ bm }) => {
        bm.minutes = 1.5;
      },
      'courses[1].modules[0].minutes',
      'positive integer',
    ],
    [
      'empty title',
      ({ bm }) => {
        bm.title = '  ';
      },
      'courses[1].modules[0].title',
      'empty',
    ],
  ])('reports %s', (_name, breakIt, path, message) => {
    const s = small();
    breakIt(s);
    const problems = lintCatalog(s.c);
    expect(problems).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  it('reports every problem, not just the first', () => {
    const s = small();
    s.a.url = 'http://example.com/a';
    s.bm.minutes = 0;
    s.b.prerequisites = ['missing'];
    expect(lintCatalog(s.c).map((p) => p.path)).toEqual([
      'courses[0].url',
      'courses[1].modules[0].minutes',
      'courses[1].prerequisites[0]',
    ]);
  });
});

describe('catalog schema', () => {
  it.each<[string, (s: Small) => void]>([
    ['a module without url', ({ am }) => delete (am as Partial<CatalogModule>).url],
    ['a course without url', ({ a }) => delete (a as Partial<CatalogCourse>).url],
    ['an extra course property', ({ a }) => Object.assign(a, { hours: 3 })],
    ['an extra top-level property', ({ c }) => Object.assign(c, { name: 'x' })],
    [
      'an id with capitals',
      ({ am }) => {
        am.id = 'A/one';
      },
    ],
    [
      'an id starting with a dash',
      ({ b }) => {
        b.id = '-b';
      },
    ],
    [
      'an http url',
      ({ a }) => {
        a.url = 'http://example.com/a';
      },
    ],
    [
      'zero minutes',
      ({ am }) => {
        am.minutes = 0;
      },
    ],
    ['an unknown minutesBasis', ({ am }) => Object.assign(am, { minutesBasis: 'guessed' })],
    [
      'formatVersion 0',
      ({ c }) => {
        c.formatVersion = 0;
      },
    ],
  ])('rejects %s', (_name, breakIt) => {
    const s = small();
    breakIt(s);
    expect(validate(s.c)).toBe(false);
  });

  it('accepts a newer formatVersion (the CLI refuses it with its own message)', () => {
    expect(validate({ ...small().c, formatVersion: 2 })).toBe(true);
  });
});
