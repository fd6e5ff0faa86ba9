/** What moves on the drawing: packet labels, the legend, the header tag, outcomes. */
export const en = {
} as const;

export const ko: Record<keyof typeof en, string> = {
};
