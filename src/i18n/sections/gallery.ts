/** The gallery of ready scenarios, and scenario files. */
export const en = {
  'gallery.button': 'Scenario gallery',
  'gallery.title': 'Scenario gallery',
  'gallery.intro':
    'Ready scenarios for each idea of the lessons. Opening one replaces the current scenario; save yours first if you want to keep it.',
  'gallery.open': 'Open',
  'gallery.openNamed': 'Open "{name}"',
  'gallery.close': 'Close',
  'gallery.file': 'Open a scenario file',
  'gallery.save': 'Save this scenario',
  'gallery.badJson': 'The file "{name}" is not valid JSON ({problem}). The current scenario is kept.',
  'gallery.tooBig':
    'The file "{name}" is larger than {mb} MB, more than the page can run: use the command line for it. The current scenario is kept.',
  'gallery.badFile': 'The file "{name}" is not a scenario this lab can run: {problem}. The current scenario is kept.',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'gallery.button': '시나리오 모음',
  'gallery.title': '시나리오 모음',
  'gallery.intro':
    '수업의 각 개념을 보여 주는 준비된 시나리오입니다. 하나를 열면 지금 시나리오를 바꿉니다. 지금 것을 남기려면 먼저 저장하세요.',
  'gallery.open': '열기',
  'gallery.openNamed': '"{name}" 열기',
  'gallery.close': '닫기',
  'gallery.file': '시나리오 파일 열기',
  'gallery.save': '이 시나리오 저장',
  'gallery.badJson': '"{name}" 파일은 올바른 JSON이 아닙니다({problem}). 지금 시나리오를 그대로 둡니다.',
  'gallery.tooBig': '"{name}" 파일은 {mb} MB보다 커서 화면에서 실행할 수 없습니다: 명령줄을 쓰세요. 지금 시나리오를 그대로 둡니다.',
  'gallery.badFile': '"{name}" 파일은 실행할 수 있는 시나리오가 아닙니다: {problem}. 지금 시나리오를 그대로 둡니다.',
} as const;
