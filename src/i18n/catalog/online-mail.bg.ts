import type { onlineMailEn } from './online-mail.en.js';

export const onlineMailBg: Record<keyof typeof onlineMailEn, string> = {
};
