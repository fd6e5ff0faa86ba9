// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import classroom from '../../scenarios/classroom.json';
import type { Lang } from '../../i18n/index.ts';
import { lessonById } from '../../lessons/index.ts';
import { applyStep } from '../../lessons/run.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { LabProvider } from '../../store/context.tsx';
import { createLabStore, type LabStore } from '../../store/labStore.ts';
import { Hideable } from '../classroom/Hideable.tsx';
import { NatCard } from '../inspector/NatCard.tsx';
import { PacketInspector } from '../inspector/PacketInspector.tsx';
import { LessonPanel } from './LessonPanel.tsx';

const host = { now: () => 0, requestFrame: () => 0, cancelFrame: () => {} };
const nat = lessonById('nat')!;

function setup(lang: Lang): LabStore {
  const store = createLabStore({ lang, scenario: classroom as ScenarioInput, host });
  render(
    <LabProvider store={store}>
      <LessonPanel />
      <NatCard />
      <Hideable id="inspector">
        <PacketInspector />
      </Hideable>
    </LabProvider>,
  );
  return store;
}

/** Opens the NAT lesson at step `k` (0-based), the steps before it first, as a student would. */
async function open(store: LabStore, k: number) {
  for (let i = 0; i <= k; i++)
    await act(async () => {
      expect(await applyStep(store, nat, i)).toBeNull();
    });
}

beforeEach(() => {
  // jsdom lays nothing out: scrolling is a no-op here (the e2e tests hold where things land).
  window.scrollBy = vi.fn() as typeof window.scrollBy;
  Element.prototype.scrollIntoView = vi.fn();
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
  })) as unknown as typeof window.matchMedia;
});
afterEach(cleanup);

describe('the NAT lesson shows the moment it names', () => {
  for (const [lang, response, request] of [
    ['en', 'Response', 'Request'],
    ['ko', '응답', '요청'],
  ] as const) {
    it(`its response step opens on the response's rewrite, before any "Show me" (${lang})`, async () => {
      const store = setup(lang);
      const k = nat.steps.findIndex((s) => s.title.en === 'At the balancer: the response');
      expect(k).toBeGreaterThan(0);
      expect(nat.steps[k]!.quiz).toBeUndefined();
      await open(store, k - 1);
      // The step before asks where the answer goes: the card still shows the request's rewrite.
      const card = screen.getByRole('region', { name: lang === 'en' ? 'Address rewrite (NAT)' : '주소 변환 (NAT)' });
      expect(card.querySelector('.nat-dir')!.textContent).toBe(request);
      await act(async () => {
        expect(await applyStep(store, nat, k)).toBeNull();
      });
      expect(card.querySelector('.nat-dir')!.textContent).toBe(response);
      expect(card.querySelector('h3')!.textContent).toContain('#1');
      await vi.waitFor(() => expect(card.classList.contains('lesson-highlight')).toBe(true));
    });
  }
});

describe('a lesson outlines only what is on screen', () => {
  for (const [lang, inspector, menu, show] of [
    ['en', 'Packet inspector', 'Panels', 'Show “Packet inspector”'],
    ['ko', '패킷 검사기', '패널', "'패킷 검사기' 보이기"],
  ] as const) {
    it(`says a panel is hidden instead of outlining it, and shows it on request (${lang})`, async () => {
      const store = setup(lang);
      act(() => store.getState().togglePanel('inspector'));
      await open(store, 0);
      const lesson = screen.getByRole('region', { name: lang === 'en' ? 'Lesson' : '수업' });
      const note = await vi.waitFor(() => {
        const li = lesson.querySelector('.lesson-missing li[data-target="inspector"]');
        expect(li).not.toBeNull();
        return li!;
      });
      expect(note.textContent).toContain(inspector);
      expect(note.textContent).toContain(menu);
      // What is outlined is named; the hidden panel is not among it.
      expect(lesson.querySelector('.hint')?.textContent ?? '').not.toContain(inspector);
      expect(document.querySelector('.insp-inspector')).toBeNull();
      fireEvent.click(within(lesson).getByRole('button', { name: show }));
      expect(store.getState().hidden).not.toContain('inspector');
      const panel = await screen.findByRole('region', { name: inspector });
      await vi.waitFor(() => expect(panel.classList.contains('lesson-highlight')).toBe(true));
      await vi.waitFor(() => expect(lesson.querySelector('.lesson-missing li[data-target="inspector"]')).toBeNull());
      expect(lesson.querySelector('.hint')?.textContent).toContain(inspector);
    });
  }

  it("keeps the step buttons apart from the words, with the quiz's Check among them", async () => {
    const store = setup('en');
    await open(store, 1);
    const nav = screen.getByRole('group', { name: 'Lesson steps' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label') ?? b.textContent),
    ).toEqual(['Back', 'Check', 'Next', 'Close lesson']);
    expect(nav.closest('.lesson-scroll')).toBeNull();
    const radios = screen.getAllByRole('radio');
    fireEvent.click(radios[0]!);
    fireEvent.click(within(nav).getByRole('button', { name: 'Check' }));
    expect(within(nav).getByRole('button', { name: 'Show me' })).toBe(document.activeElement);
  });
});
