/** Worklists: what each person must do next, as named lists and merged into my-day. */
export * from './types.js';
export { listWorklist, worklistSql } from './lists.js';
export { myDay, MY_DAY_DEPTH } from './my-day.js';
export { agencyDay, lineOfDay, isDayList, DAY_LINES, DAY_LINE_CODES, MONEY_LINES, type AgencyDay, type DayLine, type DayLineCode, type DayListCode, type ManagerDay, type Sums } from './agency-day.js';
export { inquiryListSql } from './inquiry-lists.js';
export { priorityOf, urgencyOf, type Urgency } from './priority.js';
export { whoseWork } from './whose.js';
export { receivedSql, RECEIVED_DAYS } from './contact-lists.js';
