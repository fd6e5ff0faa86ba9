/** The page's frame: toolbar, the now column, the details below. */
export const en = {
  'layout.stageSettings': 'Layer, algorithm and forwarding',
  'layout.now': 'What is happening now, and why',
  'layout.details': 'Details and settings',
  'layout.failoverSettings': 'Failover and health check settings',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'layout.stageSettings': '계층, 알고리즘, 전달 방식',
  'layout.now': '지금 일어나는 일과 그 이유',
  'layout.details': '자세히 보기와 설정',
  'layout.failoverSettings': '장애 조치와 헬스 체크 설정',
};
