import { expect } from 'chai';
import { parseSignatureHeader, signatureMatches } from '../../src/http/signature.js';
import { contentKey } from '../../src/http/webhook.js';
import { fixtureNames, RECORDED_SECRET, recordedFixture, sign } from '../support/fixtures.js';

describe('webhook signature', () => {
  it("matches Discourse's own test vector (emit_web_hook_event_spec.rb)", () => {
    const expected = 'sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6';
    expect(sign('{"ping":"OK"}', 'my_lovely_secret_for_web_hook')).to.equal(expected);
    const parsed = parseSignatureHeader(expected)!;
    expect(signatureMatches(parsed, Buffer.from('{"ping":"OK"}'), ['my_lovely_secret_for_web_hook'])).to.equal(true);
  });

  it("matches GitHub's documented vector, which uses the same sha256= format", () => {
    expect(sign('Hello, World!', "It's a Secret to Everybody")).to.equal(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  for (const name of fixtureNames()) {
    it(`verifies the recorded ${name} delivery over its exact bytes`, () => {
      const d = recordedFixture(name);
      const sig = parseSignatureHeader(d.headers['X-Discourse-Event-Signature'])!;
      expect(signatureMatches(sig, d.body, [RECORDED_SECRET])).to.equal(true);
      expect(signatureMatches(sig, d.body, ['another-secret'])).to.equal(false);
    });
  }

  it('rejects the body with one byte changed', () => {
    const d = recordedFixture('post_created');
    const changed = Buffer.from(d.body);
    changed[20] = changed[20]! ^ 1;
    const sig = parseSignatureHeader(d.headers['X-Discourse-Event-Signature'])!;
    expect(signatureMatches(sig, changed, [RECORDED_SECRET])).to.equal(false);
  });

  it('accepts a delivery signed with the previous secret during a rotation', () => {
    const body = Buffer.from('{"ping":"OK"}');
    const sig = parseSignatureHeader(sign(body, 'old-secret-123456'))!;
    expect(signatureMatches(sig, body, ['new-secret-abcdef', 'old-secret-123456'])).to.equal(true);
    expect(signatureMatches(sig, body, ['new-secret-abcdef'])).to.equal(false);
  });

  const malformed: Array<[string, string | string[] | undefined]> = [
    ['no header', undefined],
    ['empty header', ''],
    ['no sha256= prefix', '162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6'],
    ['another algorithm', 'sha1=162f107f6b5022353274eb1a7197885cfd35744d'],
    ['truncated hex', 'sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7'],
    ['too long', 'sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d600'],
    ['non-hex characters', 'sha256=zz2f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6'],
    ['repeated header', ['sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6', 'x']],
  ];
  for (const [what, value] of malformed) {
    it(`treats ${what} as no signature`, () => {
      expect(parseSignatureHeader(value)).to.equal(null);
    });
  }
});

describe('delivery content key', () => {
  // Known answer from `printf '{"post":{"id":1}}' | openssl dgst -sha256 -hmac test-secret`:
  // the key of a stored delivery must not change with the code that computes it, or a
  // redelivery after an upgrade would be a new job.
  const body = Buffer.from('{"post":{"id":1}}');
  const signature = parseSignatureHeader(sign(body, 'test-secret'))!;

  it("is the event name and the verified signature, the body's HMAC under the forum's secret", () => {
    expect(contentKey('post_created', signature)).to.equal(
      'post_created-e0af4852c0d216a3e31f91bba806143db81ad7cd73915bc4cccbb668fb29b233',
    );
  });

  it('differs between events with the same body, and does not depend on how the header spelled the hex', () => {
    expect(contentKey('post_edited', signature)).to.not.equal(contentKey('post_created', signature));
    const upper = parseSignatureHeader(sign(body, 'test-secret').toUpperCase().replace('SHA256=', 'sha256='))!;
    expect(contentKey('post_created', upper)).to.equal(contentKey('post_created', signature));
  });
});
