import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Every failed constraint, named by its dotted field path (`scope.departmentIds`), never echoing the value. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** 400 with `{ statusCode, error, message, fields: [{ field, problems }] }` naming each bad field. */
export function invalidInput(fields: FieldProblem[]): BadRequestException {
  const message = `invalid ${fields.map((problem) => problem.field).join(', ')}`;
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, fields });
}

/** The admin API's pipe: whitelist, no unknown fields, clear messages per field. */
export function adminValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidInput(fieldProblems(errors)),
  });
}
