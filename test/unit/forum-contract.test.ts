import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { DISAGREEMENTS, ForumContract, OPENAPI_FILE, OPENAPI_SOURCE, UNDESCRIBED } from '../support/forum-contract.js';
import { SITE_JSON } from '../support/forum-data.js';

const HEADERS = { 'api-key': 'k', 'api-username': 'system' };

describe("forum calls against Discourse's OpenAPI document (test/support/forum-contract.ts)", function () {
  // Each operation's schemas are compiled when first met: a few seconds on a busy machine.
  this.timeout(20_000);
  const contract = ForumContract.fromFile();
  afterEach(() => void contract.takeProblems());

  it('keeps the document byte for byte as the named commit of discourse/discourse_api_docs has it', () => {
    expect(execFileSync('git', ['hash-object', OPENAPI_FILE], { encoding: 'utf8' }).trim()).to.equal(
      OPENAPI_SOURCE.blob,
    );
    const page = readFileSync('docs/spec/discourse-contract.md', 'utf8');
    expect(page).to.include(OPENAPI_SOURCE.commit).and.include(OPENAPI_SOURCE.blob);
  });

  it('names in docs/spec/discourse-contract.md §10 every call it lets through undescribed and every disagreement it allows', () => {
    const page = readFileSync('docs/spec/discourse-contract.md', 'utf8');
    const section = page.slice(page.indexOf('## 10.'));
    const undescribed = section.slice(section.indexOf('### 10.1'), section.indexOf('### 10.2'));
    const disagreements = section.slice(section.indexOf('### 10.2'));
    for (const { operation } of UNDESCRIBED) expect(undescribed, operation).to.include(`\`${operation}\``);
    for (const { operation } of DISAGREEMENTS) expect(disagreements, operation).to.include(`\`${operation}\``);
  });

  it('takes the calls the service makes, as it makes them', () => {
    contract.request('GET', '/site.json', '');
    contract.request('GET', '/t/27341.json?include_raw=true', '', HEADERS);
    contract.request('GET', '/t/27341/posts.json?post_ids[]=1&post_ids[]=2&include_raw=true', '', HEADERS);
    contract.request('GET', '/t/external_id/meetup-companion-prompt-1.json', '');
    contract.request('POST', '/posts.json', JSON.stringify({ raw: 'A reply long enough', topic_id: 27341 }));
    contract.request(
      'POST',
      '/posts.json',
      JSON.stringify({
        raw: 'Please approve',
        title: 'Meetup proposal',
        archetype: 'private_message',
        target_recipients: 'moderators',
        external_id: 'meetup-companion-prompt-1',
      }),
    );
    contract.request('PUT', '/posts/5.json', JSON.stringify({ post: { raw: 'new', edit_reason: 'why' } }));
    contract.request(
      'POST',
      '/categories.json',
      JSON.stringify({
        name: 'Mautic Meetup Leipzig',
        slug: 'leipzig',
        color: '0E76BD',
        text_color: 'FFFFFF',
        parent_category_id: 7,
        permissions: { everyone: 1 },
      }),
    );
    contract.request('GET', '/u/jana.schmidt.json', '', HEADERS);
    contract.request('GET', '/c/germany/61.json?page=0', '');
    contract.request('GET', '/groups/moderators.json', '');
    contract.request('GET', '/session/current.json', '');
    expect(contract.takeProblems()).to.deep.equal([]);
  });

  it('refuses what the document does not allow, saying what', () => {
    contract.request('GET', '/t/27341/replies.json', '');
    contract.request('POST', '/posts.json', JSON.stringify({ topic_id: '27341', description: 'x' }));
    contract.request('PUT', '/posts/5.json', JSON.stringify({ post: { edit_reason: 'why' } }));
    contract.request('GET', '/t/27341.json?print=true', '', HEADERS);
    contract.request('GET', '/t/27341.json', '');
    contract.request('GET', '/c/germany/sixty-one.json', '');
    contract.request('GET', '/t/27341/posts.json?post_ids[]=first', '', HEADERS);
    expect(contract.takeProblems()).to.deep.equal([
      'GET /t/27341/replies.json: no such operation in the OpenAPI document, and not listed as undescribed',
      "POST /posts.json (POST /posts.json): body / must have required property 'raw'; / must NOT have additional properties (description); /topic_id must be integer",
      "PUT /posts/5.json (PUT /posts/{id}.json): body /post must have required property 'raw'",
      'GET /t/27341.json?print=true (GET /t/{id}.json): query parameter print is not in the document',
      'GET /t/27341.json (GET /t/{id}.json): header Api-Key is missing',
      'GET /t/27341.json (GET /t/{id}.json): header Api-Username is missing',
      'GET /c/germany/sixty-one.json (GET /c/{slug}/{id}.json): path parameter id "sixty-one"',
      'GET /t/27341/posts.json?post_ids[]=first (GET /t/{id}/posts.json): query post_ids[]=first is not {"type":"integer"}',
    ]);
  });

  it("checks a stand-in's answer field by field: a field the document does not name, or of another type", () => {
    contract.answer('GET', '/site.json', 200, JSON.stringify(SITE_JSON));
    expect(contract.takeProblems(), 'the canned /site.json of the tests').to.deep.equal([]);
    contract.answer(
      'GET',
      '/site.json',
      200,
      JSON.stringify({ categories: [{ id: 4, name: 'Support', slug: 'support', parent_category_id: null }] }),
    );
    contract.answer('PUT', '/posts/5.json', 200, JSON.stringify({ post: { id: 5, topic_title: 'webhook only' } }));
    expect(contract.takeProblems()).to.deep.equal([
      'GET /site.json answered 200: /categories/0/parent_category_id must be integer',
      'PUT /posts/5.json answered 200: /post must NOT have additional properties (topic_title)',
    ]);
  });
});
