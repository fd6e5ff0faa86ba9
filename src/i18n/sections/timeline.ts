/** The narration line under the stage and the timeline's marks. */
export const en = {
} as const;

export const ko: Record<keyof typeof en, string> = {
};
