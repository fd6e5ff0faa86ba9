import { translateBoth } from '../i18n/index.ts';
import { lessonById } from '../lessons/index.ts';
import { echo, type Said } from '../sim/said.ts';
import type { LabStore } from '../store/labCore.ts';
import { checkLink, decodeState, encodeState, HASH_KEY, linkFromHash, type SharedState } from './shareState.ts';

// What the page loads on first use of a link, in one chunk.
export { checkLink };

/** The state of the page now, as a link would carry it. */
export function currentState(store: LabStore): SharedState {
  const s = store.getState();
  return {
    scenario: s.base,
    events: s.userEvents,
    time: s.clock.time,
    speed: s.speed,
    selected: s.selected,
    lang: s.lang,
    classroom: s.classroom,
    hidden: [...s.hidden],
    lesson: s.lesson,
  };
}

/**
 * A link that opens this page in its present state: once any run under way has landed, so that
 * an action just taken (a run still in the Worker) is in it.
 */
export async function linkTo(store: LabStore, base: string): Promise<string> {
  await store.getState().settled();
  const url = new URL(base);
  url.hash = `${HASH_KEY}=${await encodeState(currentState(store))}`;
  return url.href;
}

/**
 * A link to this moment that the page would open again, or why there is none (too large, for
 * one): the Share button and `lbLab.link()` both ask here, so neither hands out a link the page
 * would refuse.
 */
export async function checkedLinkTo(store: LabStore, base: string): Promise<{ ok: true; href: string } | { ok: false; problem: Said }> {
  const href = await linkTo(store, base);
  const problem = await checkLink(href);
  return problem ? { ok: false, problem } : { ok: true, href };
}

/**
 * Opens the state a URL fragment carries, if it carries one. A link that cannot be opened
 * leaves the page as it is and says why, in the page's language. Returns whether it opened one.
 */
export async function openFromHash(store: LabStore, hash: string, atStart: boolean): Promise<boolean> {
  const text = linkFromHash(hash);
  if (text === null) return false;
  const say = (problem: Said) => store.getState().reportProblem(translateBoth(atStart ? 'share.bad' : 'share.badKept', { problem }));
  const decoded = await decodeState(text);
  if (!decoded.ok) {
    say(decoded.problem);
    return false;
  }
  const state = decoded.state;
  const lesson = state.lesson && lessonById(state.lesson.id);
  if (state.lesson && (!lesson || state.lesson.step >= lesson.steps.length)) {
    const { id, step } = state.lesson;
    say({
      en: `it names a lesson step this version does not have (${echo(id)}, step ${step + 1})`,
      ko: `이 버전에 없는 수업 단계를 가리킵니다(${echo(id)}, ${step + 1}단계)`,
    });
    return false;
  }
  const problem = await store.getState().restore(state);
  if (problem) {
    say({ en: `its scenario: ${problem.en}`, ko: `시나리오 — ${problem.ko}` });
    return false;
  }
  return true;
}
