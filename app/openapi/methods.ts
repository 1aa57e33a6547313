/** The operation keys of an OpenAPI path item, for code that walks every operation of the spec. */
export const OPERATION_METHODS = [
  'get',
  'head',
  'post',
  'put',
  'patch',
  'delete',
  'options',
] as const;
