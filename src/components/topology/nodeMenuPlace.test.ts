import { describe, expect, it } from 'vitest';
import { placeCard } from './nodeMenuPlace.ts';

const card = { width: 240, height: 200 };

describe("where a node's card goes", () => {
  it('beside the node, on the right where there is room, centred on it', () => {
    expect(placeCard({ left: 500, top: 300, width: 100, height: 60 }, card, { width: 1280, height: 720 })).toEqual({ left: 610, top: 230 });
  });

  it('on the left of a node at the right edge', () => {
    expect(placeCard({ left: 1100, top: 300, width: 150, height: 60 }, card, { width: 1280, height: 720 })).toEqual({
      left: 850,
      top: 230,
    });
  });

  it('under the node on a phone, over it near the bottom, never out of the view', () => {
    const phone = { width: 390, height: 700 };
    expect(placeCard({ left: 100, top: 100, width: 190, height: 60 }, card, phone)).toEqual({ left: 75, top: 170 });
    expect(placeCard({ left: 100, top: 550, width: 190, height: 60 }, card, phone)).toEqual({ left: 75, top: 340 });
    const p = placeCard({ left: 0, top: 690, width: 390, height: 60 }, card, phone);
    expect(p.top + card.height).toBeLessThanOrEqual(phone.height - 8);
    expect(p.left).toBeGreaterThanOrEqual(8);
  });
});
