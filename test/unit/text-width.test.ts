import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, fitWidth, loadTextWidths, needsStringWidth } from '../../src/ui/text.js';

// displayWidth measures text without string-width unless it holds characters that form grapheme
// clusters (src/ui/text.ts, CLUSTERING). These tests hold that shortcut to string-width's answers
// and to the runtime's own grapheme segmentation, on whichever Node (and Unicode version) runs
// them.
const segmenter = new Intl.Segmenter();
const clusters = (text: string): number => [...segmenter.segment(text)].length;
const UNASSIGNED = /\p{Cn}/u;

describe('displayWidth without string-width', () => {
  it('gives every code point it measures alone the width string-width gives, as a cluster of its own', () => {
    const wrong: string[] = [];
    const joined: string[] = [];
    let measured = 0;
    for (let code = 0xa0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      // Unassigned code points are measured too, but a sample of them is enough.
      if (UNASSIGNED.test(char) && code % 97 !== 0) continue;
      if (needsStringWidth(char)) continue;
      // Measured by code points, `a${char}${char}a` must be four clusters, or its code points
      // were not each a cluster of their own.
      const text = `a${char}${char}a`;
      if (clusters(text) !== 4) joined.push(code.toString(16));
      const width = displayWidth(text);
      const expected = stringWidth(text);
      if (width !== expected) wrong.push(`${code.toString(16)}: ${width} for ${expected}`);
      measured++;
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(joined.slice(0, 20)).toEqual([]);
    // Letters, digits, punctuation, symbols, CJK and emoji: most of Unicode's assigned code points.
    expect(measured).toBeGreaterThan(250_000);
  });

  it('leaves string-width unloaded for the bundled titles, and loads it for joining characters', () => {
    for (const text of ['How 🤗 Transformers solve tasks', '漢字', 'Café (NFC)'])
      expect(needsStringWidth(text), text).toBe(false);
    for (const text of ['Cafe\u0301 (NFD)', '👩‍💻 ZWJ', '🇩🇪', '👍🏽', '1️⃣', 'ﾃﾞ'])
      expect(needsStringWidth(text), text).toBe(true);
  });

  it('cuts a title between characters as a reader sees them, never inside a flag or an emoji', async () => {
    await loadTextWidths(['🇯🇵']);
    expect(fitWidth('🇯🇵🇯🇵🇯🇵🇯🇵', 5)).toBe('🇯🇵🇯🇵…');
    expect(fitWidth('☺️☺️☺️☺️', 5)).toBe('☺️☺️…');
    expect(fitWidth('Cafe\u0301 cafe\u0301 cafe\u0301', 8)).toBe('Cafe\u0301 ca…');
    expect(fitWidth('How 🤗 Transformers solve tasks', 10)).toBe('How 🤗 Tr…');
  });

  it('measures emoji, CJK and accented titles as string-width does', () => {
    for (const text of [
      'How 🤗 Transformers solve tasks',
      '🤗 Datasets, check!',
      '漢字とかな 한국어',
      'Café naïve résumé — “quoted” · 2 h',
      'Ｆｕｌｌｗｉｄｔｈ ｶﾀｶﾅ',
      '🌡 thermometer, text style',
      '✓ ✗ → █ ░',
    ]) {
      expect(displayWidth(text), text).toBe(stringWidth(text));
    }
  });
});
