import { knownStageOf } from '../src/domain/tasks/index.js';
import type { Tr } from './tr.js';

/**
 * A stage of the trip's plan in the reader's words: the seeded stages are stored in the
 * language the agency started in, so a stage the code knows is worded anew; a title the
 * agency typed is shown as typed.
 */
export function stageWords(tr: Tr, title: string): string {
  const code = knownStageOf(title);
  return code ? tr.t(`deskDetails.stage.${code}`) : title;
}
