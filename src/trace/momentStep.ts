/**
 * What one moment of a request's story is: one of its hops, its DNS query or answer, or one of
 * its handshake segments. The trace crosses from the Worker as typed arrays, so a moment stores
 * this packed into one integer (`Trace.momentHop`); nothing outside this file knows the packing.
 */
export type MomentStep =
  { kind: 'hop'; hop: number } | { kind: 'dns-query' } | { kind: 'dns-answer' } | { kind: 'segment'; segment: number };

// Hops count up from 0, so everything else takes the negative numbers.
const DNS_QUERY = -1;
const DNS_ANSWER = -2;
const FIRST_SEGMENT = -3;

export function packStep(step: MomentStep): number {
  switch (step.kind) {
    case 'hop':
      return step.hop;
    case 'dns-query':
      return DNS_QUERY;
    case 'dns-answer':
      return DNS_ANSWER;
    case 'segment':
      return FIRST_SEGMENT - step.segment;
  }
}

export function unpackStep(packed: number): MomentStep {
  if (packed >= 0) return { kind: 'hop', hop: packed };
  if (packed === DNS_QUERY) return { kind: 'dns-query' };
  if (packed === DNS_ANSWER) return { kind: 'dns-answer' };
  return { kind: 'segment', segment: FIRST_SEGMENT - packed };
}
