import type { campaignPreviewEn } from './campaign-preview.en.js';

/** Campaign words: the preview with a real recipient, the test copy, the recipients list. */
export const campaignPreviewRu: Record<keyof typeof campaignPreviewEn, string> = {
  "campaignPreview.title": "Письмо так, как его увидит {name}",
  "campaignPreview.titleSent": "Письмо так, как его получил клиент {name}",
  "campaignPreview.titleNobody": "Письмо с вашим именем ({name}): рассылка пока никого не охватывает",
  "campaignPreview.typed": "Как набрано, ещё не сохранено.",
  "campaignPreview.language": "Язык: {language}. Каждый клиент читает текст на своём языке, иначе основной.",
  "campaignPreview.subject": "Тема",
  "campaignPreview.noText": "Напишите тему и текст, чтобы увидеть письмо.",
  "campaignPreview.testTitle": "Отправить тест себе",
  "campaignPreview.testHint": "Одна копия, написанная так, как её получит {name}, с пометкой [Тест] в теме. Она не считается и не меняет рассылку; ссылка отписки в ней никого не отписывает.",
  "campaignPreview.testEmail": "Куда отправить",
  "campaignPreview.testSend": "Отправить тест",
  "campaignPreview.testCopies": "Тестовые копии",
  "campaignPreview.testCopy": "{to} · {status} · {date}",
  "campaignPreview.testSubject": "[Тест] {subject}",
  "campaignPreview.testFooter": "Тестовая копия: здесь каждый клиент найдёт свою ссылку для отписки",
  "campaignPreview.recipientLanguage": "язык: {language}",
  "campaignPreview.recipientsHint": "Кого сегмент охватывает сейчас; тема и текст могут подождать.",
  "done.campaignTestSent": "Тестовая копия отправлена: проверьте почту.",
  "done.campaignTestQueued": "Почтовый сервер ещё не принял тестовую копию: она будет отправлена повторно сама. Её состояние ниже.",
  "once.campaignTest.already": "Уже отправлено — эта тестовая копия уже была отправлена.",
  "once.campaignTest.recent": "Такая же тестовая копия ушла на этот адрес {minutes, plural, =0 {меньше минуты назад} one {# минуту назад} few {# минуты назад} many {# минут назад} other {# минуты назад}}.",
  "once.campaignTest.again": "Отправить ещё одну тестовую копию",
  "notification.campaign_test": "Тестовая копия рассылки",
};
