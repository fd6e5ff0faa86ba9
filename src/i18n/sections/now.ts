/** The "now" column beside the stage: its tabs (why, the NAT rewrite, VRRP, a panel a lesson brought there), and the lesson card's fold. */
export const en = {
  'now.tabs': 'What to show beside the stage',
  'now.tab.why': 'Why',
  'now.tab.nat': 'NAT',
  'now.tab.failover': 'VRRP',
  'now.besideNote': 'Shown beside the stage for this lesson step.',
  'lessons.more': 'More',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'now.tabs': '무대 옆에 보여 줄 것',
  'now.tab.why': '이유',
  'now.tab.nat': 'NAT',
  'now.tab.failover': 'VRRP',
  'now.besideNote': '이 수업 단계에서 무대 옆에 보여 줍니다.',
  'lessons.more': '더 보기',
};
