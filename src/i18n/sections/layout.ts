/** The page's frame: toolbar, the now column, the details below. */
export const en = {
} as const;

export const ko: Record<keyof typeof en, string> = {
};
