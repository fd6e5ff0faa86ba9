import type { OwnSection } from '../ownSection.ts';

/** The "Download pcap" part of the Export dialog (src/components/export/PcapButton.tsx). */
const en = {
  button: 'Download pcap',
  hint: 'Every packet of this run, as Wireshark and tshark read it: the same addresses and ports, hop by hop.',
  which: 'Capture',
  whole: 'The whole run',
  upToNow: 'Up to now ({time} ms)',
  working: 'Writing the capture…',
  progress: 'Writing the capture',
  saved: 'Saved {file} ({frames} packets).',
  failed: 'The capture could not be written: {problem}',
} as const;

const ko: Record<keyof typeof en, string> = {
  button: 'pcap 내려받기',
  hint: '이 실행의 모든 패킷을 Wireshark와 tshark가 읽는 파일로 받습니다. 주소와 포트는 홉마다 화면과 같습니다.',
  which: '캡처 범위',
  whole: '실행 전체',
  upToNow: '지금까지({time} ms)',
  working: '캡처 파일을 만드는 중…',
  progress: '캡처 파일을 만드는 중',
  saved: '저장했습니다: {file} (패킷 {frames}개)',
  failed: '캡처 파일을 만들 수 없습니다: {problem}',
};

export const pcapSection: OwnSection<keyof typeof en> = { en, ko };
