/** Classroom mode and the panels shown. */
export const en = {
  'classroom.mode': 'Classroom mode',
  'classroom.panels': 'Panels',
  'classroom.panelsLegend': 'Show these panels',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'classroom.mode': '발표 모드',
  'classroom.panels': '패널',
  'classroom.panelsLegend': '보여 줄 패널',
} as const;
