export * from './schema';
export * from './scales';
export { recode, isFavourable, npsCategory, type NpsCategory } from './scoring';
export {
  validateAnswers,
  validateAnswer,
  cleanText,
  ANSWER_ERROR_CODES,
  type AnswerErrorCode,
  type AnswerError,
  type AnswerValidation,
  type SingleAnswerValidation,
} from './answers';
export {
  ATTRIBUTES,
  JOB_LEVEL,
  AGE_BAND,
  EMPLOYMENT_TYPE,
  validateAttributes,
  type AttributeError,
  type AttributeErrorCode,
  type AttributeValidation,
} from './attributes';
export {
  likertItem,
  npsItem,
  singleItem,
  multiItem,
  numberItem,
  textItem,
  option,
  type ItemFlags,
} from './builders';
export { CONSTRUCTS, constructById } from './constructs/index';
export { FREE_COMMENT } from './comments';
export {
  annualStaffSurvey,
  buildTemplate,
  itemsOfTemplate,
  constructOfItem,
  type SectionSpec,
  type TemplateSpec,
} from './template';
