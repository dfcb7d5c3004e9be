import { expect } from 'chai';
import { generatedData } from '../../../src/config/generated.js';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { readReply, replyReader } from '../../../src/rules/reply.js';
import { REPLY_KINDS } from '../../support/reply-kinds.js';

const reader = replyReader(loadRulesConfig('config/default.json').interest, generatedData().replyModel);
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'];

describe('replies as people write them: each kind, in every language where it exists (test/support/reply-kinds.ts)', () => {
  for (const kind of [...new Set(REPLY_KINDS.map((c) => c.kind))]) {
    describe(kind, () => {
      it('has replies in all eight languages', () => {
        const languages = new Set(REPLY_KINDS.filter((c) => c.kind === kind).map((c) => c.language.split('-')[0]));
        for (const language of LANGUAGES) expect(languages.has(language), `${kind} in ${language}`).to.equal(true);
      });
      for (const c of REPLY_KINDS.filter((x) => x.kind === kind)) {
        it(`${c.language}: ${JSON.stringify(c.text)} → ${c.yes ? 'interest' : 'not interest'}`, () => {
          const read = readReply(c.text, reader);
          if (c.yes) expect(read).to.equal('interest');
          else expect(read).not.to.equal('interest');
        });
      }
    });
  }
});
