import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const NoticeSchema = defineEntity({
  name: 'Notice',
  tableName: 'notice',
  properties: {
    id: p.integer().primary().autoincrement(),
    publishedOn: p.date(),
    titleJa: p.text(),
    bodyJa: p.text(),
    titleEn: p.text(),
    bodyEn: p.text(),
  },
});

export type NoticeRow = InferEntity<typeof NoticeSchema>;
