import * as v from 'valibot';
import { say, sayOf } from './said.ts';
import { int, objectMessage, positiveMs, trueOrFalse } from './scenarioFields.ts';

/** The scenario file's `balancers` section: the two balancers' VRRP (keepalived's vrrp_instance). */

const BalancersSchema = v.strictObject(
  {
    advertIntervalMs: v.optional(positiveMs(60_000)),
    priorities: v.optional(
      v.pipe(
        v.array(
          int(1, 254, { en: 'a VRRP priority from 1 to 254', ko: '1부터 254까지의 VRRP 우선순위여야 합니다' }),
          say('must be a list of two priorities', '우선순위 두 개의 목록이어야 합니다'),
        ),
        v.length(2, say("must give the two balancers' priorities", '두 로드밸런서의 우선순위 두 개여야 합니다')),
        v.check(
          (p) => p[0] !== p[1],
          say('must differ, so that one balancer is the master', '서로 달라야 합니다(그래야 한쪽이 마스터가 됩니다)'),
        ),
      ),
    ),
    sync: v.optional(trueOrFalse),
    preempt: v.optional(trueOrFalse),
    version: v.optional(
      v.picklist(
        [2, 3],
        say("must be 2 (VRRPv2, keepalived's default) or 3 (VRRPv3)", '2(VRRPv2, keepalived 기본값) 또는 3(VRRPv3)이어야 합니다'),
      ),
    ),
  },
  objectMessage('an object such as {"priorities": [150, 100], "sync": false}', '{"priorities": [150, 100], "sync": false} 같은 객체'),
);

/** VRRPv2 sends adverts in whole seconds, VRRPv3 in centiseconds (RFC 3768 §5.3.7, RFC 5798 §5.2.7). */
const advertsWhole = v.forward(
  v.check(
    (b: v.InferOutput<typeof BalancersSchema>) =>
      b.advertIntervalMs === undefined || b.advertIntervalMs % ((b.version ?? 2) === 2 ? 1000 : 10) === 0,
    sayOf((i: { input: { version?: number; advertIntervalMs?: number } }) =>
      (i.input.version ?? 2) === 2
        ? {
            en: `must be whole seconds with VRRPv2, keepalived's default (got ${i.input.advertIntervalMs}): use 1000, 2000… or set "version": 3`,
            ko: `VRRPv2(keepalived 기본값)에서는 초 단위여야 합니다 (입력: ${i.input.advertIntervalMs}): 1000, 2000… 처럼 쓰거나 "version": 3으로 설정하세요`,
          }
        : {
            en: `must be a multiple of 10 ms with VRRPv3 (got ${i.input.advertIntervalMs})`,
            ko: `VRRPv3에서는 10 ms의 배수여야 합니다 (입력: ${i.input.advertIntervalMs})`,
          },
    ),
  ),
  ['advertIntervalMs'],
);
/** VRRPv3's advert interval is 12 bits of centiseconds: at most 40.95 s (RFC 5798 §5.2.7; keepalived resets a longer one). */
const V3_MAX_ADVERT_MS = 40_950;
const advertsFit = v.forward(
  v.check(
    (b: v.InferOutput<typeof BalancersSchema>) => b.version !== 3 || (b.advertIntervalMs ?? 1000) <= V3_MAX_ADVERT_MS,
    sayOf((i: { input: { advertIntervalMs?: number } }) => ({
      en: `must be at most ${V3_MAX_ADVERT_MS} ms with VRRPv3 (got ${i.input.advertIntervalMs}): its adverts carry 12 bits of centiseconds`,
      ko: `VRRPv3에서는 ${V3_MAX_ADVERT_MS} ms 이하여야 합니다 (입력: ${i.input.advertIntervalMs}): 광고 간격이 센티초 12비트입니다`,
    })),
  ),
  ['advertIntervalMs'],
);
export const BalancersChecked = v.pipe(BalancersSchema, advertsWhole, advertsFit);
