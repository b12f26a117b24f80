import enBoard from './locales/en/board.json';
import enCard from './locales/en/card.json';
import enCommon from './locales/en/common.json';
import enCopy from './locales/en/copy.json';
import enDms from './locales/en/dms.json';
import enForm from './locales/en/form.json';
import enHome from './locales/en/home.json';
import enModals from './locales/en/modals.json';
import enNotices from './locales/en/notices.json';
import enRefusals from './locales/en/refusals.json';
import enReplies from './locales/en/replies.json';
import enStep from './locales/en/step.json';
import deBoard from './locales/de/board.json';
import deCard from './locales/de/card.json';
import deCommon from './locales/de/common.json';
import deCopy from './locales/de/copy.json';
import deDms from './locales/de/dms.json';
import deForm from './locales/de/form.json';
import deHome from './locales/de/home.json';
import deModals from './locales/de/modals.json';
import deNotices from './locales/de/notices.json';
import deRefusals from './locales/de/refusals.json';
import deReplies from './locales/de/replies.json';
import deStep from './locales/de/step.json';
import nlBoard from './locales/nl/board.json';
import nlCard from './locales/nl/card.json';
import nlCommon from './locales/nl/common.json';
import nlCopy from './locales/nl/copy.json';
import nlDms from './locales/nl/dms.json';
import nlForm from './locales/nl/form.json';
import nlHome from './locales/nl/home.json';
import nlModals from './locales/nl/modals.json';
import nlNotices from './locales/nl/notices.json';
import nlRefusals from './locales/nl/refusals.json';
import nlReplies from './locales/nl/replies.json';
import nlStep from './locales/nl/step.json';

/**
 * The catalogs, by language and namespace: one JSON file each in
 * locales/<language>/<namespace>.json. English is the reference: the keys a
 * sentence can be asked for are the English catalog's (`Key`), and every
 * other language must have exactly these keys and placeholders
 * (test/i18n/parity.test.ts).
 */

const en = {
  common: enCommon,
  card: enCard,
  step: enStep,
  board: enBoard,
  modals: enModals,
  form: enForm,
  dms: enDms,
  notices: enNotices,
  copy: enCopy,
  home: enHome,
  refusals: enRefusals,
  replies: enReplies,
};

export type Namespace = keyof typeof en;
export const NAMESPACES = Object.keys(en) as Namespace[];

/** A catalog: nested objects of sentences. */
export type Catalog = { [key: string]: string | Catalog };

/** The English catalogs: the reference every other language mirrors. */
export const ENGLISH: Record<Namespace, Catalog> = en;

const de: Record<Namespace, Catalog> = {
  common: deCommon,
  card: deCard,
  step: deStep,
  board: deBoard,
  modals: deModals,
  form: deForm,
  dms: deDms,
  notices: deNotices,
  copy: deCopy,
  home: deHome,
  refusals: deRefusals,
  replies: deReplies,
};

const nl: Record<Namespace, Catalog> = {
  common: nlCommon,
  card: nlCard,
  step: nlStep,
  board: nlBoard,
  modals: nlModals,
  form: nlForm,
  dms: nlDms,
  notices: nlNotices,
  copy: nlCopy,
  home: nlHome,
  refusals: nlRefusals,
  replies: nlReplies,
};

export const RESOURCES: Record<string, Record<Namespace, Catalog>> = { en, de, nl };

/** A key without its plural suffix: "counted_one" and "counted_other" are asked for as "counted". */
type Singular<K extends string> = K extends `${infer Base}_one` ? Base : K extends `${infer Base}_other` ? Base : K;

/** The dotted paths of a catalog's sentences. */
type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${Singular<K>}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every sentence the bot can say: "namespace:path.to.key". */
export type Key = { [N in Namespace]: `${N}:${Paths<(typeof en)[N]>}` }[Namespace];
