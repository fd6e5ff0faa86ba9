/** The narration line under the stage and the timeline's marks. */
export const en = {
  'narration.start': 'Press Play, or step with →',
  'narration.startTouch': 'Press Play, or step with the Step forward button',
  'timeline.speedShort': '{speed}×',
  'timeline.requests': 'Requests: a tick where they start, taller where more start ({count} in all)',
  'timeline.marks': 'Failures, restores and failovers on the timeline',
  'timeline.jump': 'Jump to {what} at {time}',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'narration.start': '재생을 누르거나 → 키로 한 단계씩 보세요',
  'narration.startTouch': '재생을 누르거나 ‘한 단계 앞으로’ 버튼으로 한 단계씩 보세요',
  'timeline.speedShort': '{speed}배',
  'timeline.requests': '요청: 시작한 곳마다 눈금, 많이 시작할수록 길게 (모두 {count}개)',
  'timeline.marks': '타임라인의 장애, 복구, 장애 조치 표시',
  'timeline.jump': '{time} 지점으로 이동: {what}',
};
