import { expect } from 'chai';
import { burstVerdict, ingestVerdict, lifecycleVerdict, proposalVerdict, replyVerdict } from '../../bench/support.js';

/** The benchmark's verdict must say what the bars say, for each bar apart. */
describe('ingest benchmark: the verdict line (bench/support.ts ingestVerdict)', () => {
  it('says met when both ratios reach 0.45 and the median p99 at 200 is under 50 ms, and shows the worst round beside it', () => {
    expect(ingestVerdict('in-process', { ratio50: 0.54, ratio200: 0.6, p99At200: 32, worstP99At200: 37 })).to.equal(
      'in-process: ratio 0.54 at 50 and 0.60 at 200 (≥ 0.45: met); p99 at 200 32 ms (< 50: met; worst round 37 ms)',
    );
  });

  it('says NOT met for a ratio under 0.45 at either connection count, and for a p99 of 50 ms or more', () => {
    const line = ingestVerdict('Redis (fsync always)', {
      ratio50: 0.55,
      ratio200: 0.43,
      p99At200: 50,
      worstP99At200: 117,
    });
    expect(line).to.equal(
      'Redis (fsync always): ratio 0.55 at 50 and 0.43 at 200 (≥ 0.45: NOT met); p99 at 200 50 ms (< 50: NOT met; worst round 117 ms)',
    );
    expect(ingestVerdict('x', { ratio50: 0.44, ratio200: 0.9, p99At200: 10, worstP99At200: 10 })).to.match(
      /\(≥ 0\.45: NOT met\); p99 at 200 10 ms \(< 50: met;/,
    );
  });
});

describe('burst benchmark: the verdict line (bench/support.ts burstVerdict)', () => {
  it('says met for far fewer calls than deliveries within the budget, and NOT met for each bar missed', () => {
    expect(burstVerdict('in-process', { perDelivery: 0.0021, maxPerMinute: 21, budget: 50 })).to.equal(
      'in-process: 0.0021 forum calls per delivery (< 0.05: met); at most 21 in a minute (≤ budget 50: met)',
    );
    expect(burstVerdict('Redis', { perDelivery: 0.05, maxPerMinute: 51, budget: 50 })).to.equal(
      'Redis: 0.0500 forum calls per delivery (< 0.05: NOT met); at most 51 in a minute (≤ budget 50: NOT met)',
    );
  });
});

describe('reading benchmark: the verdict lines (bench/support.ts replyVerdict, proposalVerdict)', () => {
  it('says met for each reply bar reached, and NOT met for each one missed', () => {
    expect(
      replyVerdict('fresh-2', {
        precision: 0.96,
        recall: 0.9,
        weakest: { language: 'pt', recall: 0.85 },
        unsure: 0.1,
      }),
    ).to.equal(
      'fresh-2: precision 0.960 (≥ 0.95: met); recall 0.900 (≥ 0.9: met); weakest language pt 0.850 (≥ 0.85: met); unsure 0.100 (≤ 0.1: met)',
    );
    const line = replyVerdict('x', {
      precision: 0.949,
      recall: 0.899,
      weakest: { language: 'en', recall: 0.84 },
      unsure: 0.101,
    });
    expect(line.match(/NOT met/g)).to.have.length(4);
  });

  it('says met or NOT met for each proposal field against its own bar', () => {
    expect(proposalVerdict('fresh-2', { region: 0.95, venue: 0.899, launchDate: 0.96, schedule: 0.92 })).to.equal(
      'fresh-2: region 0.950 (≥ 0.95: met); venue 0.899 (≥ 0.9: NOT met); launchDate 0.960 (≥ 0.95: met); schedule 0.920 (≥ 0.92: met)',
    );
  });
});

describe('lifecycle benchmark: the verdict line (bench/support.ts lifecycleVerdict)', () => {
  it('says met when every steady check needs less than checkEvery at the budget, and shows the first check unjudged', () => {
    expect(
      lifecycleVerdict({
        budget: 50,
        checkEveryMinutes: 60,
        first: { calls: 525 },
        steady: [
          { pass: '(b)', calls: 30 },
          { pass: 'day 90', calls: 649 },
          { pass: '(c)', calls: 26 },
        ],
      }),
    ).to.equal(
      'first check: 525 calls = 10.5 min at 50/min, within one checkEvery (60 min) (not judged); ' +
        'steady checks: 3, the heaviest day 90: 649 calls = 13.0 min at 50/min (< checkEvery 60 min: met)',
    );
  });

  it('says NOT met when a steady check needs checkEvery or more, naming every one over, and what a long first check means', () => {
    expect(
      lifecycleVerdict({
        budget: 50,
        checkEveryMinutes: 60,
        first: { calls: 4005 },
        steady: [
          { pass: '(b)', calls: 2999 },
          { pass: 'day 90', calls: 3000 },
          { pass: '(c)', calls: 3100 },
        ],
      }),
    ).to.equal(
      'first check: 4005 calls = 80.1 min at 50/min, not within one checkEvery (60 min): its calls still wait for the budget when the next check starts (not judged); ' +
        'steady checks: 3, the heaviest (c): 3100 calls = 62.0 min at 50/min (< checkEvery 60 min: NOT met; 2 of 3 over: day 90, (c))',
    );
    expect(lifecycleVerdict({ budget: 50, checkEveryMinutes: 60, first: { calls: 10 }, steady: [] })).to.match(
      /no steady check measured: NOT met$/,
    );
  });

  it('judges a measured check that stands for several hourly ones by what each pays and its share of the rest', () => {
    const figures = (calls: number) => ({
      budget: 50,
      checkEveryMinutes: 60,
      first: { calls: 700 },
      steady: [
        { pass: '(b)', calls: 150 },
        { pass: '(c)', calls: 30 },
        { pass: 'day 3', calls, checks: 24 },
      ],
    });
    // 30 calls every check makes, and (4,830 - 30) / 24 = 200 more each.
    expect(lifecycleVerdict(figures(4830))).to.equal(
      'first check: 700 calls = 14.0 min at 50/min, within one checkEvery (60 min) (not judged); ' +
        'steady checks: 3, the heaviest day 3: 4830 calls for 24 checks (30 each, the rest shared), 230 calls = 4.6 min at 50/min a check (< checkEvery 60 min: met)',
    );
    expect(lifecycleVerdict(figures(72_000))).to.match(
      /day 3: 72000 calls for 24 checks \(30 each, the rest shared\), 3029 calls = 60\.6 min .*NOT met; 1 of 3 over: day 3\)$/,
    );
    expect(lifecycleVerdict(figures(2000)), 'under (b) per check: (b) is the heaviest').to.match(
      /the heaviest \(b\): 150 calls/,
    );
  });
});
