/** Panels that load on first use, so the first screen's JavaScript stays small. */
export { LessonMenu } from './lessons/LessonMenu.tsx';
export { LessonPanel } from './lessons/LessonPanel.tsx';
export { ScalingPanel } from './compare/ScalingPanel.tsx';
export { SideBySidePanel } from './compare/SideBySidePanel.tsx';
