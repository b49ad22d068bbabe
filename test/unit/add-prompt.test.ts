import checkbox, { Separator } from '@inquirer/checkbox';
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { loadBundledCatalog } from '../../src/catalog/load.js';
import { buildAddChoices } from '../../src/commands/add.js';
import { descriptionRows, pageSizeFor, toCheckboxChoices } from '../../src/prompts.js';
import { stateWith } from '../helpers/catalog.js';

const catalog = loadBundledCatalog();

describe('the interactive `add` checkbox', () => {
  it('offers only courses not on the roadmap, grouped by programme', async () => {
    const choices = buildAddChoices(catalog, stateWith(['mlep-intro', 'hf-course']));
    const { answer, events, getScreen } = await render(checkbox, {
      message: 'Which courses do you want to take?',
      choices: toCheckboxChoices(choices, Separator),
      pageSize: 20,
    });
    const screen = getScreen();
    expect(screen).toContain('── DeepLearning.AI');
    expect(screen).toContain('── Made With ML');
    expect(screen).not.toContain('── Hugging Face');
    expect(screen).not.toContain('mlep-intro:');
    expect(screen).not.toContain('hf-course:');
    // Headings come in catalog order, each followed by its courses.
    const order = [
      '── DeepLearning.AI',
      'mlep-data:',
      'mlep-modeling:',
      'mlep-deploy:',
      '── Made With ML',
      'made-with-ml:',
    ];
    const positions = order.map((text) => screen.indexOf(text));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    events.keypress('space'); // mlep-data
    events.keypress('down');
    events.keypress('down');
    events.keypress('down'); // made-with-ml (headings are skipped)
    events.keypress('space');
    events.keypress('enter');
    await expect(answer).resolves.toEqual(['mlep-data', 'made-with-ml']);
    // The answer line lists the ids chosen, not every full title again.
    const done = getScreen();
    expect(done).toContain('mlep-data, made-with-ml');
    expect(done).not.toContain('Made With ML - MLOps course');
  });

  it('offers nothing when every course is on the roadmap', () => {
    const all = stateWith(catalog.courses.map((c) => c.id));
    expect(buildAddChoices(catalog, all)).toEqual([]);
  });
});

describe('pageSizeFor', () => {
  it('fits a list to a short terminal, and keeps the usual size on a tall one', () => {
    expect(pageSizeFor(40, 15)).toBe(15);
    expect(pageSizeFor(12, 15)).toBe(7);
    expect(pageSizeFor(6, 15)).toBe(3);
    expect(pageSizeFor(undefined, 10)).toBe(10);
    expect(pageSizeFor(0, 10)).toBe(10);
  });

  it('leaves room for the longest description under the list, as the terminal wraps it', () => {
    const choices = [
      { description: 'short' },
      { description: `${'word '.repeat(30)}\nand a second line` },
      {},
    ];
    // 150 columns of words: 2 rows at 80 columns, 4 at 40, and the second line 1 more.
    expect(descriptionRows(choices, 80)).toBe(3);
    expect(descriptionRows(choices, 40)).toBe(5);
    expect(descriptionRows([{}], 80)).toBe(1);
    expect(pageSizeFor(20, 10, descriptionRows(choices, 40))).toBe(10);
    expect(pageSizeFor(16, 10, descriptionRows(choices, 40))).toBe(7);
  });
});
