import { noMetrics, type Census } from '../../src/metrics/metrics';
import { prometheusMetrics } from '../../src/metrics/prometheus';

const CENSUS: Census = {
  sessions: [{ format: 'progress-focused', mode: 'live', phase: 'tips', count: 2 }],
  outbox: { sessions: 1, entries: 3, oldestAt: 1_000 },
};

describe('the Prometheus metrics', () => {
  it('a label value that is not a known kind of name is reported as "other": an id or a text never becomes a label', async () => {
    const metrics = prometheusMetrics({ processMetrics: false });
    metrics.slackCall('chat.postMessage', 'channel_not_found', 0.1);
    metrics.slackCall('U0ALICE', 'ok', 0.1);
    metrics.slackCall('chat.update', 'Someone wrote this', 0.1);
    metrics.ack('C0123ABC', 0.01);
    metrics.effectLag('dm', 1);
    const { body } = await metrics.scrape();
    expect(body).toContain('intervision_slack_api_calls_total{method="chat.postMessage",outcome="channel_not_found"} 1');
    expect(body).toContain('intervision_slack_api_calls_total{method="other",outcome="ok"} 1');
    expect(body).toContain('intervision_slack_api_calls_total{method="chat.update",outcome="other"} 1');
    expect(body).toContain('intervision_ack_seconds_count{kind="other"} 1');
    expect(body).not.toContain('U0ALICE');
    expect(body).not.toContain('C0123ABC');
    expect(body).not.toContain('Someone wrote this');
  });

  it("reads the store's census when scraped, at most once every ten seconds, and ages the oldest effect by the clock", async () => {
    let now = 61_000;
    let reads = 0;
    const metrics = prometheusMetrics({ processMetrics: false, now: () => now });
    metrics.readCensusWith(async () => {
      reads += 1;
      return CENSUS;
    });
    const first = (await metrics.scrape()).body;
    expect(first).toContain('intervision_sessions{format="progress-focused",mode="live",phase="tips"} 2');
    expect(first).toContain('intervision_outbox_entries 3');
    expect(first).toContain('intervision_outbox_sessions 1');
    expect(first).toContain('intervision_outbox_oldest_age_seconds 60');
    now += 5_000;
    await metrics.scrape();
    expect(reads).toBe(1);
    now += 5_000;
    expect((await metrics.scrape()).body).toContain('intervision_outbox_oldest_age_seconds 70');
    expect(reads).toBe(2);
  });

  it('a census that cannot be read is counted, and the scrape still answers', async () => {
    const metrics = prometheusMetrics({ processMetrics: false });
    metrics.readCensusWith(async () => {
      throw new Error('the store does not answer');
    });
    const { body } = await metrics.scrape();
    expect(body).toContain('intervision_census_errors 1');
    expect(body).toContain('intervision_outbox_entries 0');
  });

  it('two bots in one process keep their own figures (no global registry)', async () => {
    const one = prometheusMetrics({ processMetrics: false });
    const two = prometheusMetrics({ processMetrics: false });
    one.purge('started');
    expect((await one.scrape()).body).toContain('intervision_purges_total{stage="started"} 1');
    expect((await two.scrape()).body).not.toContain('intervision_purges_total{stage="started"}');
  });

  it('with METRICS off nothing is kept and nothing is served', async () => {
    noMetrics.ack('command', 1);
    expect(noMetrics.enabled).toBe(false);
    expect((await noMetrics.scrape()).body).toBe('');
  });
});
