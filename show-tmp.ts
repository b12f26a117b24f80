import { formats } from './src/engine/formats';
import { localFormat } from './src/i18n/formats';
import { render } from './src/slack/outbound/render';
import { tableFor, playWhole } from './test/i18n/play';
import { refusalText } from './src/slack/refusals';
const lang = process.argv[2] ?? 'de';
const english = formats.require(process.argv[3] ?? 'agile-intervision');
const format = localFormat(english, lang);
const t = tableFor(english, 'live', lang);
const texts = (p: unknown): string[] => { const out: string[] = []; const walk = (v: unknown) => { if (Array.isArray(v)) v.forEach(walk); else if (v && typeof v === 'object') { const r = v as Record<string, unknown>; if ((r.type === 'plain_text' || r.type === 'mrkdwn') && typeof r.text === 'string') out.push(r.text); Object.values(r).forEach(walk); } }; walk(p); return out; };
let n = 0;
playWhole(t, format, () => {
  n++;
  if (n === 2 || n === 12 || n === 20) {
    console.log('--- CARD', texts(render.card(t.session, format, t.now)).join('\n'));
    for (const m of render.step(t.session, format, t.session.current?.id ?? '', t.now, false)) console.log('--- STEP', texts(m.payload).join('\n'));
  }
}, () => { console.log('--- COPY', texts(render.presenterCopy(t.session, format)).join('\n').slice(0, 1500)); });
console.log(refusalText(lang, english, { key: 'presenterListens', params: { presenter: { role: 'presenter' }, member: { role: 'member' }, inputs: { input: 'observations' } } }));
console.log(refusalText(lang, english, { key: 'tooFewReady', params: { count: 2, ready: 1, member: { role: 'member' } } }));
console.log(refusalText(lang, english, { key: 'onlyFacilitator.start', params: { facilitator: { role: 'facilitator', user: 'U0F' } } }));
console.log(refusalText(lang, english, { key: 'empty', params: { what: { input: 'observations' } } }));
