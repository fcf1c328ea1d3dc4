/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Notices {\n    notices { id publishedOn title body }\n  }\n": typeof types.NoticesDocument,
    "\n  query Me {\n    session { expiresInSeconds }\n    me {\n      authId name sex birthDate residenceAddress phone email userClass previousLoginAt passwordExpiresAt\n      residence { code name nameEn fullName fullNameEn prefecture { code name nameEn } }\n      menu { key available unavailableReason unavailableMessage }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Prefectures {\n    prefectures { code name kana nameEn }\n  }\n": typeof types.PrefecturesDocument,
    "\n  query Municipalities($prefectureCode: String!, $search: String) {\n    municipalities(prefectureCode: $prefectureCode, search: $search) { code name kana nameEn fullName fullNameEn }\n  }\n": typeof types.MunicipalitiesDocument,
    "\n  query PasswordPolicy {\n    passwordPolicy {\n      minLength maxLength symbols maxAgeDays requiresLetter requiresDigit requiresSymbol forbidsAuthId forbidsCommon example\n    }\n  }\n": typeof types.PasswordPolicyDocument,
    "\n  query PasswordCheck($password: String!) {\n    passwordCheck(password: $password) { code message shortMessage }\n  }\n": typeof types.PasswordCheckDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginSuccess { token expiresAt }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on PasswordExpiredError { code message token }\n      ... on AccountUnavailableError { code message }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout { __typename ... on LoggedOut { ok } }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation ValidateRegistration($input: RegisterInput!) {\n    validateRegistration(input: $input) {\n      __typename\n      ... on RegistrationValid {\n        preview {\n          name sex birthDate residenceAddress phone email userClass\n          residence { code name fullName fullNameEn }\n        }\n      }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.ValidateRegistrationDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      __typename\n      ... on RegistrationAccepted { email }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  query PasswordLink($token: String!) {\n    passwordLink(token: $token) { usable purpose error { code message } }\n  }\n": typeof types.PasswordLinkDocument,
    "\n  mutation SetPassword($input: SetPasswordInput!) {\n    setPassword(input: $input) {\n      __typename\n      ... on PasswordSet { authId purpose }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on InvalidLinkError { code message }\n    }\n  }\n": typeof types.SetPasswordDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      __typename\n      ... on UpdateUserSuccess { notifiedEmail user { email } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess { token user { email } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on WrongCurrentPasswordError { code message sessionEnded }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      __typename\n      ... on PasswordResetRequested { email }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on AuthIdEmailMismatchError { code message }\n    }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  query MyCoes {\n    myCoes {\n      number state name birthDate sex organization issuedOn expiresOn bureau receiptRegisteredAt revokedAt revocationReason\n      replacedBy replaces verificationUrl\n      nationality { code ja en }\n      statusOfResidence { code ja en }\n    }\n  }\n": typeof types.MyCoesDocument,
    "\n  mutation RegisterCoeReceipt($input: CoeReceiptInput!) {\n    registerCoeReceipt(input: $input) {\n      __typename\n      ... on CoeReceiptRegistered { coe { number } }\n      ... on InvalidLinkError { code message }\n      ... on CoeNotYoursError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": typeof types.RegisterCoeReceiptDocument,
    "\n  mutation ResendMyCoeMail($number: String!) {\n    resendMyCoeMail(number: $number) {\n      __typename\n      ... on CoeMailResent { coe { number } }\n      ... on CoeNotFoundError { code message }\n      ... on InvalidStateError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.ResendMyCoeMailDocument,
    "\n  query VerifyCoe($input: VerifyCoeInput!) {\n    verifyCoe(input: $input) {\n      result maskedName issuedOn expiresOn\n      nationality { code ja en }\n      statusOfResidence { code ja en }\n    }\n  }\n": typeof types.VerifyCoeDocument,
};
const documents: Documents = {
    "\n  query Notices {\n    notices { id publishedOn title body }\n  }\n": types.NoticesDocument,
    "\n  query Me {\n    session { expiresInSeconds }\n    me {\n      authId name sex birthDate residenceAddress phone email userClass previousLoginAt passwordExpiresAt\n      residence { code name nameEn fullName fullNameEn prefecture { code name nameEn } }\n      menu { key available unavailableReason unavailableMessage }\n    }\n  }\n": types.MeDocument,
    "\n  query Prefectures {\n    prefectures { code name kana nameEn }\n  }\n": types.PrefecturesDocument,
    "\n  query Municipalities($prefectureCode: String!, $search: String) {\n    municipalities(prefectureCode: $prefectureCode, search: $search) { code name kana nameEn fullName fullNameEn }\n  }\n": types.MunicipalitiesDocument,
    "\n  query PasswordPolicy {\n    passwordPolicy {\n      minLength maxLength symbols maxAgeDays requiresLetter requiresDigit requiresSymbol forbidsAuthId forbidsCommon example\n    }\n  }\n": types.PasswordPolicyDocument,
    "\n  query PasswordCheck($password: String!) {\n    passwordCheck(password: $password) { code message shortMessage }\n  }\n": types.PasswordCheckDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginSuccess { token expiresAt }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on PasswordExpiredError { code message token }\n      ... on AccountUnavailableError { code message }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout { __typename ... on LoggedOut { ok } }\n  }\n": types.LogoutDocument,
    "\n  mutation ValidateRegistration($input: RegisterInput!) {\n    validateRegistration(input: $input) {\n      __typename\n      ... on RegistrationValid {\n        preview {\n          name sex birthDate residenceAddress phone email userClass\n          residence { code name fullName fullNameEn }\n        }\n      }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.ValidateRegistrationDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      __typename\n      ... on RegistrationAccepted { email }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.RegisterDocument,
    "\n  query PasswordLink($token: String!) {\n    passwordLink(token: $token) { usable purpose error { code message } }\n  }\n": types.PasswordLinkDocument,
    "\n  mutation SetPassword($input: SetPasswordInput!) {\n    setPassword(input: $input) {\n      __typename\n      ... on PasswordSet { authId purpose }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on InvalidLinkError { code message }\n    }\n  }\n": types.SetPasswordDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      __typename\n      ... on UpdateUserSuccess { notifiedEmail user { email } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess { token user { email } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on WrongCurrentPasswordError { code message sessionEnded }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      __typename\n      ... on PasswordResetRequested { email }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on AuthIdEmailMismatchError { code message }\n    }\n  }\n": types.RequestPasswordResetDocument,
    "\n  query MyCoes {\n    myCoes {\n      number state name birthDate sex organization issuedOn expiresOn bureau receiptRegisteredAt revokedAt revocationReason\n      replacedBy replaces verificationUrl\n      nationality { code ja en }\n      statusOfResidence { code ja en }\n    }\n  }\n": types.MyCoesDocument,
    "\n  mutation RegisterCoeReceipt($input: CoeReceiptInput!) {\n    registerCoeReceipt(input: $input) {\n      __typename\n      ... on CoeReceiptRegistered { coe { number } }\n      ... on InvalidLinkError { code message }\n      ... on CoeNotYoursError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": types.RegisterCoeReceiptDocument,
    "\n  mutation ResendMyCoeMail($number: String!) {\n    resendMyCoeMail(number: $number) {\n      __typename\n      ... on CoeMailResent { coe { number } }\n      ... on CoeNotFoundError { code message }\n      ... on InvalidStateError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.ResendMyCoeMailDocument,
    "\n  query VerifyCoe($input: VerifyCoeInput!) {\n    verifyCoe(input: $input) {\n      result maskedName issuedOn expiresOn\n      nationality { code ja en }\n      statusOfResidence { code ja en }\n    }\n  }\n": types.VerifyCoeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notices {\n    notices { id publishedOn title body }\n  }\n"): (typeof documents)["\n  query Notices {\n    notices { id publishedOn title body }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    session { expiresInSeconds }\n    me {\n      authId name sex birthDate residenceAddress phone email userClass previousLoginAt passwordExpiresAt\n      residence { code name nameEn fullName fullNameEn prefecture { code name nameEn } }\n      menu { key available unavailableReason unavailableMessage }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    session { expiresInSeconds }\n    me {\n      authId name sex birthDate residenceAddress phone email userClass previousLoginAt passwordExpiresAt\n      residence { code name nameEn fullName fullNameEn prefecture { code name nameEn } }\n      menu { key available unavailableReason unavailableMessage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Prefectures {\n    prefectures { code name kana nameEn }\n  }\n"): (typeof documents)["\n  query Prefectures {\n    prefectures { code name kana nameEn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Municipalities($prefectureCode: String!, $search: String) {\n    municipalities(prefectureCode: $prefectureCode, search: $search) { code name kana nameEn fullName fullNameEn }\n  }\n"): (typeof documents)["\n  query Municipalities($prefectureCode: String!, $search: String) {\n    municipalities(prefectureCode: $prefectureCode, search: $search) { code name kana nameEn fullName fullNameEn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PasswordPolicy {\n    passwordPolicy {\n      minLength maxLength symbols maxAgeDays requiresLetter requiresDigit requiresSymbol forbidsAuthId forbidsCommon example\n    }\n  }\n"): (typeof documents)["\n  query PasswordPolicy {\n    passwordPolicy {\n      minLength maxLength symbols maxAgeDays requiresLetter requiresDigit requiresSymbol forbidsAuthId forbidsCommon example\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PasswordCheck($password: String!) {\n    passwordCheck(password: $password) { code message shortMessage }\n  }\n"): (typeof documents)["\n  query PasswordCheck($password: String!) {\n    passwordCheck(password: $password) { code message shortMessage }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginSuccess { token expiresAt }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on PasswordExpiredError { code message token }\n      ... on AccountUnavailableError { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginSuccess { token expiresAt }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on PasswordExpiredError { code message token }\n      ... on AccountUnavailableError { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout { __typename ... on LoggedOut { ok } }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout { __typename ... on LoggedOut { ok } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ValidateRegistration($input: RegisterInput!) {\n    validateRegistration(input: $input) {\n      __typename\n      ... on RegistrationValid {\n        preview {\n          name sex birthDate residenceAddress phone email userClass\n          residence { code name fullName fullNameEn }\n        }\n      }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation ValidateRegistration($input: RegisterInput!) {\n    validateRegistration(input: $input) {\n      __typename\n      ... on RegistrationValid {\n        preview {\n          name sex birthDate residenceAddress phone email userClass\n          residence { code name fullName fullNameEn }\n        }\n      }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      __typename\n      ... on RegistrationAccepted { email }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      __typename\n      ... on RegistrationAccepted { email }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PasswordLink($token: String!) {\n    passwordLink(token: $token) { usable purpose error { code message } }\n  }\n"): (typeof documents)["\n  query PasswordLink($token: String!) {\n    passwordLink(token: $token) { usable purpose error { code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPassword($input: SetPasswordInput!) {\n    setPassword(input: $input) {\n      __typename\n      ... on PasswordSet { authId purpose }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on InvalidLinkError { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation SetPassword($input: SetPasswordInput!) {\n    setPassword(input: $input) {\n      __typename\n      ... on PasswordSet { authId purpose }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on InvalidLinkError { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      __typename\n      ... on UpdateUserSuccess { notifiedEmail user { email } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      __typename\n      ... on UpdateUserSuccess { notifiedEmail user { email } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess { token user { email } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on WrongCurrentPasswordError { code message sessionEnded }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess { token user { email } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on WrongCurrentPasswordError { code message sessionEnded }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      __typename\n      ... on PasswordResetRequested { email }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on AuthIdEmailMismatchError { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      __typename\n      ... on PasswordResetRequested { email }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on AuthIdEmailMismatchError { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCoes {\n    myCoes {\n      number state name birthDate sex organization issuedOn expiresOn bureau receiptRegisteredAt revokedAt revocationReason\n      replacedBy replaces verificationUrl\n      nationality { code ja en }\n      statusOfResidence { code ja en }\n    }\n  }\n"): (typeof documents)["\n  query MyCoes {\n    myCoes {\n      number state name birthDate sex organization issuedOn expiresOn bureau receiptRegisteredAt revokedAt revocationReason\n      replacedBy replaces verificationUrl\n      nationality { code ja en }\n      statusOfResidence { code ja en }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterCoeReceipt($input: CoeReceiptInput!) {\n    registerCoeReceipt(input: $input) {\n      __typename\n      ... on CoeReceiptRegistered { coe { number } }\n      ... on InvalidLinkError { code message }\n      ... on CoeNotYoursError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterCoeReceipt($input: CoeReceiptInput!) {\n    registerCoeReceipt(input: $input) {\n      __typename\n      ... on CoeReceiptRegistered { coe { number } }\n      ... on InvalidLinkError { code message }\n      ... on CoeNotYoursError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendMyCoeMail($number: String!) {\n    resendMyCoeMail(number: $number) {\n      __typename\n      ... on CoeMailResent { coe { number } }\n      ... on CoeNotFoundError { code message }\n      ... on InvalidStateError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation ResendMyCoeMail($number: String!) {\n    resendMyCoeMail(number: $number) {\n      __typename\n      ... on CoeMailResent { coe { number } }\n      ... on CoeNotFoundError { code message }\n      ... on InvalidStateError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyCoe($input: VerifyCoeInput!) {\n    verifyCoe(input: $input) {\n      result maskedName issuedOn expiresOn\n      nationality { code ja en }\n      statusOfResidence { code ja en }\n    }\n  }\n"): (typeof documents)["\n  query VerifyCoe($input: VerifyCoeInput!) {\n    verifyCoe(input: $input) {\n      result maskedName issuedOn expiresOn\n      nationality { code ja en }\n      statusOfResidence { code ja en }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;