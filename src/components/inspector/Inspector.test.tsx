// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createLabStore, type LabStore } from '../../store/labStore.ts';
import { LabProvider } from '../../store/context.tsx';
import type { Lang } from '../../i18n/index.ts';
import { ConntrackTable } from './ConntrackTable.tsx';
import { NatCard } from './NatCard.tsx';
import { PacketInspector } from './PacketInspector.tsx';

const host = { now: () => 0, requestFrame: () => 0, cancelFrame: () => {} };
const scenario = {
  servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
  requests: [{ at: 0, client: '203.0.113.10', path: '/search', serviceMs: 30 }],
};

function setup(lang: Lang = 'en'): LabStore {
  const store = createLabStore({ lang, scenario, host });
  render(
    <LabProvider store={store}>
      <PacketInspector />
      <NatCard />
      <ConntrackTable />
    </LabProvider>,
  );
  return store;
}

afterEach(cleanup);

describe('inspector panels', () => {
  it('offers the latest request when nothing is selected', () => {
    const store = setup();
    const region = screen.getByRole('region', { name: 'Packet inspector' });
    const latest = within(region).getByRole('button', { name: 'Inspect the latest request' });
    expect(latest).toHaveProperty('disabled', true);
    act(() => store.getState().seek(store.getState().trace.end));
    expect(latest).toHaveProperty('disabled', false);
    fireEvent.click(latest);
    expect(store.getState().selected).toBe(1);
  });

  it('shows the header the packet carries at each hop, and marks that hop', () => {
    const store = setup();
    const r = store.getState().trace.records[0]!;
    act(() => store.getState().select(r.id));
    const region = screen.getByRole('region', { name: 'Packet inspector' });
    expect(within(region).getByText('GET /search HTTP/1.1')).toBeTruthy();
    for (const [i, hop] of r.hops.entries()) {
      act(() => store.getState().seek(hop.at));
      const h = hop.out ?? hop.in!;
      expect(within(region).getByTestId('inspector-src').textContent).toBe(h.src);
      expect(within(region).getByTestId('inspector-dst').textContent).toBe(h.dst);
      const rows = [...region.querySelectorAll('tr.insp-hop')];
      expect(rows.findIndex((row) => row.getAttribute('aria-current') === 'step')).toBe(i);
    }
  });

  it('jumps to a hop from its row, and lists the flow in the NAT table only while open', () => {
    const store = setup();
    const r = store.getState().trace.records[0]!;
    act(() => store.getState().select(r.id));
    const nat = screen.getByRole('region', { name: 'NAT table' });
    expect(within(nat).getByText('No flow is open right now.')).toBeTruthy();
    const lbHop = r.hops[1]!;
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`^Jump to ${lbHop.at.toFixed(1)} ms: lb1`) }));
    expect(store.getState().time).toBe(lbHop.at);
    expect(within(nat).getByText(r.nat!.client)).toBeTruthy();
    expect(within(nat).getByRole('button', { name: 'Inspect request #1' })).toBeTruthy();
    const card = screen.getByRole('region', { name: 'Address rewrite (NAT)' });
    expect(within(card).getByTestId('nat-caption').textContent).toBe(
      `Request: destination rewritten VIP → s1 (10.0.0.11:8080); source rewritten client → VIP (${r.nat!.local})`,
    );
    act(() => store.getState().seek(r.hops[4]!.at));
    expect(within(nat).queryByText(r.nat!.client)).toBeNull();
    expect(within(card).getByTestId('nat-caption').textContent).toBe(
      `Response: source rewritten s1 → VIP (198.51.100.1:80); destination rewritten VIP → client (${r.nat!.client})`,
    );
  });

  it('speaks Korean', () => {
    const store = setup('ko');
    act(() => {
      store.getState().select(1);
      store.getState().seek(store.getState().trace.records[0]!.hops[1]!.at);
    });
    const region = screen.getByRole('region', { name: '패킷 검사기' });
    expect(within(region).getByText('출발지')).toBeTruthy();
    expect(within(region).getByText('목적지')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'NAT 테이블' })).toBeTruthy();
  });
});
