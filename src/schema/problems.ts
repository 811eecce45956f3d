import type { DefinitionProblem } from '../errors/definition-error.js';

/** Records one problem about `model` (and optionally one of its attributes). */
export type Complain = (message: string, attribute?: string) => void;

export function complainer(problems: DefinitionProblem[], model: string): Complain {
  return (message, attribute) => {
    problems.push(attribute === undefined ? { model, message } : { model, attribute, message });
  };
}
