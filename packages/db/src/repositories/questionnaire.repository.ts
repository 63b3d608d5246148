import { sql } from 'drizzle-orm';
import { BUILT_IN_QUESTIONNAIRES, type Questionnaire } from '@patron/domain';
import type { Executor } from '../database';

export interface QuestionnaireVersionRecord {
  version: number;
  createdAt: Date;
  createdBy: string | null;
}

const builtIn = (code: string) => BUILT_IN_QUESTIONNAIRES.find((q) => q.code === code);

/** The version in force: the newest one saved, else the built-in definition; undefined for an unknown code. */
export async function currentQuestionnaire(db: Executor, code: string): Promise<Questionnaire | undefined> {
  const row = await db.first<{ definition: Questionnaire }>(sql`SELECT definition FROM questionnaires WHERE code = ${code} ORDER BY version DESC LIMIT 1`);
  const shipped = builtIn(code);
  if (row === undefined || (shipped !== undefined && shipped.version > row.definition.version)) return shipped;
  return row.definition;
}

/** The saved versions of a questionnaire, newest first (the built-in one appears once it was used or edited). */
export function listQuestionnaireVersions(db: Executor, code: string): Promise<QuestionnaireVersionRecord[]> {
  return db.rows<QuestionnaireVersionRecord>(sql`SELECT q.version, q.created_at AS "createdAt", u.username AS "createdBy"
    FROM questionnaires q LEFT JOIN users u ON u.id = q.created_by WHERE q.code = ${code} ORDER BY q.version DESC`);
}

/** Stores a new version; false when that version number was taken meanwhile. */
export async function insertQuestionnaireVersion(tx: Executor, questionnaire: Questionnaire, userId: number, at: Date): Promise<boolean> {
  const inserted = await tx.run(sql`INSERT INTO questionnaires (code, version, kind, definition, created_at, created_by)
    VALUES (${questionnaire.code}, ${questionnaire.version}, ${questionnaire.kind}, ${JSON.stringify(questionnaire)}::jsonb, ${at.toISOString()}, ${userId})
    ON CONFLICT (code, version) DO NOTHING`);
  return inserted > 0;
}
