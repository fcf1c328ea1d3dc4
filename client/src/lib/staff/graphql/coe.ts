import { graphql } from './generated';

/** The staff console's COE pages (docs/spec/coe.md "Staff API"): the form's lists, a COE with its history, the actions. */

export const CoeReferenceDataQuery = graphql(`
  query CoeReferenceData {
    coeReferenceData {
      nationalities { code ja en }
      statusesOfResidence { code ja en }
    }
  }
`);

export const StaffCoeQuery = graphql(`
  query StaffCoe($number: String!) {
    coe(number: $number) {
      number state authId applicationNumber name birthDate sex organization issuedOn expiresOn bureau issuedAt mailedAt
      receiptRegisteredAt revokedAt revocationReason replacedBy replaces verificationUrl verificationCount
      nationality { code ja en }
      statusOfResidence { code ja en }
      events { at kind staffId mail reason }
    }
  }
`);

export const IssueCoeMutation = graphql(`
  mutation IssueCoe($input: IssueCoeInput!) {
    issueCoe(input: $input) {
      __typename
      ... on CoeIssued { coe { number } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const ReissueCoeMutation = graphql(`
  mutation ReissueCoe($input: ReissueCoeInput!) {
    reissueCoe(input: $input) {
      __typename
      ... on CoeIssued { coe { number } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const RevokeCoeMutation = graphql(`
  mutation RevokeCoe($input: RevokeCoeInput!) {
    revokeCoe(input: $input) {
      __typename
      ... on CoeRevoked { coe { number } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const ResendCoeMailMutation = graphql(`
  mutation ResendCoeMail($number: String!) {
    resendCoeMail(number: $number) {
      __typename
      ... on CoeMailResent { coe { number } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

/** Who the issue form is for (the detail's read, audited as such). */
export const CoeRecipientQuery = graphql(`
  query CoeRecipient($authId: String!) {
    applicant(authId: $authId) { authId name userClass status }
  }
`);
