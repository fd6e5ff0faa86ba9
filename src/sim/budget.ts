import type { Said } from './said.ts';

/**
 * How much work one run may do before it stops with a message. Every source of work is
 * counted as it happens: events processed, requests started, the balancers' own records
 * (adverts, probes, role changes) and the simulated span. The page's budget keeps a run
 * within what a browser tab can hold and draw; the command line's is larger.
 */
export interface Budget {
  maxEvents: number;
  maxRequests: number;
  /** VRRP records, health-check probes and health changes. */
  maxSystemRecords: number;
  maxSpanMs: number;
}

export const PAGE_BUDGET: Budget = {
  maxEvents: 5_000_000,
  maxRequests: 20_000,
  maxSystemRecords: 200_000,
  maxSpanMs: 6 * 3_600_000,
};

/** A run looks at its budget once per this many events, so it may overshoot by as many (a power of two). */
export const BUDGET_CHECK_EVERY = 1024;

export const CLI_BUDGET: Budget = {
  maxEvents: 200_000_000,
  maxRequests: 20_000_000,
  maxSystemRecords: 20_000_000,
  maxSpanMs: 30 * 86_400_000,
};

export type Overrun = 'events' | 'requests' | 'systemRecords' | 'span';

const n = (x: number) => x.toLocaleString('en-US');

/** What to reduce, in both languages, when a run goes past its budget. */
export function overrunMessage(what: Overrun, b: Budget): Said {
  switch (what) {
    case 'requests':
      return {
        en: `the run stopped after ${n(b.maxRequests)} requests, the most it may make here: send fewer requests (a lower "ratePerSec" or a shorter "durationMs", also in "set-load" events)`,
        ko: `요청이 여기서 만들 수 있는 최대치(${n(b.maxRequests)}개)에 이르러 실행을 멈췄습니다: 요청을 줄이세요("ratePerSec"를 낮추거나 "durationMs"를 줄이세요. "set-load" 이벤트도 마찬가지입니다)`,
      };
    case 'systemRecords':
      return {
        en: `the run stopped after ${n(b.maxSystemRecords)} health checks and VRRP adverts: use a longer "healthCheck.intervalMs" or "balancers.advertIntervalMs", or a shorter run`,
        ko: `헬스 체크와 VRRP 광고가 ${n(b.maxSystemRecords)}개에 이르러 실행을 멈췄습니다: "healthCheck.intervalMs"나 "balancers.advertIntervalMs"를 늘리거나 실행을 짧게 하세요`,
      };
    case 'span':
      return {
        en: `the run stopped at ${n(b.maxSpanMs / 3_600_000)} h of simulated time, the longest it may last here: use shorter "serviceMs", timeouts or "durationMs"`,
        ko: `시뮬레이션 시간이 여기서 허용되는 최대치(${n(b.maxSpanMs / 3_600_000)}시간)에 이르러 실행을 멈췄습니다: "serviceMs", 타임아웃, "durationMs"를 줄이세요`,
      };
    case 'events':
      return {
        en: `the run stopped after ${n(b.maxEvents)} simulated events, the most it may process here: send fewer requests or make the run shorter`,
        ko: `시뮬레이션 이벤트가 여기서 처리할 수 있는 최대치(${n(b.maxEvents)}개)에 이르러 실행을 멈췄습니다: 요청을 줄이거나 실행을 짧게 하세요`,
      };
  }
}
