import { expect } from 'chai';
import { categoryDescription, openedConfirmation } from '../../../src/texts/messages.js';
import { catalog, CATEGORY, COMPLETE, contextFor, proposalOf, rules } from '../../support/texts.js';

/** The community's names reach every language's texts as arguments (config/languages/<code>/messages.json). */
describe("the community's names in the texts", () => {
  const acme = { ...rules, community: { name: 'Acme', portal: { name: 'Acme Hub', url: 'https://hub.acme.example' } } };
  const opened = proposalOf(COMPLETE, 'opened');

  for (const language of [...catalog.messages.keys()].sort()) {
    it(`${language}: the About text and the portal to-do name the community and its portal, not Mautic`, () => {
      const ctx = contextFor(language, { rules: { ...acme, texts: { ...acme.texts, defaultLanguage: language } } });
      const about = categoryDescription(opened, ctx);
      expect(about.split('\n')[0])
        .to.include('Acme')
        .and.not.match(/mautic/i);
      const confirmation = openedConfirmation(opened, { ...CATEGORY, name: 'Acme Meetup Berlin' }, ctx);
      expect(confirmation).to.include('[Acme Hub](https://hub.acme.example)');
    });
  }

  it('a community without a portal gets the confirmation without a to-do', () => {
    const ctx = contextFor('en', { rules: { ...acme, community: { name: 'Acme', portal: null } } });
    const confirmation = openedConfirmation(opened, { ...CATEGORY, name: 'Acme Meetup Berlin' }, ctx);
    expect(confirmation.split('\n')).to.have.length(2);
    expect(confirmation).not.to.include('- [ ]');
  });
});
