// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createLabStore } from '../store/labStore.ts';
import { LabProvider } from '../store/context.tsx';
import { Notice } from './Notice.tsx';

const host = { now: () => 0, requestFrame: () => 0, cancelFrame: () => {} };
const scenario = { servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10' }] };

afterEach(cleanup);

describe('Notice', () => {
  it('shows a hostile message inside <bdi>, its bidirectional and control characters written out, wrapping anywhere', () => {
    const store = createLabStore({ lang: 'en', scenario, host });
    render(
      <LabProvider store={store}>
        <Notice />
      </LabProvider>,
    );
    const hostile = `"servers[0].\u202eevil\u2066" is not a field\u0007 ${'x'.repeat(5000)}`;
    act(() => store.getState().reportProblem({ en: hostile, ko: `한국어 ${hostile}` }));
    const status = screen.getByRole('status');
    const bdi = status.querySelector('.notice bdi');
    expect(bdi).not.toBeNull();
    const text = bdi!.textContent!;
    expect(text.startsWith('"servers[0].\\u202eevil\\u2066" is not a field\\u0007 xxx')).toBe(true);
    // oxlint-disable-next-line no-control-regex -- finding control characters is the point
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/);
    expect(text.length).toBeLessThanOrEqual(1001);
    const style = (bdi as HTMLElement).style;
    expect([style.overflowWrap, style.unicodeBidi, style.minWidth]).toEqual(['anywhere', 'isolate', '0px']);
    // The dismiss button stays outside the isolated text.
    expect(bdi!.querySelector('button')).toBeNull();
    act(() => store.getState().setLang('ko'));
    expect(status.querySelector('bdi')!.textContent!.startsWith('한국어 "servers[0].\\u202eevil')).toBe(true);
  });

  it('shows nothing when there is no notice', () => {
    const store = createLabStore({ lang: 'en', scenario, host });
    render(
      <LabProvider store={store}>
        <Notice />
      </LabProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
