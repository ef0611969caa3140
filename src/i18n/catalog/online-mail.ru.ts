import type { onlineMailEn } from './online-mail.en.js';

export const onlineMailRu: Record<keyof typeof onlineMailEn, string> = {
};
