import type fieldErrorsZh from './fieldErrors.zh-CN'

// A field error's reason by its code and limits (see fieldErrors.zh-CN.ts).
export default {
  required: 'Required',
  tooShort: 'Too short: at least {minimum} characters',
  tooLong: 'Too long: at most {maximum} characters',
  tooFewItems: 'At least {minimum} needed',
  tooManyItems: 'Too many: at most {maximum}',
  tooSmallNumber: 'Too small: at least {minimum}',
  tooBigNumber: 'Too large: at most {maximum}',
  tooEarly: 'Too early a date',
  tooLate: 'Too late a date',
  invalidType: 'Missing or not valid',
  invalidValue: 'Choose one of the offered values',
  notMultipleOf: 'Not an accepted number',
  unrecognizedKeys: 'Contains fields that are not accepted',
  format: {
    date: 'Not a valid date (YYYY-MM-DD)',
    datetime: 'Not a valid date and time',
    time: 'Not a valid time',
    uuid: 'Not a valid ID',
    email: 'Not a valid email address',
    url: 'Not a valid web address',
    other: 'Not in the expected format',
  },
  reason: {
    dateOrder: 'The end date cannot be before the start date',
  },
  exists: 'Already exists',
  immutable: 'Cannot be changed',
  outsideDivision: 'Outside your division',
  missingColumn: 'This column is missing',
  duplicate: 'Duplicated',
  unknownItem: 'No such service item',
  fallback: 'This value is not accepted',
} satisfies typeof fieldErrorsZh
