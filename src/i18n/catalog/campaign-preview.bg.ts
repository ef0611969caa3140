import type { campaignPreviewEn } from './campaign-preview.en.js';

/** Campaign words: the preview with a real recipient, the test copy, the recipients list. */
export const campaignPreviewBg: Record<keyof typeof campaignPreviewEn, string> = {
  "campaignPreview.title": "Писмото така, както ще го види {name}",
  "campaignPreview.titleSent": "Писмото така, както го получи {name}",
  "campaignPreview.titleNobody": "Писмото с вашето име ({name}): кампанията още не стига до никого",
  "campaignPreview.typed": "Както е написано, още не е запазено.",
  "campaignPreview.language": "Език: {language}. Всеки клиент чете текста на своя език, иначе основния.",
  "campaignPreview.subject": "Тема",
  "campaignPreview.noText": "Напишете темата и текста, за да видите писмото.",
  "campaignPreview.testTitle": "Изпрати тест до мен",
  "campaignPreview.testHint": "Едно копие, написано така, както ще го получи {name}, с отбелязано [Тест] в темата. Не се брои и не променя кампанията; връзката за отписване в него не отписва никого.",
  "campaignPreview.testEmail": "Изпрати до",
  "campaignPreview.testSend": "Изпрати тест",
  "campaignPreview.testCopies": "Тестови копия",
  "campaignPreview.testCopy": "{to} · {status} · {date}",
  "campaignPreview.testSubject": "[Тест] {subject}",
  "campaignPreview.testFooter": "Тестово копие: тук всеки клиент намира своята връзка за отписване",
  "campaignPreview.recipientLanguage": "език: {language}",
  "campaignPreview.recipientsHint": "До кого стига сегментът сега; темата и текстът могат да почакат.",
  "done.campaignTestSent": "Тестовото копие е изпратено: проверете пощата.",
  "done.campaignTestQueued": "Пощенският сървър още не е приел тестовото копие: то ще бъде изпратено повторно само. Състоянието му е по-долу.",
  "once.campaignTest.already": "Вече е изпратено — това тестово копие вече беше изпратено.",
  "once.campaignTest.recent": "Същото тестово копие отиде на този адрес {minutes, plural, =0 {преди по-малко от минута} one {преди # минута} other {преди # минути}}.",
  "once.campaignTest.again": "Изпрати още едно тестово копие",
  "notification.campaign_test": "Тестово копие на кампания",
};
