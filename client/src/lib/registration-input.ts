import type { RegisterInput } from '#lib/graphql/generated/graphql.js';

/**
 * The registration form's values (strings as posted; the checkbox 'on') as the API's RegisterInput: what the server
 * sends to `validateRegistration`/`register`, and what STEP1's bound inputs start from in the browser.
 */
export function registerInput(values: Partial<Record<string, string>>): RegisterInput {
  return {
    name: values.name ?? '',
    sex: values.sex ?? '',
    birthYear: values.birthYear ?? '',
    birthMonth: values.birthMonth ?? '',
    birthDay: values.birthDay ?? '',
    residenceCode: values.residenceCode ?? '',
    residenceAddress: values.residenceAddress ?? '',
    phone: values.phone ?? '',
    email: values.email ?? '',
    emailConfirmation: values.emailConfirmation ?? '',
    userClass: values.userClass ?? '',
    termsAccepted: values.termsAccepted === 'on',
  };
}
