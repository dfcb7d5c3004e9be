import { expect } from 'chai';
import { parseRulesConfig } from '../../src/config/rules-config.js';
import { CategoryDirectory, CategoryNotFoundError, findCategory, resolveTree } from '../../src/forum/categories.js';
import type { CategoryInfo } from '../../src/forum/client.js';
import { SITE_CATEGORIES } from '../support/forum-data.js';

const all: CategoryInfo[] = SITE_CATEGORIES.map((c) => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  parentId: c.parent_category_id,
}));
const forum = parseRulesConfig({}).forum;

describe('category tree', () => {
  it('finds a category by id, slug or name in any case', () => {
    expect(findCategory(all, 55)?.slug).to.equal('international-by-country');
    expect(findCategory(all, 'international-by-country')?.id).to.equal(55);
    expect(findCategory(all, 'international - by country')?.id).to.equal(55);
    expect(findCategory(all, 'Nowhere')).to.equal(undefined);
  });

  it('watches the whole tree under the watched category, and lists existing meetups', () => {
    const tree = resolveTree(all, forum);
    expect([...tree.watched].sort((a, b) => a - b)).to.deep.equal([55, 61, 62]);
    expect(tree.meetupsRoot?.id).to.equal(7);
    expect(tree.meetups.map((c) => c.name)).to.deep.equal(['Mautic Meetup Munich']);
  });

  it('watches grandchildren too', () => {
    const deeper = [...all, { id: 70, name: 'Bavaria', slug: 'bavaria', parentId: 61 }];
    expect(resolveTree(deeper, forum).watched.has(70)).to.equal(true);
  });

  it('knows the country category of a thread in it or further down, and none for the watched root', () => {
    const deeper = [...all, { id: 70, name: 'Bavaria', slug: 'bavaria', parentId: 61 }];
    const tree = resolveTree(deeper, forum);
    const germany = all.find((c) => c.id === 61)!.name;
    expect(tree.countryOf.get(61)?.name).to.equal(germany);
    expect(tree.countryOf.get(70)?.name).to.equal(germany);
    expect(tree.countryOf.has(55)).to.equal(false);
    expect(tree.countryOf.has(7)).to.equal(false);
  });

  it('says how to fix a watched category that is not on the forum', () => {
    expect(() => resolveTree(all, { ...forum, watchedCategory: 'Meetup Proposals' }))
      .to.throw(CategoryNotFoundError)
      .with.property('message')
      .that.matches(/watched category "Meetup Proposals" is not on the forum; set forum\.watchedCategory/);
  });

  it('asks the forum once for concurrent readers, again after an hour or a category event', async () => {
    let now = 0;
    let calls = 0;
    const dir = new CategoryDirectory(
      async () => (calls++, all),
      forum,
      () => now,
    );
    expect(dir.cached()).to.equal(null);
    await Promise.all([dir.tree(), dir.tree(), dir.tree()]);
    expect(calls).to.equal(1);
    now = 59 * 60_000;
    await dir.tree();
    expect(calls).to.equal(1);
    now = 61 * 60_000;
    await dir.tree();
    expect(calls).to.equal(2);
    dir.invalidate();
    expect(dir.cached()).not.to.equal(null);
    await dir.tree();
    expect(calls).to.equal(3);
  });
});
