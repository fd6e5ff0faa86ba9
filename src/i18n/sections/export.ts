/**
 * "Export": the header's button and its dialog's frame. What is inside the dialog carries its own
 * strings (exportPanel.ts), so they load with it.
 */
export const en = {
  'export.button': 'Export',
  'export.title': 'This scenario on real machines',
  'export.close': 'Close',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'export.button': '내보내기',
  'export.title': '이 시나리오를 실제 서버에서',
  'export.close': '닫기',
} as const;
