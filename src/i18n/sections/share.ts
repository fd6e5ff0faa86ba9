/** Shareable links. */
export const en = {
  'share.button': 'Share link',
  'share.title': 'A link to this moment',
  'share.field': 'Link to this moment',
  'share.copied': 'Copied. Anyone who opens it sees this scenario, these actions and this moment.',
  'share.copyYourself': 'Select the link and copy it. Anyone who opens it sees this scenario, these actions and this moment.',
  'share.close': 'Close',
  'share.saveInstead': 'Save the scenario file',
  'share.bad': 'This link could not be opened: {problem}. The default scenario is open instead.',
  'share.badKept': 'This link could not be opened: {problem}. Nothing on the page was changed.',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'share.button': '링크 공유',
  'share.title': '지금 이 순간의 링크',
  'share.field': '지금 이 순간의 링크',
  'share.copied': '복사했습니다. 이 링크를 여는 사람은 같은 시나리오, 같은 조작, 같은 순간을 봅니다.',
  'share.copyYourself': '링크를 선택해 복사하세요. 이 링크를 여는 사람은 같은 시나리오, 같은 조작, 같은 순간을 봅니다.',
  'share.close': '닫기',
  'share.saveInstead': '시나리오 파일 저장',
  'share.bad': '이 링크를 열 수 없습니다: {problem}. 대신 기본 시나리오를 열었습니다.',
  'share.badKept': '이 링크를 열 수 없습니다: {problem}. 화면은 그대로입니다.',
} as const;
