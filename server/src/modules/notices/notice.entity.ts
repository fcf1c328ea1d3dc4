import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * お知らせ (staff.md "Notices"): ja and en texts and a publication window. No `publishFrom`: a draft; no
 * `publishUntil`: open-ended; `withdrawnAt`: taken down for good. The services read and write it with SQL
 * (notices.service.ts); the entity maps the table for the ORM.
 */
export const NoticeSchema = defineEntity({
  name: 'Notice',
  tableName: 'notice',
  properties: {
    id: p.integer().primary().autoincrement(),
    titleJa: p.text(),
    bodyJa: p.text(),
    titleEn: p.text(),
    bodyEn: p.text(),
    publishFrom: p.datetime().nullable(),
    publishUntil: p.datetime().nullable(),
    withdrawnAt: p.datetime().nullable(),
    createdBy: p.uuid().nullable(),
    updatedBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type NoticeRow = InferEntity<typeof NoticeSchema>;
