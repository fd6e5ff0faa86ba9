import type { OwnSection } from '../ownSection.ts';

/** Inside the "Export" dialog (src/components/export/ExportPanel.tsx, loaded on first use). */
const en = {
  intro: 'The scenario in force, as configuration for the real tools, with a comment on what each line does here.',
  which: 'Configuration',
  text: '{file} for this scenario',
  copy: 'Copy',
  copied: 'Copied.',
  copyYourself: 'The browser refused to copy: select the text and copy it.',
} as const;

const ko: Record<keyof typeof en, string> = {
  intro: '지금 적용된 시나리오를 실제 도구의 설정 파일로 보여 줍니다. 각 줄이 여기서 하는 일을 주석으로 달았습니다.',
  which: '설정 파일',
  text: '이 시나리오의 {file}',
  copy: '복사',
  copied: '복사했습니다.',
  copyYourself: '브라우저가 복사를 막았습니다. 텍스트를 선택해 복사하세요.',
};

export const exportPanel: OwnSection<keyof typeof en> = { en, ko };
