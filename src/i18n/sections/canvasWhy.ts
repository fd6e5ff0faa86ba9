/** The why drawn on the stage: weights, hash, open connections, countdown, links marked down. */
export const en = {
} as const;

export const ko: Record<keyof typeof en, string> = {
};
