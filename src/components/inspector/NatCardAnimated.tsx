import { domAnimation, LazyMotion } from 'framer-motion';
import { NatCard } from './NatCard.tsx';

/**
 * The NAT card with framer-motion's animation features: the only part of the page that
 * animates with it, so the library travels in this chunk, not in the first screen's download.
 * `m` components only, never `motion` (strict).
 */
export function NatCardAnimated() {
  return (
    <LazyMotion features={domAnimation} strict>
      <NatCard />
    </LazyMotion>
  );
}
