import { graphql } from './generated';

/** The notices editor and the audit viewer (docs/spec/staff.md). */

export const StaffNoticesQuery = graphql(`
  query StaffNotices {
    staffNotices {
      id titleJa bodyJa titleEn bodyEn publishFrom publishUntil publishedOn state createdAt updatedAt withdrawnAt
      createdBy { id name } updatedBy { id name }
    }
  }
`);

export const SaveNoticeMutation = graphql(`
  mutation SaveNotice($input: NoticeInput!) {
    saveNotice(input: $input) {
      __typename
      ... on NoticeSaved { notice { id state } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const WithdrawNoticeMutation = graphql(`
  mutation WithdrawNotice($id: ID!) {
    withdrawNotice(id: $id) {
      __typename
      ... on NoticeSaved { notice { id state } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const AuditEventsQuery = graphql(`
  query AuditEvents($filter: AuditFilter!, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { seq at staffId staffName bureau action target reason receptionNumber requestId ip details } }
    }
  }
`);

export const AuditChainStatusQuery = graphql(`
  query AuditChainStatus {
    auditChainStatus { ok checkedEvents firstBrokenSeq }
  }
`);

export const AuditEventsCsvQuery = graphql(`
  query AuditEventsCsv($filter: AuditFilter!) {
    auditEventsCsv(filter: $filter)
  }
`);
