/** Strings of the inspector panel(s). */
export const en = {
} as const;

export const ko: Record<keyof typeof en, string> = {
};
