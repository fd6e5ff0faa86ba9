import type { OwnSection } from '../ownSection.ts';

/**
 * The IPVS marks' words on the stage (src/components/topology/why/ipvsMarks.tsx, ipvsGlyphs.ts):
 * rr's walk, wrr's bars against cw, lc/wlc's overhead, sh's bucket. An own section: the marks load
 * when the page is in L4, and their words with them.
 */
const en = {
  'cw.rrTag': 'rr: {after} → {server}',
  'cw.rrTagNone': 'rr: {after} → no destination',
  'cw.head': 'head',
  'cw.shTag': 'hash({key}) → bucket {bucket} → {server}',
  'cw.shTagShort': 'sh: bucket {bucket} → {server}',
  'cw.walkLabel': 'IPVS {kernel} at {lb}: {text}',
  'cw.shLabel': 'IPVS sh at {lb}: hash({key}) is bucket {bucket}, which holds {server}',
  'cw.cwBars': "IPVS wrr, each server's weight against cw {cw}: {list}",
  'cw.overheadDots': 'IPVS {kernel}, the connections at the pick and the overhead compared: {list}',
  'cw.overheadItem': '{server} {active} active, {inactive} inactive, {value}',
} as const;

const ko: Record<keyof typeof en, string> = {
  'cw.rrTag': 'rr: {after} → {server}',
  'cw.rrTagNone': 'rr: {after} → 목적지 없음',
  'cw.head': '목록 처음',
  'cw.shTag': 'hash({key}) → 버킷 {bucket} → {server}',
  'cw.shTagShort': 'sh: 버킷 {bucket} → {server}',
  'cw.walkLabel': '{lb}의 IPVS {kernel}: {text}',
  'cw.shLabel': '{lb}의 IPVS sh: hash({key}) → 버킷 {bucket}, 그 버킷의 서버: {server}',
  'cw.cwBars': 'IPVS wrr, 서버별 가중치와 cw {cw} 비교: {list}',
  'cw.overheadDots': 'IPVS {kernel}, 고를 때의 연결 수와 비교한 overhead: {list}',
  'cw.overheadItem': '{server} active {active}, inactive {inactive}, {value}',
};

export const ipvsMarkWords: OwnSection<keyof typeof en> = { en, ko };
