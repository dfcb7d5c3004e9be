import { expect } from 'chai';
import { detectLanguage, proposerText, resolveThreadLanguage } from '../../../src/texts/language.js';
import { labelledReplies } from '../../support/interest-set.js';
import { catalog, compiled, COMPLETE, rules } from '../../support/texts.js';
import { jana, lukas, thread } from '../../support/views.js';

const LANGUAGES = [...catalog.messages.keys()];

describe('the thread’s language', () => {
  it('is told right for nearly every short reply of the labelled sets', () => {
    // Indian English is English: the sets label it apart for the interest figures only.
    const replies = labelledReplies().map((r) => ({ ...r, language: r.language.split('-')[0]! }));
    const told = replies.filter((r) => detectLanguage(r.text, LANGUAGES) !== null);
    const right = told.filter((r) => detectLanguage(r.text, LANGUAGES) === r.language);
    const wrong = told.filter((r) => detectLanguage(r.text, LANGUAGES) !== r.language);
    const figures = `${replies.length} replies, ${told.length} told, ${right.length} right; wrong: ${wrong
      .map((r) => `${r.language} read as ${detectLanguage(r.text, LANGUAGES)}: "${r.text}"`)
      .join('; ')}`;
    // A reply too short to tell falls back to the forum's language, which is no harm; a wrong language is.
    expect(wrong.length / told.length, figures).to.be.below(0.02);
    expect(told.length / replies.length, figures).to.be.above(0.75);
  });

  it('is never told wrong, and nearly always told, for a text of an opening post’s length (three replies of one language)', () => {
    const replies = labelledReplies().map((r) => ({ ...r, language: r.language.split('-')[0]! }));
    const wrong: string[] = [];
    let texts = 0;
    for (const language of LANGUAGES) {
      const own = replies.filter((r) => r.language === language);
      for (let i = 0; i + 2 < own.length; i += 3) {
        const text = own
          .slice(i, i + 3)
          .map((r) => r.text)
          .join('\n');
        texts++;
        const got = detectLanguage(text, LANGUAGES);
        if (got !== language) wrong.push(`${language} read as ${got}: ${JSON.stringify(text)}`);
      }
    }
    expect(texts).to.be.above(400);
    // Unsure falls back to the forum's language; wrong would write to the thread in another.
    expect(
      wrong.filter((w) => !w.includes(' read as null: ')),
      wrong.join('\n'),
    ).to.deep.equal([]);
    expect(wrong.length / texts, wrong.join('\n')).to.be.below(0.01);
  });

  it('reads the proposer’s own words, not the template labels copied in English', () => {
    const view = thread('Mautic Meetup in Berlin?', [
      ...COMPLETE,
      [lukas, 'Sounds great, count me in! I can bring pizza for everyone.'],
    ]);
    const text = proposerText(view, compiled.labels);
    expect(text).to.include('Hallo zusammen').and.not.include('Region:').and.not.include('pizza');
    expect(resolveThreadLanguage({ text, countryCategory: null }, rules.texts, LANGUAGES)).to.deep.equal({
      language: 'de',
      source: 'detected',
    });
  });

  it('is the country category’s, when config sets one', () => {
    const texts = { ...rules.texts, countryCategories: { Germany: { language: 'de' } } };
    expect(
      resolveThreadLanguage(
        { text: 'Hello everyone, who would like to meet in Berlin?', countryCategory: 'germany' },
        texts,
        LANGUAGES,
      ),
    ).to.deep.equal({ language: 'de', source: 'config' });
  });

  it('falls back to the forum’s language when the text says too little', () => {
    for (const text of ['', '+1', 'Region: Berlin', '@jana.schmidt https://example.org/x'])
      expect(
        resolveThreadLanguage(
          { text: proposerText(thread('t', [[jana, text]]), compiled.labels), countryCategory: null },
          { ...rules.texts, defaultLanguage: 'fr' },
          LANGUAGES,
        ),
        text,
      ).to.deep.equal({ language: 'fr', source: 'default' });
  });

  it('is never a language the service cannot write', () => {
    // Swedish, which the detector knows but no language file has texts for.
    expect(
      detectLanguage(
        'Hej alla! Vi vill starta en regelbunden träff i Stockholm och hoppas att ni vill vara med.',
        LANGUAGES,
      ),
    ).to.not.equal('sv');
  });
});
