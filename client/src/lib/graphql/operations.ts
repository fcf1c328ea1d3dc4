import { graphql } from './generated';

/**
 * Every operation the web client sends. graphql-codegen reads this file and generates the typed documents
 * (./generated), so a change to schema.graphql that breaks one of these fails `npm run codegen` and CI.
 */

export const NoticesQuery = graphql(`
  query Notices {
    notices { id publishedOn title body }
  }
`);

/** The logged-in user and the idle deadline the same session lookup set (one API request, one lookup). */
export const MeQuery = graphql(`
  query Me {
    session { expiresInSeconds }
    me {
      authId name sex birthDate residenceAddress phone email userClass previousLoginAt passwordExpiresAt
      residence { code name nameEn fullName fullNameEn prefecture { code name nameEn } }
      menu { key available unavailableReason unavailableMessage }
    }
  }
`);

export const PrefecturesQuery = graphql(`
  query Prefectures {
    prefectures { code name kana nameEn }
  }
`);

export const MunicipalitiesQuery = graphql(`
  query Municipalities($prefectureCode: String!, $search: String) {
    municipalities(prefectureCode: $prefectureCode, search: $search) { code name kana nameEn fullName fullNameEn }
  }
`);

export const PasswordPolicyQuery = graphql(`
  query PasswordPolicy {
    passwordPolicy {
      minLength maxLength symbols maxAgeDays requiresLetter requiresDigit requiresSymbol forbidsAuthId forbidsCommon example
    }
  }
`);

export const PasswordCheckQuery = graphql(`
  query PasswordCheck($password: String!) {
    passwordCheck(password: $password) { code message shortMessage }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on LoginSuccess { token expiresAt }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      ... on InvalidCredentialsError { code message }
      ... on AccountLockedError { code message lockedUntil }
      ... on PasswordExpiredError { code message token }
      ... on AccountUnavailableError { code message }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout { __typename ... on LoggedOut { ok } }
  }
`);

export const ValidateRegistrationMutation = graphql(`
  mutation ValidateRegistration($input: RegisterInput!) {
    validateRegistration(input: $input) {
      __typename
      ... on RegistrationValid {
        preview {
          name sex birthDate residenceAddress phone email userClass
          residence { code name fullName fullNameEn }
        }
      }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
    }
  }
`);

export const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      __typename
      ... on RegistrationAccepted { email }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
    }
  }
`);

export const PasswordLinkQuery = graphql(`
  query PasswordLink($token: String!) {
    passwordLink(token: $token) { usable purpose error { code message } }
  }
`);

export const SetPasswordMutation = graphql(`
  mutation SetPassword($input: SetPasswordInput!) {
    setPassword(input: $input) {
      __typename
      ... on PasswordSet { authId purpose }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      ... on InvalidLinkError { code message }
    }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      __typename
      ... on UpdateUserSuccess { notifiedEmail user { email } }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on ChangePasswordSuccess { token user { email } }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      ... on WrongCurrentPasswordError { code message sessionEnded }
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ... on PasswordResetRequested { email }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      ... on AuthIdEmailMismatchError { code message }
    }
  }
`);

/** The electronic COE (docs/spec/coe.md): what the list, the detail and the print view show of the recipient's COEs. */
export const MyCoesQuery = graphql(`
  query MyCoes {
    myCoes {
      number state name birthDate sex organization issuedOn expiresOn bureau receiptRegisteredAt revokedAt revocationReason
      replacedBy replaces verificationUrl
      nationality { code ja en }
      statusOfResidence { code ja en }
    }
  }
`);

export const RegisterCoeReceiptMutation = graphql(`
  mutation RegisterCoeReceipt($input: CoeReceiptInput!) {
    registerCoeReceipt(input: $input) {
      __typename
      ... on CoeReceiptRegistered { coe { number } }
      ... on InvalidLinkError { code message }
      ... on CoeNotYoursError { code message }
      ... on InvalidStateError { code message }
    }
  }
`);

export const ResendMyCoeMailMutation = graphql(`
  mutation ResendMyCoeMail($number: String!) {
    resendMyCoeMail(number: $number) {
      __typename
      ... on CoeMailResent { coe { number } }
      ... on CoeNotFoundError { code message }
      ... on InvalidStateError { code message }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
    }
  }
`);

export const VerifyCoeQuery = graphql(`
  query VerifyCoe($input: VerifyCoeInput!) {
    verifyCoe(input: $input) {
      result maskedName issuedOn expiresOn
      nationality { code ja en }
      statusOfResidence { code ja en }
    }
  }
`);
