/** A box on the screen, in CSS pixels (as getBoundingClientRect gives it). */
export interface ScreenBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Room kept between the card and the screen's edge, and between the card and its node. */
const MARGIN = 8;
const GAP = 10;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * Where the node's card goes: beside the node (right, else left), centred on it; where neither
 * side has room (a phone), under it, else over it; always inside the view (`view`, the visible
 * part of the window: its height less a docked bar).
 */
export function placeCard(node: ScreenBox, card: { width: number; height: number }, view: { width: number; height: number }) {
  const right = node.left + node.width;
  const bottom = node.top + node.height;
  let left: number;
  let top: number;
  if (right + GAP + card.width <= view.width - MARGIN) {
    left = right + GAP;
    top = node.top + node.height / 2 - card.height / 2;
  } else if (node.left - GAP - card.width >= MARGIN) {
    left = node.left - GAP - card.width;
    top = node.top + node.height / 2 - card.height / 2;
  } else {
    left = node.left + node.width / 2 - card.width / 2;
    top = bottom + GAP + card.height <= view.height - MARGIN ? bottom + GAP : node.top - GAP - card.height;
  }
  return {
    left: clamp(left, MARGIN, Math.max(MARGIN, view.width - MARGIN - card.width)),
    top: clamp(top, MARGIN, Math.max(MARGIN, view.height - MARGIN - card.height)),
  };
}
