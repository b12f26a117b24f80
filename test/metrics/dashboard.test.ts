/**
 * The Grafana dashboard (docs/grafana/intervision-dashboard.json) and the
 * alerts in docs/operations.md ask only for metrics the bot serves: a metric
 * renamed in the code and not in the docs fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { prometheusMetrics } from '../../src/metrics/prometheus';

const root = path.resolve(__dirname, '../..');

/** The metric names a text asks for, without the histogram suffixes. */
function askedFor(text: string): string[] {
  return [...new Set([...text.matchAll(/\bintervision_[a-z0-9_]*[a-z0-9]\b/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')))];
}

it('the dashboard is importable JSON whose every query names a metric the bot serves', async () => {
  const dashboard = JSON.parse(readFileSync(path.join(root, 'docs/grafana/intervision-dashboard.json'), 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }>; __inputs: unknown[] };
  expect(dashboard.__inputs).toHaveLength(1);
  const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
  expect(exprs.length).toBeGreaterThan(15);
  const { body } = await prometheusMetrics().scrape();
  const served = new Set([...body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
  const asked = askedFor(exprs.join('\n'));
  expect(asked.filter((name) => !served.has(name))).toEqual([]);
});

it('every metric named in docs/operations.md is served, and every metric served by the bot itself is described there', async () => {
  const operations = readFileSync(path.join(root, 'docs/operations.md'), 'utf8');
  const { body } = await prometheusMetrics({ processMetrics: false }).scrape();
  const served = [...body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1] ?? '');
  const withProcess = new Set([...(await prometheusMetrics().scrape()).body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
  expect(askedFor(operations).filter((name) => !withProcess.has(name))).toEqual([]);
  expect(served.filter((name) => !operations.includes(name))).toEqual([]);
});
