// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createLabStore } from '../../store/labStore.ts';
import { LabProvider } from '../../store/context.tsx';
import { PcapButton } from './PcapButton.tsx';

const host = { now: () => 0, requestFrame: () => 0, cancelFrame: () => {} };
const scenario = { mode: 'L7' as const, servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10' }] };

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('PcapButton', () => {
  it('downloads the run in force as a pcap named after it, then lets the object URL go', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:http://localhost/pcap'));
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const store = createLabStore({ lang: 'en', scenario, host });
    await act(() => store.getState().settled());
    render(
      <LabProvider store={store}>
        <PcapButton />
      </LabProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download pcap' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe('load-balancer-lab-l7-round-robin.pcap');
    expect(clicked[0]!.href).toBe('blob:http://localhost/pcap');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0x4d, 0x3c, 0xb2, 0xa1]);
    expect(bytes.length).toBeGreaterThan(24 + 6 * 60); // the request's hops, at least
    expect(screen.getByRole('status').textContent).toMatch(/^Saved load-balancer-lab-l7-round-robin\.pcap \(\d+ packets\)\.$/);
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/pcap'), { timeout: 2000 });
  });

  it('is named in Korean too', () => {
    const store = createLabStore({ lang: 'ko', scenario, host });
    render(
      <LabProvider store={store}>
        <PcapButton />
      </LabProvider>,
    );
    expect(screen.getByRole('button', { name: 'pcap 내려받기' })).toBeDefined();
  });
});
